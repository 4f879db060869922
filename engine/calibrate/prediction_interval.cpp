#include "calibrate/prediction_interval.h"

#include "calibrate/device_parameters.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace pipescope::calibrate {
namespace {

// Log-parameter nudge for the sensitivities (about 28%): wide enough that the simulation's own
// noise (a nudge reorders events and so random draws) does not pass for sensitivity.
constexpr double kStep = 0.25;

// The two-sided standard normal quantile for the usual levels.
double zFor(double level) {
    if (level >= 0.99)
        return 2.576;
    if (level >= 0.95)
        return 1.960;
    if (level >= 0.90)
        return 1.645;
    return 1.282; // 80%
}

struct Outcome {
    double logThroughput = 0, logP95 = 0;
};

Result<Outcome> outcome(const sim::RunInputs& in, const sim::RunControl& control) {
    Result<sim::RunPtr> run = sim::simulate(in, control);
    if (!run)
        return run.error();
    const auto& s = run.value()->summary;
    if (!(s.throughputPerSecond > 0 && s.latencyMs.p95 > 0))
        return makeError(QStringLiteral("the sensitivity run completed no requests"));
    return Outcome{std::log(s.throughputPerSecond), std::log(s.latencyMs.p95)};
}

} // namespace

QStringList extrapolationNotes(const sim::RunInputs& in, const std::vector<ReferenceRow>& rows) {
    QStringList notes;
    std::vector<const ReferenceRow*> same; // rows on the same device
    bool sameInstance = false;
    for (const auto& row : rows) {
        if (row.instance == in.instance.name)
            sameInstance = true;
        const bool gpuRow = row.mode == QLatin1String("gpu");
        if (gpuRow == in.instance.isGpu())
            same.push_back(&row);
    }
    if (same.empty())
        return {QStringLiteral("no calibration row on this kind of device")};
    if (in.model.name != QLatin1String("bert-base-uncased"))
        notes << QStringLiteral("calibrated on bert-base-uncased only, not %1").arg(in.model.name);
    if (in.config.sequenceLength != 128)
        notes << QStringLiteral("sequence length %1: calibrated at 128").arg(in.config.sequenceLength);
    if (!sameInstance)
        notes << QStringLiteral("no calibration row on %1").arg(in.instance.name);
    int lo = same.front()->batch, hi = lo;
    std::vector<int> pipelines;
    for (const ReferenceRow* row : same) {
        lo = std::min(lo, row->batch);
        hi = std::max(hi, row->batch);
        pipelines.push_back(row->pipelineCores);
    }
    if (in.config.batch < lo || in.config.batch > hi)
        notes << QStringLiteral("batch %1 is outside the calibrated %2-%3")
                     .arg(in.config.batch)
                     .arg(lo)
                     .arg(hi);
    if (!in.instance.isGpu() &&
        std::find(pipelines.begin(), pipelines.end(), in.config.pipelineCores) == pipelines.end())
        notes << QStringLiteral("a %1-core pipeline was never measured").arg(in.config.pipelineCores);
    if (in.workload.kind == sim::Workload::Kind::OpenLoop)
        notes << QStringLiteral("open-loop arrivals: calibrated on closed-loop clients");
    if (in.config.dataType != compile::DataType::BF16 && !in.instance.isGpu())
        notes << QStringLiteral("%1: calibrated on bf16").arg(compile::dataTypeName(in.config.dataType));
    return notes;
}

Result<metrics::RunSummary> withPredictionIntervals(const sim::RunInputs& inputs, metrics::RunSummary summary,
                                                    const std::vector<ReferenceRow>& calibrationRows,
                                                    const sim::RunControl& control,
                                                    const IntervalOptions& options) {
    const hardware::CalibrationUncertainty& u = inputs.instance.uncertainty;
    summary.intervalNotes = extrapolationNotes(inputs, calibrationRows);
    if (u.empty() || !(summary.throughputPerSecond > 0))
        return summary; // nothing known about the parameters: no interval, rather than a made-up one
    const auto n = static_cast<Eigen::Index>(u.keys.size());
    if (u.logCovariance.size() != static_cast<std::size_t>(n * n))
        return makeError(QStringLiteral("the calibration's covariance does not match its parameters"));

    sim::RunInputs base = inputs;
    base.workload.requests = std::min(inputs.workload.requests, options.requests);
    base.workload.warmup = std::min(inputs.workload.warmup, std::max(20, base.workload.requests / 20));
    sim::RunControl quiet;
    quiet.cancel = control.cancel;
    Result<Outcome> centre = outcome(base, quiet);
    if (!centre)
        return centre.error();
    Eigen::VectorXd gThroughput(n), gP95(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        sim::RunInputs nudged = base;
        const QString& key = u.keys[static_cast<std::size_t>(i)];
        const double value = parameterValue(nudged.instance, key);
        if (!(value > 0) || !applyParameter(nudged.instance, key, value * std::exp(kStep))) {
            gThroughput[i] = gP95[i] = 0;
            continue;
        }
        Result<Outcome> moved = outcome(nudged, quiet);
        if (!moved)
            return moved.error();
        gThroughput[i] = (moved->logThroughput - centre->logThroughput) / kStep;
        gP95[i] = (moved->logP95 - centre->logP95) / kStep;
        if (control.progress)
            control.progress(double(i + 1) / double(n));
    }
    const Eigen::Map<const Eigen::MatrixXd> covariance(u.logCovariance.data(), n, n);
    // Model error: the fit's scatter on its own rows, counted again for each extrapolation.
    const double modelScale = 1.0 + static_cast<double>(summary.intervalNotes.size());
    const double sdThroughput = std::sqrt(std::max(0.0, gThroughput.dot(covariance * gThroughput)) +
                                          modelScale * u.throughputSigma * u.throughputSigma);
    const double sdP95 =
        std::sqrt(std::max(0.0, gP95.dot(covariance * gP95)) + modelScale * u.p95Sigma * u.p95Sigma);
    const double z = zFor(options.level);
    summary.throughputInterval = {summary.throughputPerSecond * std::exp(-z * sdThroughput),
                                  summary.throughputPerSecond * std::exp(z * sdThroughput)};
    summary.latencyP95IntervalMs = {summary.latencyMs.p95 * std::exp(-z * sdP95),
                                    summary.latencyMs.p95 * std::exp(z * sdP95)};
    // Cost per inference is the price over throughput: its interval is the throughput's, inverted.
    summary.costIntervalUsd = {summary.costPerMillionUsd * std::exp(-z * sdThroughput),
                               summary.costPerMillionUsd * std::exp(z * sdThroughput)};
    // An open-loop run serves at most what arrives: the model's error can make the deployment
    // slower than simulated, not send it more requests (at 1,000/s on inf1.24xlarge, where no row
    // was measured, the interval reached 2,667/s). Nor can it then cost less than at that rate.
    if (inputs.workload.kind == sim::Workload::Kind::OpenLoop) {
        const double arrived = summary.arrivalPerSecond > 0
                                   ? summary.arrivalPerSecond
                                   : inputs.workload.ratePerSecond * inputs.config.batch;
        const double ceiling = std::max(summary.throughputPerSecond, arrived);
        if (summary.throughputInterval.high > ceiling) {
            summary.throughputInterval.high = ceiling;
            summary.costIntervalUsd.low = summary.costPerMillionUsd * summary.throughputPerSecond / ceiling;
        }
    }
    return summary;
}

} // namespace pipescope::calibrate
