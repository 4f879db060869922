#pragma once

#include "core/result.h"
#include "hardware/catalog.h"
#include "sweep/deployment_space.h"
#include "sweep/load_curve.h"

#include <atomic>
#include <functional>
#include <vector>

namespace pipescope::sweep {

// Lets a caller watch and stop a sweep from another thread.
struct SweepControl {
    const std::atomic<bool>* cancel = nullptr; // set to true to stop; runSweep returns an error
    // Called after each deployment, from a worker thread, serialised; `done` only grows.
    std::function<void(int done, int total)> progress;
    int threads = 0; // 0: every hardware thread
};

struct SweepEntry {
    SweepDeployment deployment;
    LoadCurve curve;
};

struct SweepResult {
    std::vector<SweepEntry> entries; // in enumeration order, whatever the thread count
    int skipped = 0;                 // deployments that do not compile
    QString firstSkipped;
    int simulations = 0;
    std::int64_t simulatedRequests = 0;
    std::int64_t processedEvents = 0; // simulator events over every run
    int requestsPerPoint = 0;         // measured requests per load point (0: not recorded)
    double wallSeconds = 0;
};

// Enumerates the space and measures every deployment's load curve in a pool of threads. Each
// curve's seed comes from its deployment (SweepDeployment::seed), so the result is the same
// for any thread count.
Result<SweepResult> runSweep(const SweepSpace& space, const LoadCurveOptions& curve,
                             const hardware::Catalog& catalog, const SweepControl& control = {});

// The same for deployments already enumerated (the thread pool alone).
Result<SweepResult> measureDeployments(std::vector<SweepDeployment> deployments,
                                       const LoadCurveOptions& curve, const SweepControl& control = {});

} // namespace pipescope::sweep
