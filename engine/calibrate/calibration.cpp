#include "calibrate/calibration.h"

#include "calibrate/levenberg_marquardt.h"
#include "sim/simulator.h"

#include <QDate>
#include <QJsonArray>

#include <Eigen/Cholesky>

#include <cmath>
#include <thread>

namespace pipescope::calibrate {
namespace {

constexpr double kThroughputScale = 0.05; // residual units: 5% throughput, 10% p95
constexpr double kP95Scale = 0.10;
constexpr double kPriorSigma = 2.0; // log units: a prior is a factor e^2 guess

// Keeps four significant digits so the catalog stays readable and diffs stay small.
double rounded(double v) {
    if (v == 0)
        return 0;
    const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

// Runs f(i) for i in [0, count) on up to all cores. Each index writes only its own output.
template <typename F> void parallelFor(std::size_t count, const F& f) {
    const std::size_t threads =
        std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i)
            f(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++)
                f(i);
        });
    for (auto& thread : pool)
        thread.join();
}

struct RowOutcome {
    double throughput = 1e-9, p95 = 1e9;
    QString error;
};

// The fit of one device: its rows, its parameters, the residual function and what it leaves.
class DeviceProblem {
public:
    DeviceProblem(std::vector<sim::RunInputs> rows, std::vector<const ReferenceRow*> refs,
                  std::vector<FittedParameter*> params)
        : m_rows(std::move(rows))
        , m_refs(std::move(refs))
        , m_params(std::move(params)) {}

    Eigen::Index size() const { return static_cast<Eigen::Index>(m_params.size()); }

    std::vector<RowOutcome> simulateRows(const Eigen::VectorXd& x) const {
        std::vector<RowOutcome> out(m_rows.size());
        parallelFor(m_rows.size(), [&](std::size_t k) {
            sim::RunInputs in = m_rows[k];
            for (Eigen::Index i = 0; i < size(); ++i)
                applyParameter(in.instance, m_params[static_cast<std::size_t>(i)]->key, std::exp(x[i]));
            Result<sim::RunPtr> run = sim::simulate(in);
            if (!run) {
                out[k].error = run.error().toString();
                return;
            }
            out[k].throughput = std::max(1e-9, run.value()->summary.throughputPerSecond);
            out[k].p95 = std::max(1e-9, run.value()->summary.latencyMs.p95);
        });
        return out;
    }

    Eigen::VectorXd residuals(const Eigen::VectorXd& x, QString* failure) const {
        const std::vector<RowOutcome> rows = simulateRows(x);
        Eigen::VectorXd r(static_cast<Eigen::Index>(rows.size() * 2) + size());
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (!rows[k].error.isEmpty() && failure->isEmpty())
                *failure = rows[k].error;
            r[static_cast<Eigen::Index>(2 * k)] =
                std::log(rows[k].throughput / m_refs[k]->throughputPerSecond) / kThroughputScale;
            r[static_cast<Eigen::Index>(2 * k + 1)] =
                std::log(rows[k].p95 / m_refs[k]->latencyP95Ms) / kP95Scale;
        }
        for (Eigen::Index i = 0; i < size(); ++i)
            r[static_cast<Eigen::Index>(rows.size() * 2) + i] =
                (x[i] - std::log(m_params[static_cast<std::size_t>(i)]->prior)) / kPriorSigma;
        return r;
    }

    // Covariance of the log parameters from the Jacobian at the optimum, and the fit's scatter.
    hardware::CalibrationUncertainty uncertainty(const LmResult& fit) const {
        hardware::CalibrationUncertainty u;
        const Eigen::Index n = size();
        const Eigen::MatrixXd jtj = fit.jacobian.transpose() * fit.jacobian;
        const Eigen::MatrixXd covariance = jtj.ldlt().solve(Eigen::MatrixXd::Identity(n, n)).eval();
        for (Eigen::Index i = 0; i < n; ++i) {
            u.keys.push_back(m_params[static_cast<std::size_t>(i)]->key);
            for (Eigen::Index j = 0; j < n; ++j)
                u.logCovariance.push_back(covariance(i, j));
        }
        QString ignored;
        const Eigen::VectorXd r = residuals(fit.x, &ignored);
        double thr = 0, p95 = 0;
        const auto rows = static_cast<Eigen::Index>(m_rows.size());
        for (Eigen::Index k = 0; k < rows; ++k) {
            thr += std::pow(r[2 * k] * kThroughputScale, 2);
            p95 += std::pow(r[2 * k + 1] * kP95Scale, 2);
        }
        u.throughputSigma = rows > 0 ? std::sqrt(thr / double(rows)) : 0;
        u.p95Sigma = rows > 0 ? std::sqrt(p95 / double(rows)) : 0;
        u.rows = static_cast<int>(rows);
        return u;
    }

    std::size_t rowCount() const { return m_rows.size(); }
    FittedParameter& parameter(Eigen::Index i) const { return *m_params[static_cast<std::size_t>(i)]; }

