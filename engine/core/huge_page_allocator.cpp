#include "core/huge_page_allocator.h"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace pipescope::huge_pages {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

bool isHuge(std::size_t bytes) {
    return bytes >= kHugeAllocationBytes;
}

} // namespace

void* allocate(std::size_t bytes) {
    if (!isHuge(bytes))
        return ::operator new(bytes);
    // aligned_alloc wants a multiple of the alignment; the rounding is less than one huge page.
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (!p)
        throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // A hint: refused (no transparent huge pages) it leaves ordinary pages, which work the same.
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

void deallocate(void* p, std::size_t bytes) {
    if (!isHuge(bytes)) {
        ::operator delete(p); // unsized: clang does not declare sized deallocation by default
        return;
    }
    std::free(p);
}

} // namespace pipescope::huge_pages
