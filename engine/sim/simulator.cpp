#include "sim/simulator.h"

#include "compile/plan.h"
#include "metrics/bottleneck.h"
#include "metrics/summarise.h"
#include "sim/deployment_simulator.h"

#include <QElapsedTimer>

namespace pipescope::sim {

Result<RunPtr> simulate(const RunInputs& inputs, const RunControl& control) {
    Result<std::shared_ptr<Run>> run = simulateRun(inputs, control);
    if (!run)
        return run.error();
    return RunPtr(std::move(run).value());
}

namespace {

// What the summary takes from the simulator itself rather than from the trace and the records.
void addSimulatorFigures(const RunInputs& inputs, const compile::Placement& placement,
                         const DeploymentSimulator& simulator, metrics::RunSummary& summary) {
    summary.processedEvents = simulator.processedEvents();
    summary.breakdownMs = simulator.breakdown();
    const DeploymentSimulator::ResourceUse use = simulator.resourceUse();
    metrics::ResourceLoad load;
    load.workerLock = use.workerLock;
    load.chipDram = use.chipDram;
    load.cores = summary.cores;
    load.gpu = inputs.instance.isGpu();
    load.modelCopies = static_cast<int>(placement.groups.size());
    load.workload = inputs.workload;
    summary.bottleneck = metrics::findBottleneck(load);
}

} // namespace

Result<std::shared_ptr<Run>> simulateRun(const RunInputs& inputs, const RunControl& control) {
    QElapsedTimer timer;
    timer.start();
    Result<compile::Placement> placement = compile::plan(inputs);
    if (!placement)
        return placement.error();

    auto run = std::make_shared<Run>();
    run->inputs = inputs;
    run->placement = std::move(placement).value();
    DeploymentSimulator simulator(run->inputs, run->placement, control.keepTrace, control.timeEveryStream);
    if (!simulator.run(control))
        return makeError(QStringLiteral("the simulation was cancelled"));
    run->trace = simulator.takeTrace();
    if (const std::int64_t refused = run->trace.refusedEvents(); refused > 0)
        return makeError(QStringLiteral("the run outlasts what a trace can hold (%1 events past %2 hours of "
                                        "simulated time): simulate fewer requests, or summary-only")
                             .arg(refused)
                             .arg(sim::TraceEvent::kMaxStartNs / 3'600'000'000'000LL));
    run->requests = simulator.takeRequests();
    const std::int64_t measuredFrom = metrics::markWarmup(run->requests, inputs.workload.warmup);
    run->summary = metrics::summarise(run->inputs, run->trace, run->requests, measuredFrom);
    if (control.keepTrace)
        run->occupancy = metrics::computeOccupancy(run->trace, run->requests, inputs.config.batch);
    addSimulatorFigures(run->inputs, run->placement, simulator, run->summary);
    run->summary.wallSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (control.progress)
        control.progress(1.0);
    return run;
}

Result<metrics::RunSummary> simulateSummary(const RunInputs& inputs, const compile::Placement& placement,
                                            const RunControl& control) {
    QElapsedTimer timer;
    timer.start();
    if (auto error = compile::validate(inputs))
        return *error;
    DeploymentSimulator simulator(inputs, placement, false, control.timeEveryStream);
    if (!simulator.run(control))
        return makeError(QStringLiteral("the simulation was cancelled"));
    const Trace trace = simulator.takeTrace();
    std::vector<RequestRecord> requests = simulator.takeRequests();
    const std::int64_t measuredFrom = metrics::markWarmup(requests, inputs.workload.warmup);
    metrics::RunSummary summary = metrics::summarise(inputs, trace, requests, measuredFrom);
    addSimulatorFigures(inputs, placement, simulator, summary);
    summary.wallSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (control.progress)
        control.progress(1.0);
    return summary;
}

} // namespace pipescope::sim
