#include "calibrate/device_problem.h"

#include "calibrate/parallel_for.h"
#include "sim/simulator.h"

#include <QJsonArray>

#include <Eigen/Cholesky>

#include <cmath>
#include <limits>

namespace pipescope::calibrate {
namespace {

Eigen::Index measuredCount(const FitTarget& t) {
    return 1 + (t.p50 > 0 ? 1 : 0) + (t.p95 > 0 ? 1 : 0) + (t.p99 > 0 ? 1 : 0);
}

} // namespace

DeviceProblem::DeviceProblem(std::vector<FitTarget> rows, std::vector<FittedParameter*> params)
    : m_rows(std::move(rows))
    , m_params(std::move(params)) {
    for (const FitTarget& t : m_rows)
        m_dataCount += measuredCount(t);
}

std::vector<SimulatedRow> DeviceProblem::simulateRows(const Eigen::VectorXd& x) const {
    std::vector<SimulatedRow> out(m_rows.size());
    parallelFor(m_rows.size(), [&](std::size_t k) {
        sim::RunInputs in = m_rows[k].inputs;
        for (Eigen::Index i = 0; i < size(); ++i)
            applyParameter(in.instance, m_params[static_cast<std::size_t>(i)]->key, std::exp(x[i]));
        Result<sim::RunPtr> run = sim::simulate(in);
        if (!run) {
            out[k].error = run.error().toString();
            return;
        }
        const metrics::RunSummary& s = run.value()->summary;
        out[k].throughput = std::max(1e-9, s.throughputPerSecond);
        out[k].p50 = std::max(1e-9, s.latencyMs.p50);
        out[k].p95 = std::max(1e-9, s.latencyMs.p95);
        out[k].p99 = std::max(1e-9, s.latencyMs.p99);
    });
    return out;
}

Eigen::VectorXd DeviceProblem::dataResiduals(const std::vector<SimulatedRow>& rows) const {
    Eigen::VectorXd r(m_dataCount);
    Eigen::Index at = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const FitTarget& t = m_rows[k];
        r[at++] = std::log(rows[k].throughput / t.throughput) / kThroughputScale;
        for (const auto& [simulated, measured] :
             {std::pair{rows[k].p50, t.p50}, std::pair{rows[k].p95, t.p95}, std::pair{rows[k].p99, t.p99}})
            if (measured > 0)
                r[at++] = std::log(simulated / measured) / kLatencyScale;
    }
    return r;
}

Eigen::VectorXd DeviceProblem::residuals(const Eigen::VectorXd& x, QString* failure) const {
    const std::vector<SimulatedRow> rows = simulateRows(x);
    for (const SimulatedRow& row : rows)
        if (!row.error.isEmpty() && failure->isEmpty())
            *failure = row.error;
    Eigen::VectorXd r(residualCount());
    const Eigen::Index data = m_dataCount;
    r.head(data) = dataResiduals(rows);
    for (Eigen::Index i = 0; i < size(); ++i)
        r[data + i] = (x[i] - std::log(m_params[static_cast<std::size_t>(i)]->prior)) / kPriorSigma;
    return r;
}

Eigen::VectorXd DeviceProblem::start() const {
    Eigen::VectorXd x0(size());
    for (Eigen::Index i = 0; i < size(); ++i) {
        const FittedParameter& p = parameter(i);
        x0[i] = std::log(std::clamp(p.initial > 0 ? p.initial : p.prior, p.min, p.max));
    }
    return x0;
}

hardware::CalibrationUncertainty DeviceProblem::uncertainty(const LmResult& fit) const {
    hardware::CalibrationUncertainty u;
    const Eigen::Index n = size();
    const Eigen::MatrixXd jtj = fit.jacobian.transpose() * fit.jacobian;
    const Eigen::MatrixXd covariance = jtj.ldlt().solve(Eigen::MatrixXd::Identity(n, n)).eval();
    for (Eigen::Index i = 0; i < n; ++i) {
        u.keys.push_back(m_params[static_cast<std::size_t>(i)]->key);
        for (Eigen::Index j = 0; j < n; ++j)
            u.logCovariance.push_back(covariance(i, j));
    }
    // The scatter the fit leaves on its rows' throughput and p95, from the simulations at the optimum.
    const std::vector<SimulatedRow> at = simulateRows(fit.x);
    double thr = 0, p95 = 0;
    const auto rows = static_cast<Eigen::Index>(m_rows.size());
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        thr += std::pow(std::log(at[k].throughput / m_rows[k].throughput), 2);
        if (m_rows[k].p95 > 0)
            p95 += std::pow(std::log(at[k].p95 / m_rows[k].p95), 2);
    }
    u.throughputSigma = rows > 0 ? std::sqrt(thr / double(rows)) : 0;
    u.p95Sigma = rows > 0 ? std::sqrt(p95 / double(rows)) : 0;
    u.rows = static_cast<int>(rows);
    return u;
}

