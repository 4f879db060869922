#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace pipescope::calibrate {

// Runs f(i) for i in [0, count) on up to all cores. Each index writes only its own output, so the
// result does not depend on the thread count.
template <typename F> void parallelFor(std::size_t count, const F& f) {
    const std::size_t threads =
        std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i)
            f(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++)
                f(i);
        });
    for (auto& thread : pool)
        thread.join();
}

} // namespace pipescope::calibrate
