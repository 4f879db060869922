#include "sweep/load_curve.h"

#include "compile/plan.h"
#include "metrics/quantile_error.h"
#include "sim/simulator.h"

#include <algorithm>

namespace pipescope::sweep {
namespace {

// A different stream per run of one curve (splitmix64 step of the curve's seed).
std::uint64_t runSeed(std::uint64_t seed, int run) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(run + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Result<metrics::RunSummary> simulateSummary(const sim::RunInputs& inputs, const compile::Placement& placement,
                                            const std::atomic<bool>* cancel) {
    sim::RunControl control;
    control.cancel = cancel;
    control.keepTrace = false;
    return sim::simulateSummary(inputs, placement, control);
}

// Enough closed-loop clients to fill every group's in-flight bound, plus one waiting on the host.
int saturatingClients(const compile::Placement& placement) {
    int inFlightSlots = 1;
    for (const auto& group : placement.groups)
        inFlightSlots += group.maxInFlight;
    return inFlightSlots;
}

// The closed-loop point's run index for runSeed(): apart from the probe's (0) and the rates' (1 on),
// which keep the seeds they had before it was measured.
constexpr int kClosedLoopRun = 1 << 20;

double lerp(double a, double b, double f) {
    return a + (b - a) * f;
}

} // namespace

int closedLoopClients(const sim::RunInputs& inputs) {
    if (inputs.instance.isGpu())
        return std::max(1, inputs.instance.chips); // one model copy per GPU
    int cores = 0;
    for (const int size : inputs.config.groupSizes)
        cores += size;
    return std::max(1, cores);
}

LoadCurveOptions curveOptions(int requests, int points) {
    LoadCurveOptions options;
    options.requests = requests;
    options.points = points;
    options.probeRequests = std::clamp(requests / 2, 100, LoadCurveOptions{}.probeRequests);
    return options;
}

int leastRequestsPerPoint() {
    return metrics::leastCountWithError(0.95);
}

std::vector<double> adaptiveRates(double saturationPerSecond, int points) {
    points = std::max(3, points);
    const int coarse = points / 2;
    const int dense = points - coarse;
    std::vector<double> rates;
    for (int i = 0; i < coarse; ++i)
        rates.push_back(saturationPerSecond * lerp(0.1, 0.7, coarse > 1 ? double(i) / (coarse - 1) : 0.0));
    for (int i = 0; i < dense; ++i)
        rates.push_back(saturationPerSecond * lerp(0.8, 1.1, dense > 1 ? double(i) / (dense - 1) : 1.0));
    return rates;
}

Result<LoadCurve> measureLoadCurve(const sim::RunInputs& base, const LoadCurveOptions& options,
                                   const std::atomic<bool>* cancel) {
    LoadCurve curve;
    sim::RunInputs inputs = base;
    const int batch = base.config.batch;

    inputs.workload = sim::Workload{};
    inputs.workload.kind = sim::Workload::Kind::ClosedLoop;
    inputs.workload.requests = options.probeRequests;
    inputs.workload.warmup = std::max(1, options.probeRequests / 10);
    inputs.workload.seed = runSeed(options.seed, 0);
    // One placement for every run of the curve: the workload does not change it (each run's
    // workload is still validated).
    const Result<compile::Placement> placement = compile::plan(inputs);
    if (!placement)
        return placement.error();
    inputs.workload.clients = saturatingClients(placement.value());
    Result<metrics::RunSummary> probe = simulateSummary(inputs, placement.value(), cancel);
    if (!probe)
        return probe.error();
    curve.probe = probe.value();
    curve.probePerSecond = probe->throughputPerSecond;
    curve.simulations = 1;
    curve.simulatedRequests = inputs.workload.requests + inputs.workload.warmup;
    curve.processedEvents = probe->processedEvents;

    // The closed-loop point, as long as a load point.
    inputs.workload.clients = closedLoopClients(inputs);
    inputs.workload.requests = options.requests;
    inputs.workload.warmup = options.warmup;
    inputs.workload.seed = runSeed(options.seed, kClosedLoopRun);
    Result<metrics::RunSummary> closed = simulateSummary(inputs, placement.value(), cancel);
    if (!closed)
        return closed.error();
    curve.closedLoop =
        ClosedLoopPoint{inputs.workload.clients, closed->throughputPerSecond, closed->latencyMs};
    ++curve.simulations;
    curve.simulatedRequests += options.requests + options.warmup;
    curve.processedEvents += closed->processedEvents;

    std::vector<double> rates =
        options.rates.empty() ? adaptiveRates(curve.probePerSecond, options.points) : options.rates;
    std::sort(rates.begin(), rates.end());
    curve.saturationPerSecond = std::max(curve.probePerSecond, curve.closedLoop.throughputPerSecond);
    for (std::size_t i = 0; i < rates.size(); ++i) {
        if (!(rates[i] > 0))
            continue;
        inputs.workload.kind = sim::Workload::Kind::OpenLoop;
        inputs.workload.ratePerSecond = rates[i] / batch;
        inputs.workload.requests = options.requests;
        inputs.workload.warmup = options.warmup;
        inputs.workload.seed = runSeed(options.seed, static_cast<int>(i) + 1);
        Result<metrics::RunSummary> run = simulateSummary(inputs, placement.value(), cancel);
        if (!run)
            return run.error();
        curve.points.push_back(
            LoadPoint{rates[i], run->arrivalPerSecond, run->throughputPerSecond, run->latencyMs});
        curve.saturationPerSecond = std::max(curve.saturationPerSecond, run->throughputPerSecond);
        ++curve.simulations;
        curve.simulatedRequests += options.requests + options.warmup;
        curve.processedEvents += run->processedEvents;
    }
    markOverloaded(curve.points, curve.saturationPerSecond);
    curve.kneePerSecond = knee(curve.points);
    return curve;
}

void markOverloaded(std::vector<LoadPoint>& points, double saturationPerSecond) {
    for (LoadPoint& p : points)
        p.overloaded = p.offeredPerSecond >= 0.8 * saturationPerSecond &&
                       p.throughputPerSecond < 0.95 * p.offeredPerSecond &&
                       (p.arrivalPerSecond <= 0 || p.throughputPerSecond < 0.98 * p.arrivalPerSecond);
}

double knee(const std::vector<LoadPoint>& points) {
    std::vector<const LoadPoint*> kept;
    for (const LoadPoint& p : points)
        if (!p.overloaded)
            kept.push_back(&p);
    if (kept.size() < 3)
        return points.empty() ? 0 : points.front().offeredPerSecond;
    const double x0 = kept.front()->offeredPerSecond, x1 = kept.back()->offeredPerSecond;
    double y0 = kept.front()->latencyMs.p95, y1 = y0;
    for (const LoadPoint* p : kept) {
        y0 = std::min(y0, p->latencyMs.p95);
        y1 = std::max(y1, p->latencyMs.p95);
    }
    if (!(x1 > x0) || !(y1 > y0))
        return kept.back()->offeredPerSecond; // flat latency: no knee before the last point
    double best = kept.front()->offeredPerSecond, bestGap = -1;
    for (const LoadPoint* p : kept) {
        const double gap = (p->offeredPerSecond - x0) / (x1 - x0) - (p->latencyMs.p95 - y0) / (y1 - y0);
        if (gap > bestGap) {
            bestGap = gap;
            best = p->offeredPerSecond;
        }
    }
    return best;
}

double maxRateAtSla(const std::vector<LoadPoint>& points, double maxP95Ms, bool clearOfNoise) {
    double best = 0;
    for (const LoadPoint& p : points)
        if ((maxP95Ms <= 0 || p.latencyMs.p95 + (clearOfNoise ? p.latencyMs.p95NoiseMs() : 0) <= maxP95Ms) &&
            !p.overloaded)
            best = std::max(best, p.offeredPerSecond);
    return best;
}

metrics::LatencyStats latencyAt(const std::vector<LoadPoint>& points, double offeredPerSecond) {
    if (points.empty())
        return {};
    if (offeredPerSecond <= points.front().offeredPerSecond)
        return points.front().latencyMs;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const LoadPoint& a = points[i - 1];
        const LoadPoint& b = points[i];
        if (offeredPerSecond > b.offeredPerSecond)
            continue;
        const double span = b.offeredPerSecond - a.offeredPerSecond;
        const double f = span > 0 ? (offeredPerSecond - a.offeredPerSecond) / span : 1.0;
        metrics::LatencyStats s;
        s.mean = lerp(a.latencyMs.mean, b.latencyMs.mean, f);
        s.p50 = lerp(a.latencyMs.p50, b.latencyMs.p50, f);
        s.p90 = lerp(a.latencyMs.p90, b.latencyMs.p90, f);
        s.p95 = lerp(a.latencyMs.p95, b.latencyMs.p95, f);
        s.p99 = lerp(a.latencyMs.p99, b.latencyMs.p99, f);
        s.max = lerp(a.latencyMs.max, b.latencyMs.max, f);
        // Between two measured points the p95 is as uncertain as they are (both errors known).
        if (a.latencyMs.p95StandardErrorMs > 0 && b.latencyMs.p95StandardErrorMs > 0)
            s.p95StandardErrorMs = lerp(a.latencyMs.p95StandardErrorMs, b.latencyMs.p95StandardErrorMs, f);
        return s;
    }
    return points.back().latencyMs;
}

} // namespace pipescope::sweep
