#include "sweep/sweep.h"

#include <QElapsedTimer>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

namespace pipescope::sweep {

Result<SweepResult> measureDeployments(std::vector<SweepDeployment> deployments,
                                       const LoadCurveOptions& curve, const SweepControl& control) {
    QElapsedTimer timer;
    timer.start();
    const int total = static_cast<int>(deployments.size());
    std::vector<std::optional<LoadCurve>> curves(deployments.size());
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::mutex mutex; // guards `done`, `firstError` and the progress callback
    int done = 0;
    std::optional<Error> firstError;

    // Workers take deployments in enumeration order from a shared counter; each result goes to
    // its own slot, so scheduling changes only which thread computes it.
    auto work = [&] {
        for (int i = next++; i < total && !failed.load(); i = next++) {
            LoadCurveOptions options = curve;
            options.seed = deployments[static_cast<std::size_t>(i)].seed();
            Result<LoadCurve> c =
                measureLoadCurve(deployments[static_cast<std::size_t>(i)].inputs, options, control.cancel);
            std::lock_guard lock(mutex);
            if (!c) {
                if (!firstError)
                    firstError = c.error();
                failed = true;
                return;
            }
            curves[static_cast<std::size_t>(i)] = std::move(c).value();
            ++done;
            if (control.progress)
                control.progress(done, total);
        }
    };
    const int threads = std::clamp(
        control.threads > 0 ? control.threads : static_cast<int>(std::thread::hardware_concurrency()), 1,
        std::max(1, total));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& thread : pool)
        thread.join();
    if (control.cancel && control.cancel->load())
        return makeError(QStringLiteral("the sweep was cancelled"));
    if (firstError)
        return *firstError;

    SweepResult result;
    result.requestsPerPoint = curve.requests;
    result.entries.reserve(deployments.size());
    for (std::size_t i = 0; i < deployments.size(); ++i) {
        result.simulations += curves[i]->simulations;
        result.simulatedRequests += curves[i]->simulatedRequests;
        result.processedEvents += curves[i]->processedEvents;
        result.entries.push_back(SweepEntry{std::move(deployments[i]), std::move(*curves[i])});
    }
    result.wallSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return result;
}

Result<SweepResult> runSweep(const SweepSpace& space, const LoadCurveOptions& curve,
                             const hardware::Catalog& catalog, const SweepControl& control) {
    QElapsedTimer timer;
    timer.start();
    Result<DeploymentSpace> enumerated = enumerateDeployments(space, catalog);
    if (!enumerated)
        return enumerated.error();
    Result<SweepResult> result =
        measureDeployments(std::move(enumerated.value().deployments), curve, control);
    if (!result)
        return result;
    result.value().skipped = enumerated->skipped;
    result.value().firstSkipped = enumerated->firstSkipped;
    result.value().wallSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace pipescope::sweep