private:
    std::vector<sim::RunInputs> m_rows;
    std::vector<const ReferenceRow*> m_refs;
    std::vector<FittedParameter*> m_params;
};

QJsonObject uncertaintyJson(const hardware::CalibrationUncertainty& u, const QString& source) {
    QJsonArray keys, matrix;
    const auto n = static_cast<qsizetype>(u.keys.size());
    for (const QString& key : u.keys)
        keys.append(key);
    for (qsizetype i = 0; i < n; ++i) {
        QJsonArray row;
        for (qsizetype j = 0; j < n; ++j)
            row.append(u.logCovariance[static_cast<std::size_t>(i * n + j)]);
        matrix.append(row);
    }
    return QJsonObject{
        {QStringLiteral("parameters"), keys},
        {QStringLiteral("log_covariance"), matrix},
        {QStringLiteral("residual_sigma"),
         QJsonObject{{QStringLiteral("throughput"), u.throughputSigma}, {QStringLiteral("p95"), u.p95Sigma}}},
        {QStringLiteral("rows"), u.rows},
        {QStringLiteral("source"), source}};
}

// The reference rows of one device, as runs, with the parameters it fits.
Result<DeviceProblem> deviceProblem(const QString& device, const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options,
                                    std::vector<FittedParameter>& parameters) {
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
    std::vector<FittedParameter*> params;
    for (auto& p : parameters)
        if (p.device == device)
            params.push_back(&p);
    return DeviceProblem(std::move(rows), std::move(refs), std::move(params));
}

// Fits one device. The simulated throughput is a minimum of capacities (host lock, DRAM, engines,
// clients), so the cost has kinks and more than one basin, and the path a damped Gauss-Newton takes
// depends on its difference step: two descents with different steps, the lower cost wins.
// `progress` takes the fraction of this device's fit done.
Result<LmResult> fitDevice(const DeviceProblem& problem, const CalibrationOptions& options,
                           const std::function<void(double)>& progress) {
    const Eigen::Index n = problem.size();
    Eigen::VectorXd x0(n), lower(n), upper(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const FittedParameter& p = problem.parameter(i);
        x0[i] = std::log(std::clamp(p.initial > 0 ? p.initial : p.prior, p.min, p.max));
        lower[i] = std::log(p.min);
        upper[i] = std::log(p.max);
    }
    QString failure;
    bool cancelled = false;
    int calls = 0;
    const double expectedCalls = 2.0 * double(n + 2) * options.maxIterations / 3.0; // a rough guide
    auto residuals = [&](const Eigen::VectorXd& x) {
        if (options.cancel && options.cancel->load()) {
            cancelled = true;
            return Eigen::VectorXd(
                Eigen::VectorXd::Zero(static_cast<Eigen::Index>(problem.rowCount()) * 2 + n));
        }
        if (progress)
            progress(std::min(1.0, double(++calls) / expectedCalls));
        return problem.residuals(x, &failure);
    };
    LmResult fit;
    for (const double step : {0.02, 0.08}) {
        LmOptions lm;
        lm.maxIterations = options.maxIterations;
        lm.step = step;
        LmResult candidate = levenbergMarquardt(residuals, x0, lower, upper, lm);
        const int evaluations = fit.evaluations + candidate.evaluations;
        if (fit.evaluations == 0 || candidate.cost < fit.cost)
            fit = std::move(candidate);
        fit.evaluations = evaluations;
        if (cancelled)
            return makeError(QStringLiteral("the calibration was cancelled"));
    }
    if (!failure.isEmpty())
        return makeError(QStringLiteral("a simulation failed during the fit: %1").arg(failure));
    return fit;
}

