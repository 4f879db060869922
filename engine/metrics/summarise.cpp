#include "metrics/summarise.h"

#include "metrics/percentiles.h"
#include "metrics/quantile_error.h"

#include <algorithm>
#include <numeric>

namespace pipescope::metrics {

std::int64_t markWarmup(std::vector<sim::RequestRecord>& requests, int warmup) {
    if (warmup <= 0 || requests.empty())
        return 0;
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(warmup), requests.size());
    // The warmup-th completion time by selection (O(n)); requests completing before it are
    // warm-up, and ties at that time go to the lower request ids, so the split is deterministic.
    std::vector<std::int64_t> times(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i)
        times[i] = requests[i].completeNs;
    std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(count - 1), times.end());
    const std::int64_t threshold = times[count - 1];
    std::size_t marked = 0;
    for (auto& r : requests)
        if (r.completeNs < threshold) {
            r.warmup = true;
            ++marked;
        }
    for (auto& r : requests)
        if (marked < count && r.completeNs == threshold) {
            r.warmup = true;
            ++marked;
        }
    return threshold;
}

namespace {

// A lane's busy ns by kind within [from, to): from its events, or from the busy sums a
// summary-only run keeps instead.
void busyByKind(const sim::Trace& trace, std::size_t index, std::int64_t from, std::int64_t to,
                double* byKind) {
    const sim::Lane& lane = trace.lanes[index];
    if (lane.size() == 0 && index < trace.busyNs.size()) {
        for (int k = 0; k < sim::kEventKindCount; ++k)
            byKind[k] = static_cast<double>(trace.busyNs[index][static_cast<std::size_t>(k)]);
        return;
    }
    for (std::size_t i = lane.firstEndingAfter(from); i < lane.size(); ++i) {
        const std::int64_t begin = std::max(lane.start(i), from);
        const std::int64_t end = std::min(lane.start(i) + lane.duration(i), to);
        if (begin >= to)
            break;
        if (end > begin)
            byKind[lane.kind(i)] += static_cast<double>(end - begin);
    }
}

} // namespace

RunSummary summarise(const sim::RunInputs& inputs, const sim::Trace& trace,
                     const std::vector<sim::RequestRecord>& requests, std::int64_t measuredFrom) {
    RunSummary s;
    std::vector<double> latencies;
    latencies.reserve(requests.size());
    std::int64_t lastComplete = measuredFrom;
    // The arrival span: from the last warm-up request's issue (or the first measured one's when
    // there is no warm-up) to the last issue, so that it holds one gap per measured request, as
    // the completion window holds one per completion.
    std::int64_t spanFrom = -1, lastIssue = -1, firstIssue = -1;
    for (const auto& r : requests) {
        if (r.warmup) {
            spanFrom = std::max(spanFrom, r.issueNs);
            continue;
        }
        latencies.push_back(static_cast<double>(r.completeNs - r.issueNs) / 1e6);
        lastComplete = std::max(lastComplete, r.completeNs);
        lastIssue = std::max(lastIssue, r.issueNs);
        firstIssue = firstIssue < 0 ? r.issueNs : std::min(firstIssue, r.issueNs);
    }
    const std::size_t gaps =
        spanFrom >= 0 ? latencies.size() : latencies.size() - (latencies.empty() ? 0 : 1);
    const std::int64_t arrivalSpan = lastIssue - (spanFrom >= 0 ? spanFrom : firstIssue);
    if (gaps > 0 && arrivalSpan > 0)
        s.arrivalPerSecond =
            static_cast<double>(gaps) * inputs.config.batch / (static_cast<double>(arrivalSpan) / 1e9);
    s.completedRequests = static_cast<std::int64_t>(latencies.size());
    s.simulatedNs = trace.endNs;
    s.events = static_cast<std::int64_t>(trace.eventCount());
    const double window = static_cast<double>(lastComplete - measuredFrom) / 1e9;
    if (!latencies.empty() && window > 0) {
        s.throughputPerSecond = static_cast<double>(latencies.size()) * inputs.config.batch / window;
        s.latencyMs.mean = std::accumulate(latencies.begin(), latencies.end(), 0.0) / latencies.size();
        // Before percentilesSelect() reorders them: the sections are runs of consecutive requests.
        s.latencyMs.p95StandardErrorMs = quantileStandardError(latencies, 0.95);
        const std::vector<double> p = percentilesSelect(latencies, {0.50, 0.90, 0.95, 0.99, 1.0});
        s.latencyMs.p50 = p[0];
        s.latencyMs.p90 = p[1];
        s.latencyMs.p95 = p[2];
        s.latencyMs.p99 = p[3];
        s.latencyMs.max = p[4];
    }
    s.pricePerHour = inputs.instance.price(inputs.priceSet);
    if (s.throughputPerSecond > 0)
        s.costPerMillionUsd = s.pricePerHour / (s.throughputPerSecond * 3600.0) * 1e6;

    // Utilisation of every NeuronCore (and the GPU) over the measured interval, split by kind;
    // the host lanes (one per serving process) give the busiest one's share.
    const double span = static_cast<double>(lastComplete - measuredFrom);
    for (std::size_t l = 0; l < trace.lanes.size(); ++l) {
        const sim::Lane& lane = trace.lanes[l];
        double byKind[sim::kEventKindCount] = {};
        busyByKind(trace, l, measuredFrom, lastComplete, byKind);
        if (lane.core < -1) {
            if (span > 0)
                s.hostBusy = std::max(s.hostBusy, byKind[int(sim::EventKind::Host)] / span);
            continue; // a host lane is not a device
        }
        CoreUtilization u;
        u.id = lane.core;
        u.chip = lane.chip;
        if (span > 0) {
            u.compute = (byKind[int(sim::EventKind::Compute)] + byKind[int(sim::EventKind::Kernel)]) / span;
            u.weightWait = byKind[int(sim::EventKind::WeightWait)] / span;
            u.transfer = byKind[int(sim::EventKind::Transfer)] / span;
            u.idle = std::max(0.0, 1.0 - u.compute - u.weightWait - u.transfer);
        }
        s.cores.push_back(u);
    }
    return s;
}

