#include "calibrate/calibration.h"

#include "calibrate/levenberg_marquardt.h"
#include "sim/simulator.h"

#include <QDate>

#include <cmath>

namespace pipescope::calibrate {
namespace {

struct Prior {
    const char* key;
    double prior, min, max;
};

// Priors: the rule of thumb's ~10 MB of weights per core; typical systolic-array efficiency on
// transformer matmuls; framework overheads of the order of a millisecond; small jitter.
const Prior kNeuronPriors[] = {
    {"sram_bytes", 10e6, 2e6, 64e6},
    {"tensor_efficiency", 0.5, 0.05, 1.0},
    {"dram_efficiency", 0.7, 0.2, 1.0},
    {"stage_overhead_ns", 20e3, 100, 5e6},
    {"host.request_overhead_ns", 1e6, 1e3, 5e7},
    {"host.per_sample_overhead_ns", 1e5, 1e2, 1e7},
    {"host.device_latency_ns", 1e6, 1e3, 5e7},
    {"host.jitter", 0.01, 1e-4, 0.5},
    {"host.host_jitter", 0.05, 1e-4, 0.5},
};
const Prior kGpuPriors[] = {
    {"tensor_efficiency", 0.3, 0.02, 1.0},
    {"launch_overhead_ns", 10e3, 100, 1e6},
    {"host.request_overhead_ns", 1e6, 1e3, 5e7},
    {"host.per_sample_overhead_ns", 5e4, 1e2, 1e7},
    {"host.jitter", 0.01, 1e-4, 0.5},
    {"host.host_jitter", 0.1, 1e-4, 0.5},
};

double currentValue(const hardware::InstanceSpec& s, const QString& key) {
    if (key == QLatin1String("sram_bytes"))
        return double(s.neuron.sramBytes);
    if (key == QLatin1String("tensor_efficiency"))
        return s.isGpu() ? s.gpu.tensorEfficiency : s.neuron.tensorEfficiency;
    if (key == QLatin1String("dram_efficiency"))
        return s.neuron.dramEfficiency;
    if (key == QLatin1String("stage_overhead_ns"))
        return s.neuron.stageOverheadNs;
    if (key == QLatin1String("launch_overhead_ns"))
        return s.gpu.launchOverheadNs;
    if (key == QLatin1String("host.request_overhead_ns"))
        return s.host.requestOverheadNs;
    if (key == QLatin1String("host.per_sample_overhead_ns"))
        return s.host.perSampleOverheadNs;
    if (key == QLatin1String("host.device_latency_ns"))
        return s.host.deviceLatencyNs;
    if (key == QLatin1String("host.jitter"))
        return s.host.jitter;
    if (key == QLatin1String("host.host_jitter"))
        return s.host.hostJitter;
    return 0;
}

// Keeps four significant digits so the catalog stays readable and diffs stay small.
double rounded(double v) {
    if (v == 0)
        return 0;
    const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

void writeParameter(QJsonObject& device, const QString& key, double value, const QString& source) {
    const QJsonObject entry{{QStringLiteral("value"), value}, {QStringLiteral("source"), source}};
    if (key.startsWith(QLatin1String("host."))) {
        QJsonObject host = device.value(QStringLiteral("host")).toObject();
        host[key.mid(5)] = entry;
        device[QStringLiteral("host")] = host;
    } else {
        device[key] = entry;
    }
}

} // namespace

bool applyParameter(hardware::InstanceSpec& s, const QString& key, double v) {
    if (key == QLatin1String("sram_bytes"))
        s.neuron.sramBytes = static_cast<std::int64_t>(std::llround(v));
    else if (key == QLatin1String("tensor_efficiency"))
        (s.isGpu() ? s.gpu.tensorEfficiency : s.neuron.tensorEfficiency) = v;
    else if (key == QLatin1String("dram_efficiency"))
        s.neuron.dramEfficiency = v;
    else if (key == QLatin1String("stage_overhead_ns"))
        s.neuron.stageOverheadNs = v;
    else if (key == QLatin1String("launch_overhead_ns"))
        s.gpu.launchOverheadNs = v;
    else if (key == QLatin1String("host.request_overhead_ns"))
        s.host.requestOverheadNs = v;
    else if (key == QLatin1String("host.per_sample_overhead_ns"))
        s.host.perSampleOverheadNs = v;
    else if (key == QLatin1String("host.device_latency_ns"))
        s.host.deviceLatencyNs = v;
    else if (key == QLatin1String("host.jitter"))
        s.host.jitter = v;
    else if (key == QLatin1String("host.host_jitter"))
        s.host.hostJitter = v;
    else
        return false;
    return true;
}

std::vector<FittedParameter> calibratedParameters(const hardware::Catalog& catalog) {
    std::vector<FittedParameter> params;
    std::vector<QString> seen;
    for (const auto& spec : catalog.instances()) {
        if (std::find(seen.begin(), seen.end(), spec.device) != seen.end())
            continue;
        seen.push_back(spec.device);
        auto add = [&](const auto& priors) {
            for (const Prior& p : priors) {
                const QString key = QString::fromLatin1(p.key);
                const double initial = currentValue(spec, key);
                params.push_back({spec.device, key, p.prior, p.min, p.max, initial, initial});
            }
        };
        if (spec.isGpu())
            add(kGpuPriors);
        else
            add(kNeuronPriors);
    }
    return params;
}

Result<CalibrationResult> calibrate(const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options) {
    CalibrationResult result;
    result.parameters = calibratedParameters(catalog);
    result.catalog = catalog.toJson();
    QJsonObject devices = result.catalog.value(QStringLiteral("devices")).toObject();

    // Devices are independent problems: the GPU rows say nothing about NeuronCores.
    std::vector<QString> deviceKeys;
    for (const auto& p : result.parameters)
        if (std::find(deviceKeys.begin(), deviceKeys.end(), p.device) == deviceKeys.end())
            deviceKeys.push_back(p.device);

    for (const QString& device : deviceKeys) {
        std::vector<sim::RunInputs> rows;
        std::vector<const ReferenceRow*> refs;
        for (const auto& row : reference) {
            const auto* spec = catalog.find(row.instance);
            if (!spec || spec->device != device)
                continue;
            Result<sim::RunInputs> in =
                sim::buildInputs(referenceScenario(row, options.requests, options.seed), catalog);
            if (!in)
                return makeError(in.error().toString(), row.label());
            rows.push_back(std::move(in).value());
            refs.push_back(&row);
        }
        if (rows.empty())
            continue; // nothing to fit against: the catalog's values stay as they are
        std::vector<FittedParameter*> params;
        for (auto& p : result.parameters)
            if (p.device == device)
                params.push_back(&p);
        const auto n = static_cast<Eigen::Index>(params.size());
        Eigen::VectorXd x0(n), lower(n), upper(n), prior(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            x0[i] = std::log(std::clamp(params[i]->initial, params[i]->min, params[i]->max));
            lower[i] = std::log(params[i]->min);
            upper[i] = std::log(params[i]->max);
            prior[i] = std::log(params[i]->prior);
        }
        QString failure;
        auto residuals = [&](const Eigen::VectorXd& x) {
            Eigen::VectorXd r(static_cast<Eigen::Index>(rows.size() * 2) + n);
            for (std::size_t k = 0; k < rows.size(); ++k) {
                sim::RunInputs in = rows[k];
                for (Eigen::Index i = 0; i < n; ++i)
                    applyParameter(in.instance, params[i]->key, std::exp(x[i]));
                Result<sim::RunPtr> run = sim::simulate(in);
                double thr = 1e-9, p95 = 1e9;
                if (run) {
                    thr = std::max(1e-9, run.value()->summary.throughputPerSecond);
                    p95 = std::max(1e-9, run.value()->summary.latencyMs.p95);
                } else if (failure.isEmpty()) {
                    failure = run.error().toString();
                }
                r[static_cast<Eigen::Index>(2 * k)] = std::log(thr / refs[k]->throughputPerSecond) / 0.05;
                r[static_cast<Eigen::Index>(2 * k + 1)] = std::log(p95 / refs[k]->latencyP95Ms) / 0.10;
            }
            // Weak priors (a factor e^2 away costs as much as 5% of throughput error).
            for (Eigen::Index i = 0; i < n; ++i)
                r[static_cast<Eigen::Index>(rows.size() * 2) + i] = (x[i] - prior[i]) / 2.0;
            return r;
        };
        LmOptions lm;
        lm.maxIterations = options.maxIterations;
        const LmResult fit = levenbergMarquardt(residuals, x0, lower, upper, lm);
        if (!failure.isEmpty())
            return makeError(QStringLiteral("a simulation failed during the fit: %1").arg(failure), device);
        result.cost += fit.cost;
        result.evaluations += fit.evaluations;

        QJsonObject entry = devices.value(device).toObject();
        const QString source = QStringLiteral("calibrated: Levenberg-Marquardt fit to seed-measurements.csv "
                                              "(%1 rows, %2 requests each, seed %3), %4")
                                   .arg(rows.size())
                                   .arg(options.requests)
                                   .arg(options.seed)
                                   .arg(QDate::currentDate().toString(Qt::ISODate));
        for (Eigen::Index i = 0; i < n; ++i) {
            params[i]->value = rounded(std::exp(fit.x[i]));
            writeParameter(entry, params[i]->key, params[i]->value, source);
        }
        devices[device] = entry;
    }
    result.catalog[QStringLiteral("devices")] = devices;
    return result;
}

} // namespace pipescope::calibrate
