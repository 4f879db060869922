#pragma once

#include "metrics/run_summary.h"
#include "sim/workload.h"

#include <vector>

namespace pipescope::metrics {

// How busy each shared resource of a run was, as fractions of the run's length.
struct ResourceLoad {
    std::vector<double> workerLock; // each serving worker's interpreter lock
    std::vector<double> chipDram;   // each chip's DRAM (bytes streamed / bytes it could stream)
    std::vector<CoreUtilization> cores;
    bool gpu = false;
    int modelCopies = 1;
    sim::Workload workload;
};

// The resource that limits throughput: the busiest of the host locks, the chips' DRAM and the
// cores (or the GPU). When none is close to saturated, the workload is what binds: too few
// closed-loop clients to fill the copies, or an offered load below capacity.
Bottleneck findBottleneck(const ResourceLoad& load);

} // namespace pipescope::metrics