Occupancy computeOccupancy(const sim::Trace& trace, const std::vector<sim::RequestRecord>& requests,
                           int batch, int bins) {
    Occupancy o;
    if (trace.endNs <= 0 || bins <= 0)
        return o;
    o.bins = bins;
    o.binNs = std::max<std::int64_t>(1, (trace.endNs + bins - 1) / bins);
    const double binNs = static_cast<double>(o.binNs);
    for (const auto& lane : trace.lanes)
        if (lane.core >= -1)
            o.laneCores.push_back(lane.core);
    o.busy.assign(o.laneCores.size() * static_cast<std::size_t>(bins), 0.0f);
    // Spread each event's duration over the bins it covers.
    auto spread = [&](std::vector<float>& row, std::size_t offset, std::int64_t begin, std::int64_t end,
                      double weight) {
        while (begin < end) {
            const std::int64_t bin = begin / o.binNs;
            if (bin >= bins)
                break;
            const std::int64_t binEnd = (bin + 1) * o.binNs;
            const std::int64_t piece = std::min(end, binEnd) - begin;
            row[offset + static_cast<std::size_t>(bin)] += static_cast<float>(weight * piece / binNs);
            begin += piece;
        }
    };
    std::size_t row = 0;
    for (const auto& lane : trace.lanes) {
        if (lane.core < -1)
            continue;
        const std::size_t offset = row * static_cast<std::size_t>(bins);
        for (std::size_t i = 0; i < lane.size(); ++i)
            spread(o.busy, offset, lane.start(i), lane.start(i) + lane.duration(i), 1.0);
        ++row;
    }
    for (float& v : o.busy)
        v = std::min(v, 1.0f);
    o.inFlight.assign(static_cast<std::size_t>(bins), 0.0f);
    o.throughputPerSec.assign(static_cast<std::size_t>(bins), 0.0f);
    for (const auto& r : requests) {
        spread(o.inFlight, 0, r.issueNs, r.completeNs, 1.0);
        const std::int64_t bin = std::min<std::int64_t>(bins - 1, r.completeNs / o.binNs);
        o.throughputPerSec[static_cast<std::size_t>(bin)] += static_cast<float>(batch / (binNs / 1e9));
    }
    return o;
}

} // namespace pipescope::metrics
