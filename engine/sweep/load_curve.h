#pragma once

#include "core/result.h"
#include "metrics/run_summary.h"
#include "sim/run.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace pipescope::sweep {

// One open-loop run: Poisson arrivals at an offered rate. Rates and throughputs are inferences
// (samples) per second, so deployments of different batch sizes compare directly.
struct LoadPoint {
    double offeredPerSecond = 0;
    double arrivalPerSecond = 0; // what arrived: the offered rate plus Poisson noise (0: unknown)
    double throughputPerSecond = 0;
    metrics::LatencyStats latencyMs; // per request (one batch)
    bool overloaded = false;         // see markOverloaded()
};

// A point is overloaded when it is offered at least 80% of the saturation throughput, serves
// under 95% of that, and fell behind what arrived (served under 98% of it). Poisson noise must not
// flag a deployment that keeps up: 2,000 arrivals measure a rate to about 2% (one standard
// deviation), so a run near saturation that drew fewer arrivals than asked for serves fewer and
// would otherwise be flagged in about one case in seventy; one that keeps up serves what arrived.
// The first condition keeps light loads, where that noise is largest, out. (Points read from older
// profiles have no arrivals: the last condition is skipped.)
void markOverloaded(std::vector<LoadPoint>& points, double saturationPerSecond);

// A closed-loop run with one client per NeuronCore in use (one per GPU): each core has a request
// and the next one arrives when an answer comes back, the way the 2021 study and NeuronPerf
// measure throughput. A user who controls the concurrency (an offline or batch job) gets this
// throughput without the queueing Poisson arrivals cause, which on a few cores costs as much
// latency as it saves money. `clients` 0: not measured (a profile from before it existed).
struct ClosedLoopPoint {
    int clients = 0;
    double throughputPerSecond = 0;
    metrics::LatencyStats latencyMs;
};

// One client per NeuronCore in use (a request in every stage of every model copy), one per GPU.
int closedLoopClients(const sim::RunInputs& inputs);

struct LoadCurveOptions {
    int points = 8;            // adaptive points when `rates` is empty (at least 3)
    std::vector<double> rates; // explicit offered rates, inferences per second
    int requests = 2000;       // measured requests per point (each one batch)
    int warmup = 100;          // per point
    int probeRequests = 1000;  // the closed-loop run that estimates saturation
    std::uint64_t seed = 1;    // mixed with the point index: one seed per run
};

// The options for `requests` measured requests per point (the closed-loop point too) and `points`
// adaptive points, the rest as by default: the probe takes half a point's requests, at least 100 and
// at most its default 1,000, so a short sweep is short throughout and a long one does not lengthen a
// run that only places the rates. curveOptions(2000, 8) is LoadCurveOptions{}.
LoadCurveOptions curveOptions(int requests, int points);

// The fewest measured requests per point whose p95 has a sampling error (500): what the CLI and the
// Explore form accept at the least, since the ties and the target's noise rest on it.
int leastRequestsPerPoint();

struct LoadCurve {
    std::vector<LoadPoint> points;  // ascending offered rate
    double probePerSecond = 0;      // closed-loop throughput with every in-flight slot filled
    double saturationPerSecond = 0; // the highest achieved throughput (probe or any point)
    double kneePerSecond = 0;       // see knee()
    metrics::RunSummary probe;      // the saturated run's summary: what binds the deployment
    ClosedLoopPoint closedLoop;     // one client per core in use
    int simulations = 0;
    std::int64_t simulatedRequests = 0; // warm-up included
    std::int64_t processedEvents = 0;   // simulator events over all its runs
};

// The offered rates tried when none are given: a short closed loop with every in-flight slot
// filled estimates saturation S; then half the points spread evenly over 0.1 S..0.7 S and the
// other half densely over 0.8 S..1.1 S, where latency turns upward (and past saturation).
std::vector<double> adaptiveRates(double saturationPerSecond, int points);

// Runs the probe, the closed-loop point and one summary-only simulation per rate, in order, on the
// calling thread.
// `base` is a valid deployment; its workload is replaced. Fails when cancelled or when a rate is
// out of the simulator's range (the message names it).
Result<LoadCurve> measureLoadCurve(const sim::RunInputs& base, const LoadCurveOptions& options,
                                   const std::atomic<bool>* cancel = nullptr);

// The knee ("Kneedle", Satopaa et al. 2011): over the points the deployment keeps up with (not
// overloaded), offered rate and p95 are each scaled to 0..1 and the knee is the point furthest
// below the diagonal, where latency turns from flat to steep. The lightest rate when fewer than
// three points qualify.
double knee(const std::vector<LoadPoint>& points);

// The highest offered rate that meets `maxP95Ms` without being overloaded (a measured point, not
// interpolated: conservative); 0 when none does. maxP95Ms <= 0 means no latency target. With
// `clearOfNoise` a point meets it only when its p95 plus its 95% sampling noise does.
double maxRateAtSla(const std::vector<LoadPoint>& points, double maxP95Ms, bool clearOfNoise = false);

// Latency percentiles at an offered rate, linearly interpolated between the measured points
// (the lightest point's below it, the heaviest's above).
metrics::LatencyStats latencyAt(const std::vector<LoadPoint>& points, double offeredPerSecond);

} // namespace pipescope::sweep
