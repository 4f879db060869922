#pragma once

#include "sim/trace.h"

#include <vector>

namespace pipescope::widgets {

// A run's latency histogram and CDF, ready to plot: about sqrt(n) bins (10 to 60) from the 0.5th
// percentile to the slowest measured request (faster outliers count in the first bin), and the
// CDF at most every few samples. Built with the timeline model, off the GUI thread.
struct LatencyBins {
    std::size_t samples = 0;          // measured requests (warm-up excluded)
    double lo = 0, hi = 0;            // ms
    double width = 0;                 // of one bin, ms
    std::vector<double> keys, counts; // bin centres (ms) and requests per bin
    std::vector<double> cdfKeys, cdfValues;
};

LatencyBins computeLatencyBins(const std::vector<sim::RequestRecord>& requests);

} // namespace pipescope::widgets
