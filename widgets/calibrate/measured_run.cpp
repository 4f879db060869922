#include "measured_run.h"

#include "compile/group_sizes.h"

#include <QObject>

#include <cmath>

namespace pipescope::widgets {
namespace {

bool sameWorkload(const sim::Workload& measured, const sim::Workload& simulated) {
    if (measured.kind != simulated.kind)
        return false;
    if (measured.kind == sim::Workload::Kind::ClosedLoop)
        return measured.clients == simulated.clients;
    // Rates come from a file as decimals; equal to a part in a million is the same rate.
    return std::abs(measured.ratePerSecond - simulated.ratePerSecond) <=
           1e-6 * std::max(1.0, std::abs(simulated.ratePerSecond));
}

QString signedPercent(double simulated, double measured) {
    if (measured <= 0)
        return QStringLiteral("—");
    const double percent = 100.0 * (simulated - measured) / measured;
    return QStringLiteral("%1%2%")
        .arg(percent >= 0 ? QStringLiteral("+") : QString())
        .arg(percent, 0, 'f', 1);
}

} // namespace

int measuredRowFor(const calibrate::MeasurementSet& measurements, const sim::RunInputs& inputs) {
    for (std::size_t i = 0; i < measurements.rows.size(); ++i) {
        const sim::Scenario& s = measurements.rows[i].scenario;
        if (s.instance != inputs.instance.name || s.batch != inputs.config.batch ||
            !sameWorkload(s.workload, inputs.workload))
            continue;
        if (!inputs.instance.isGpu()) {
            const Result<std::vector<int>> groups = compile::parseGroupSizes(s.groupSizes);
            if (!groups || *groups != inputs.config.groupSizes ||
                s.pipelineCores != inputs.config.pipelineCores)
                continue;
        }
        return static_cast<int>(i);
    }
    return -1;
}

QString measuredComparison(const calibrate::Measurement& measured, const sim::Run& run) {
    return QObject::tr("Measured %1/s, p95 %2 ms (%3 line %4); simulated %5 / %6 against it")
        .arg(measured.throughputPerSecond, 0, 'f', 1)
        .arg(measured.latencyP95Ms, 0, 'f', 2)
        .arg(measured.origin)
        .arg(measured.line)
        .arg(signedPercent(run.summary.throughputPerSecond, measured.throughputPerSecond),
             signedPercent(run.summary.latencyMs.p95, measured.latencyP95Ms));
}

} // namespace pipescope::widgets