namespace {

// The starting points a fit screens: the problem's own and, with `fromAbove`, the same with every
// overhead (a time, "_ns") four times larger. The simulated times are maxima and sums of overlapping
// work (host threads against the device, a stage's set-up against its compute), so an overhead below
// the work it overlaps binds nothing, has no gradient, and a descent from below never moves it: from
// the priors the study's fit then settles with the stage overhead standing in for the host's
// per-sample time. From above every overhead binds, and the descent lowers each to where the rows
// put it.
std::vector<Eigen::VectorXd> fitStarts(const DeviceProblem& problem, bool fromAbove,
                                       const Eigen::VectorXd& lower, const Eigen::VectorXd& upper) {
    std::vector<Eigen::VectorXd> starts{problem.start()};
    if (fromAbove) {
        Eigen::VectorXd x = problem.start();
        for (Eigen::Index i = 0; i < x.size(); ++i)
            if (problem.parameter(i).key.endsWith(QLatin1String("_ns")))
                x[i] += std::log(kOverheadStartFactor);
        starts.push_back(x.cwiseMax(lower).cwiseMin(upper));
    }
    return starts;
}

} // namespace

Result<LmResult> fitDevice(const DeviceProblem& problem, const FitSearch& search) {
    const Eigen::Index n = problem.size();
    Eigen::VectorXd lower(n), upper(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        lower[i] = std::log(problem.parameter(i).min);
        upper[i] = std::log(problem.parameter(i).max);
    }
    QString failure;
    bool cancelled = false;
    int calls = 0;
    const double screening = search.startFromAbove ? 2.0 * kScreenIterations : 0;
    const double expectedCalls =
        double(n + 2) * (2.0 * search.maxIterations / 3.0 + screening); // a rough guide
    auto residuals = [&](const Eigen::VectorXd& x) {
        if (cancelled || (search.cancel && search.cancel->load())) {
            cancelled = true;
            return Eigen::VectorXd(Eigen::VectorXd::Zero(problem.residualCount()));
        }
        if (search.progress)
            search.progress(std::min(1.0, double(++calls) / expectedCalls));
        return problem.residuals(x, &failure);
    };
    int evaluations = 0;
    // Screening: a short descent from every start; the lowest cost is where the fit goes on from.
    Eigen::VectorXd from = problem.start();
    if (search.startFromAbove) {
        double best = std::numeric_limits<double>::infinity();
        for (const Eigen::VectorXd& start : fitStarts(problem, search.startFromAbove, lower, upper)) {
            LmOptions lm;
            lm.maxIterations = kScreenIterations;
            lm.step = 0.08;
            lm.covarianceStep = 0; // no final Jacobian: only the point and its cost are used
            const LmResult screened = levenbergMarquardt(residuals, start, lower, upper, lm);
            if (cancelled)
                return makeError(QStringLiteral("the calibration was cancelled"));
            evaluations += screened.evaluations;
            if (screened.cost < best) {
                best = screened.cost;
                from = screened.x;
            }
        }
    }
    LmResult fit;
    for (const double step : {0.02, 0.08}) {
        LmOptions lm;
        lm.maxIterations = search.maxIterations;
        lm.step = step;
        LmResult candidate = levenbergMarquardt(residuals, from, lower, upper, lm);
        if (cancelled)
            return makeError(QStringLiteral("the calibration was cancelled"));
        evaluations += candidate.evaluations;
        if (fit.x.size() == 0 || candidate.cost < fit.cost)
            fit = std::move(candidate);
    }
    fit.evaluations = evaluations;
    if (!failure.isEmpty())
        return makeError(QStringLiteral("a simulation failed during the fit: %1").arg(failure));
    return fit;
}

double roundedParameter(double v) {
    if (v == 0)
        return 0;
    const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

QJsonObject calibrationBlock(const hardware::CalibrationUncertainty& u, const QString& source) {
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

void writeFittedDevice(QJsonObject& entry, const DeviceProblem& problem, const LmResult& fit,
                       const hardware::CalibrationUncertainty& uncertainty, const QString& source) {
    const Eigen::Index n = problem.size();
    for (Eigen::Index i = 0; i < n; ++i) {
        FittedParameter& p = problem.parameter(i);
        p.value = roundedParameter(std::exp(fit.x[i]));
        p.logSigma = std::sqrt(std::max(0.0, uncertainty.logCovariance[static_cast<std::size_t>(i * n + i)]));
        p.identified = p.logSigma < kPinnedDownLogSigma;
        writeParameter(entry, p.key, p.value, source);
    }
    entry[QStringLiteral("calibration")] = calibrationBlock(uncertainty, source);
}

} // namespace pipescope::calibrate
