#pragma once

#include "core/result.h"
#include "sim/run.h"

#include <atomic>
#include <functional>

namespace pipescope::sim {

// Lets a caller on another thread watch and stop a simulation.
struct RunControl {
    const std::atomic<bool>* cancel = nullptr;     // set to true to stop; the run returns an error
    std::function<void(double fraction)> progress; // called from the simulating thread, 0..1
    // False: keep no trace, only the request records and the summary (bit-identical throughput
    // and latencies; utilisation from busy-time sums, see Trace::busyNs; no occupancy). For sweeps.
    bool keepTrace = true;
    // True: time every weight stream by the chip's DRAM events, also on chips whose streams are
    // certain to be in before their stages need them (DeploymentSimulator::placeStages). Slower;
    // the same model, with the random draws in another order: for checking that shortcut.
    bool timeEveryStream = false;
};

// Validates, compiles and simulates. A pure function of its inputs (including the seed): the same
// inputs give bit-identical results on every machine. Safe to call from any thread.
Result<RunPtr> simulate(const RunInputs& inputs, const RunControl& control = {});
// The same, handing back a run the caller may still finish (prediction intervals) before sharing it.
Result<std::shared_ptr<Run>> simulateRun(const RunInputs& inputs, const RunControl& control = {});
// Only the summary of a summary-only run (control.keepTrace is ignored), for a placement the
// caller already has from compile::plan(inputs) with any workload: plan() does not depend on it,
// so a load curve plans once for all its points. Its summary equals simulate()'s bit for bit
// (wallSeconds aside); the inputs are validated as simulate() validates them.
Result<metrics::RunSummary> simulateSummary(const RunInputs& inputs, const compile::Placement& placement,
                                            const RunControl& control = {});

} // namespace pipescope::sim
