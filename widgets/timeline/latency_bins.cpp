#include "timeline/latency_bins.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

LatencyBins computeLatencyBins(const std::vector<sim::RequestRecord>& requests) {
    std::vector<double> latencies;
    latencies.reserve(requests.size());
    for (const auto& request : requests) {
        if (!request.warmup)
            latencies.push_back(static_cast<double>(request.completeNs - request.issueNs) / 1e6);
    }
    std::sort(latencies.begin(), latencies.end());
    LatencyBins b;
    b.samples = latencies.size();
    if (latencies.empty())
        return b;
    b.lo = latencies[latencies.size() / 200];
    b.hi = std::max(latencies.back(), b.lo + 1e-3);
    const int binCount =
        std::clamp(static_cast<int>(std::sqrt(static_cast<double>(latencies.size()))), 10, 60);
    b.width = (b.hi - b.lo) / binCount;
    b.keys.resize(static_cast<std::size_t>(binCount));
    b.counts.assign(static_cast<std::size_t>(binCount), 0.0);
    for (int i = 0; i < binCount; ++i)
        b.keys[static_cast<std::size_t>(i)] = b.lo + (i + 0.5) * b.width;
    for (double v : latencies)
        b.counts[static_cast<std::size_t>(
            std::clamp(static_cast<int>((v - b.lo) / b.width), 0, binCount - 1))] += 1;
    // A few hundred points draw the same curve as 100k.
    const std::size_t n = latencies.size();
    const std::size_t stride = std::max<std::size_t>(1, n / 400);
    for (std::size_t i = 0; i < n; i += stride) {
        b.cdfKeys.push_back(latencies[i]);
        b.cdfValues.push_back(static_cast<double>(i + 1) / static_cast<double>(n));
    }
    b.cdfKeys.push_back(latencies.back());
    b.cdfValues.push_back(1.0);
    return b;
}

} // namespace pipescope::widgets
