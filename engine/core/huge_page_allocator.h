#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace pipescope {

// Memory for large arrays that are written once front to back (a lane's trace events: up to
// hundreds of MiB per run). Touching fresh memory faults one 4 KiB page at a time, and in this
// project's virtual machines the faults took as long as the simulation that filled the pages; an
// allocation of at least kHugeAllocationBytes is aligned to 2 MiB and asks the kernel for
// transparent huge pages (madvise), which cuts the faults 512-fold where the kernel allows it and
// changes nothing where it does not. Smaller ones come from the usual heap.
namespace huge_pages {
inline constexpr std::size_t kHugeAllocationBytes = std::size_t{4} << 20;
void* allocate(std::size_t bytes);           // throws std::bad_alloc like operator new
void deallocate(void* p, std::size_t bytes); // `bytes` as given to allocate()
} // namespace huge_pages

template <typename T> struct HugePageAllocator {
    using value_type = T;

    HugePageAllocator() = default;
    template <typename U> HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > std::allocator_traits<std::allocator<T>>::max_size(std::allocator<T>{}))
            throw std::bad_array_new_length();
        return static_cast<T*>(huge_pages::allocate(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) noexcept { huge_pages::deallocate(p, n * sizeof(T)); }

    template <typename U> bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
};

} // namespace pipescope
