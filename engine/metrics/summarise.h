#pragma once

#include "metrics/run_summary.h"
#include "sim/run.h"

namespace pipescope::metrics {

// Marks the first `warmup` completions as warm-up (in completion order) and returns the start of
// the measured interval: the warm-up's last completion, or 0 without warm-up.
std::int64_t markWarmup(std::vector<sim::RequestRecord>& requests, int warmup);

// Throughput, latency percentiles, cost and per-core utilisation over the measured interval.
RunSummary summarise(const sim::RunInputs& inputs, const sim::Trace& trace,
                     const std::vector<sim::RequestRecord>& requests, std::int64_t measuredFrom);

// Busy fraction per lane, requests in flight and throughput, in `bins` equal bins over the trace.
Occupancy computeOccupancy(const sim::Trace& trace, const std::vector<sim::RequestRecord>& requests,
                           int batch, int bins = 1000);

} // namespace pipescope::metrics
