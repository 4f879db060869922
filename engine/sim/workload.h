#pragma once

#include <cstdint>

namespace pipescope::sim {

// How requests arrive. Closed loop is the 2021 study's method: `clients` threads each send one
// batch and wait for its answer. Open loop sends Poisson arrivals at `ratePerSecond`.
struct Workload {
    enum class Kind { ClosedLoop, OpenLoop };
    Kind kind = Kind::ClosedLoop;
    int clients = 1;
    double ratePerSecond = 0;
    int requests = 2000; // measured requests (each one batch), after the warm-up
    int warmup = 100;    // requests completed first and excluded from statistics
    std::uint64_t seed = 1;
};

} // namespace pipescope::sim