// Writes a device's fitted values, their provenance and its covariance block into its catalog entry.
void writeFit(QJsonObject& entry, const DeviceProblem& problem, const LmResult& fit, DeviceFit& deviceFit,
              const CalibrationOptions& options) {
    const QString source = QStringLiteral("calibrated: Levenberg-Marquardt fit to %1 (%2 rows, %3 requests "
                                          "each, seed %4), %5")
                               .arg(options.referenceName)
                               .arg(deviceFit.rows)
                               .arg(options.requests)
                               .arg(options.seed)
                               .arg(QDate::currentDate().toString(Qt::ISODate));
    const Eigen::Index n = problem.size();
    for (Eigen::Index i = 0; i < n; ++i) {
        FittedParameter& p = problem.parameter(i);
        p.value = rounded(std::exp(fit.x[i]));
        p.logSigma = std::sqrt(
            std::max(0.0, deviceFit.uncertainty.logCovariance[static_cast<std::size_t>(i * n + i)]));
        p.identified = p.logSigma < 0.25 * kPriorSigma;
        writeParameter(entry, p.key, p.value, source);
    }
    entry[QStringLiteral("calibration")] = uncertaintyJson(deviceFit.uncertainty, source);
}

} // namespace

Result<CalibrationResult> calibrate(const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options) {
    CalibrationResult result;
    result.parameters = calibratedParameters(catalog.instances());
    result.catalog = catalog.toJson();
    QJsonObject devices = result.catalog.value(QStringLiteral("devices")).toObject();

    // Devices are independent problems: the GPU rows say nothing about NeuronCores.
    std::vector<QString> deviceKeys;
    for (const auto& p : result.parameters)
        if (std::find(deviceKeys.begin(), deviceKeys.end(), p.device) == deviceKeys.end())
            deviceKeys.push_back(p.device);

    for (std::size_t d = 0; d < deviceKeys.size(); ++d) {
        const QString& device = deviceKeys[d];
        Result<DeviceProblem> problem = deviceProblem(device, catalog, reference, options, result.parameters);
        if (!problem)
            return problem.error();
        if (problem->rowCount() == 0)
            continue; // nothing to fit against: the catalog's values stay as they are
        std::function<void(double)> progress;
        if (options.progress)
            progress = [&](double within) {
                options.progress((double(d) + within) / double(deviceKeys.size()));
            };
        Result<LmResult> fit = fitDevice(problem.value(), options, progress);
        if (!fit)
            return makeError(fit.error().toString(), device);
        DeviceFit deviceFit;
        deviceFit.device = device;
        deviceFit.rows = static_cast<int>(problem->rowCount());
        deviceFit.cost = fit->cost;
        deviceFit.converged = fit->converged;
        deviceFit.uncertainty = problem->uncertainty(fit.value());
        result.cost += fit->cost;
        result.evaluations += fit->evaluations;
        result.converged = result.converged && fit->converged;
        QJsonObject entry = devices.value(device).toObject();
        writeFit(entry, problem.value(), fit.value(), deviceFit, options);
        devices[device] = entry;
        result.fits.push_back(deviceFit);
    }
    result.catalog[QStringLiteral("devices")] = devices;
    return result;
}

} // namespace pipescope::calibrate
