#pragma once

#include "sweep/bottleneck.h"
#include "sweep/sweep.h"

#include <optional>
#include <vector>

namespace pipescope::sweep {

// What the user asks for. Rates are inferences (samples) per second.
struct Criteria {
    double maxP95Ms = 0; // latency target; 0: none
    // The load to serve, arriving at random (open loop); 0: maximise throughput, one machine per
    // deployment at its best operating point: the highest open-loop rate or the closed-loop point
    // (LoadCurve::closedLoop), whichever serves more within the target. A throughput user sets the
    // concurrency, as the 2021 study did; a service's users do not.
    double loadPerSecond = 0;
    // Count a measured p95 as meeting the target only when it does by more than its 95% sampling
    // noise (Recommendation::cheapestClear ranks so).
    bool clearOfNoise = false;
};

// One deployment judged against the criteria.
struct Assessment {
    int entry = 0;                    // index into SweepResult::entries
    double maxRateAtSlaPerSecond = 0; // per machine: the highest measured rate meeting the target
    bool meetsSla = false;            // some measured rate meets the target
    int machines = 0;                 // ceil(load / max rate at SLA), 1 without a load; 0 if !meetsSla
    double ratePerMachine = 0;        // the load each machine carries (its max rate without a load)
    bool closedLoop = false;          // without a load: the closed-loop point is the best one
    metrics::LatencyStats latencyMs;  // at ratePerMachine, interpolated on the load curve
    double costPerMillionUsd = 0;     // whole machines: machines x price per hour / inferences per hour
    bool pareto = false;              // on the front of p95 vs cost per million (of those meeting the SLA)
    Bottleneck bottleneck = Bottleneck::Compute;
    // It meets the target, but the p95 that decides so (at its highest rate meeting the target,
    // or its closed-loop point's) is under the target by less than that p95's sampling noise, and
    // its cost hangs on it: another seed's sweep could run it at a lower rate (no load), on more
    // machines (a load the next rate down cannot serve on as few), or find it missing. False when
    // the error is unknown or there is no target.
    bool slaWithinNoise = false;
    QString reason; // one line: the numbers and what binds it
};

struct Recommendation {
    std::vector<Assessment> deployments; // in the sweep's order
    int cheapest = -1;                   // index into deployments; -1 when none meets the target
    int fastest = -1;                    // lowest p95 at its load (the cheaper on a tie)
    // Those the fastest's p95 cannot be told from by the sweep's runs: the 95% interval of the
    // difference of the two p95s (from their sampling errors) holds 0. By p95, the fastest left out;
    // empty when the errors are unknown. The fastest's reason names them.
    std::vector<int> fastestTies;
    // When the cheapest meets the target only within sampling noise (Assessment::slaWithinNoise):
    // the cheapest as ranked counting only p95s clear of their noise (Criteria::clearOfNoise), its
    // `entry` -1 when none is. Empty when the cheapest is sure.
    std::optional<Assessment> cheapestClear;
};

// Whether two p95 estimates differ by less than their sampling noise (both errors known).
bool withinSamplingNoise(const metrics::LatencyStats& a, const metrics::LatencyStats& b);

// The fastest's ties (Recommendation::fastestTies) as the deployments' labels, by p95.
QStringList fastestTieLabels(const SweepResult& sweep, const Recommendation& recommendation);
// The same for a line of text: the first `named` with their p95, then how many more
// ("inf1.6xlarge 16 batch 1 (5.35 ms), inf1.6xlarge 15 batch 1 (5.35 ms) and 1 more").
QString describeFastestTies(const SweepResult& sweep, const Recommendation& recommendation, int named);

// Ranks a finished sweep; cheap (no simulation), so a view can re-rank live as targets move.
Recommendation recommend(const SweepResult& sweep, const Criteria& criteria);
// The same, costed with another price set than the one the sweep ran with (empty: the sweep's
// own). Prices do not change what was simulated, so a view can switch sets without simulating.
Recommendation recommend(const SweepResult& sweep, const Criteria& criteria, const QString& priceSet);

// Marks the deployments not dominated in (p95 at load, cost per million): no other is at least
// as good in both and better in one. Only those meeting the target take part.
void markParetoFront(std::vector<Assessment>& deployments);

} // namespace pipescope::sweep
