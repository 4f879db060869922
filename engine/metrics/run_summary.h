#pragma once

#include <cstdint>
#include <vector>

namespace pipescope::metrics {

struct LatencyStats {
    double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0; // milliseconds
};

// Share of the measured interval a core spent on each activity; the four add up to 1.
struct CoreUtilization {
    int id = 0;
    int chip = 0;
    double compute = 0;
    double weightWait = 0;
    double transfer = 0;
    double idle = 1;
    double utilization() const { return 1.0 - idle; }
};

struct RunSummary {
    double throughputPerSecond = 0; // inferences (samples) per second
    LatencyStats latencyMs;         // per request (one batch)
    double pricePerHour = 0;
    double costPerMillionUsd = 0;
    std::vector<CoreUtilization> cores;
    std::int64_t completedRequests = 0; // measured, warm-up excluded
    std::int64_t events = 0;
    std::int64_t simulatedNs = 0;
    double wallSeconds = 0;
    std::int64_t processedEvents = 0; // discrete events the simulator processed (queue pops)
};

// Time series over the run in fixed bins, for the occupancy and throughput views.
struct Occupancy {
    std::int64_t binNs = 0;
    int bins = 0;
    std::vector<int> laneCores;          // core id per row of busy (-1 = GPU)
    std::vector<float> busy;             // lanes x bins, row major: busy fraction 0..1
    std::vector<float> inFlight;         // mean requests in flight per bin
    std::vector<float> throughputPerSec; // completed inferences per second per bin
};

} // namespace pipescope::metrics
