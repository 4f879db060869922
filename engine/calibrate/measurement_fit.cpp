#include "calibrate/measurement_fit.h"

#include "calibrate/device_problem.h"

#include <QDate>
#include <QFileInfo>

#include <Eigen/QR>

#include <cmath>

namespace pipescope::calibrate {
namespace {

// A parameter is identifiable when, beyond what the others explain, a change of its logarithm by
// one moves the residuals by at least this much (in units of the measurements' accuracy): its
// posterior sigma is then below 0.5 in log units, four times tighter than its prior.
constexpr double kMinSensitivity = 2.0;
constexpr double kSensitivityStep = 0.1; // log units: large enough to rise above simulation noise
constexpr double kZ95 = 1.96;

// The measurements as fit targets on one device, and the parameters that device could fit
// (their `initial` and `prior` set to the values the fit starts from).
struct Setup {
    QString device;
    std::vector<FitTarget> targets;
    std::vector<FittedParameter> parameters;
    QJsonObject deviceEntry; // the entry the fit starts from (catalog device or start profile)
};

Result<Setup> setUp(const hardware::Catalog& catalog, const MeasurementSet& set,
                    const MeasurementFitOptions& options) {
    if (set.rows.empty())
        return makeError(QStringLiteral("no usable measurement to fit"), set.origin);
    Setup s;
    s.device = options.device;
    for (const Measurement& m : set.rows) {
        sim::Scenario scenario = m.scenario;
        scenario.workload.requests = options.requests;
        scenario.workload.warmup = std::max(20, options.requests / 20);
        scenario.workload.seed = options.seed;
        scenario.deviceProfile = options.startProfile;
        const QString where = QStringLiteral("%1:%2").arg(set.origin).arg(m.line);
        Result<sim::RunInputs> in = sim::buildInputs(scenario, catalog);
        if (!in)
            return makeError(in.error().toString(), where);
        if (s.device.isEmpty())
            s.device = in->instance.device;
        if (in->instance.device != s.device)
            return makeError(QStringLiteral("%1 has device %2, the fit is for %3; fit one device at a time "
                                            "(--device)")
                                 .arg(in->instance.name, in->instance.device, s.device),
                             where);
        FitTarget t;
        t.inputs = std::move(in).value();
        t.throughput = m.throughputPerSecond;
        t.p50 = m.latencyP50Ms;
        t.p95 = m.latencyP95Ms;
        t.p99 = m.latencyP99Ms;
        s.targets.push_back(std::move(t));
    }
    const hardware::InstanceSpec& start = s.targets.front().inputs.instance;
    for (FittedParameter p : calibratedParameters({start})) {
        // The values the fit starts from are also its priors: with few rows a parameter the data
        // cannot see stays where the catalog (fitted to the published study) put it.
        p.initial = p.value = p.prior = std::clamp(parameterValue(start, p.key), p.min, p.max);
        s.parameters.push_back(p);
    }
    const hardware::DeviceProfile* profile =
        options.startProfile.isEmpty() ? nullptr : catalog.findProfile(options.startProfile);
    s.deviceEntry =
        profile ? profile->device
                : catalog.toJson().value(QStringLiteral("devices")).toObject().value(s.device).toObject();
    return s;
}

std::vector<FittedParameter*> pointersTo(std::vector<FittedParameter>& all, const QStringList& keys) {
    std::vector<FittedParameter*> out;
    for (FittedParameter& p : all)
        if (keys.contains(p.key))
            out.push_back(&p);
    return out;
}

// Columns of the data Jacobian (forward differences at the start) kept by a rank-revealing QR.
QStringList identifiable(const Setup& setup, const MeasurementFitOptions& options) {
    std::vector<FittedParameter> params = setup.parameters;
    std::vector<FittedParameter*> all;
    for (FittedParameter& p : params)
        all.push_back(&p);
    const DeviceProblem problem(setup.targets, all);
    const Eigen::VectorXd x0 = problem.start();
    const Eigen::VectorXd r0 = problem.dataResiduals(problem.simulateRows(x0));
    Eigen::MatrixXd jacobian(r0.size(), problem.size());
    for (Eigen::Index i = 0; i < problem.size(); ++i) {
        if (options.cancel && options.cancel->load())
            return {};
        Eigen::VectorXd x = x0;
        x[i] += kSensitivityStep;
        jacobian.col(i) = (problem.dataResiduals(problem.simulateRows(x)) - r0) / kSensitivityStep;
        if (options.progress)
            options.progress(0.1 * double(i + 1) / double(problem.size()), QStringLiteral("sensitivity"));
    }
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(jacobian);
    const Eigen::MatrixXd r = qr.matrixR().template triangularView<Eigen::Upper>();
    QStringList keys;
    const Eigen::Index diagonal = std::min(r.rows(), r.cols());
    for (Eigen::Index k = 0; k < diagonal; ++k)
        if (std::abs(r(k, k)) >= kMinSensitivity)
            keys << params[static_cast<std::size_t>(qr.colsPermutation().indices()[k])].key;
    return keys;
}

double percentError(double simulated, double measured) {
    return measured > 0 ? 100.0 * (simulated - measured) / measured : 0.0;
}

struct Mape {
    double throughput = 0, p95 = 0;
};

template <class Get> Mape mapeOf(const std::vector<RowFit>& rows, Get get) {
    Mape m;
    for (const RowFit& r : rows) {
        const auto [thr, p95] = get(r);
        m.throughput += std::abs(percentError(thr, r.measured.throughputPerSecond));
        m.p95 += std::abs(percentError(p95, r.measured.latencyP95Ms));
    }
    const double n = std::max<std::size_t>(1, rows.size());
    return {m.throughput / n, m.p95 / n};
}

// The progress callback of one part of the work, mapped onto [from, to) of the whole.
// The search of one fit: its progress reported as the part [from, to] of the whole, named `stage`.
FitSearch stageSearch(const MeasurementFitOptions& options, double from, double to, const QString& stage) {
    FitSearch search;
    search.maxIterations = options.maxIterations;
    search.cancel = options.cancel;
    if (options.progress)
        search.progress = [=](double within) { options.progress(from + (to - from) * within, stage); };
    return search;
}

QStringList checkedKeys(const Setup& setup, const QStringList& wanted) {
    QStringList unknown;
    for (const QString& key : wanted)
        if (std::none_of(setup.parameters.begin(), setup.parameters.end(),
                         [&](const FittedParameter& p) { return p.key == key; }))
            unknown << key;
    return unknown;
}

QString knownKeys(const Setup& setup) {
    QStringList keys;
    for (const FittedParameter& p : setup.parameters)
        keys << p.key;
    return keys.join(QStringLiteral(", "));
}

// Refits without each row in turn, from the same start, and predicts the row left out.
Result<std::vector<SimulatedRow>> leaveOneOut(const Setup& setup, const QStringList& keys,
                                              const MeasurementFitOptions& options) {
    std::vector<SimulatedRow> predicted;
    const std::size_t n = setup.targets.size();
    for (std::size_t k = 0; k < n; ++k) {
        std::vector<FitTarget> others;
        for (std::size_t j = 0; j < n; ++j)
            if (j != k)
                others.push_back(setup.targets[j]);
        std::vector<FittedParameter> params = setup.parameters;
        const DeviceProblem problem(std::move(others), pointersTo(params, keys));
        const QString stage = QStringLiteral("leave-one-out %1/%2").arg(k + 1).arg(n);
        Result<LmResult> fit = fitDevice(problem, stageSearch(options, 0.5 + 0.5 * double(k) / double(n),
                                                              0.5 + 0.5 * double(k + 1) / double(n), stage));
        if (!fit)
            return fit.error();
        const DeviceProblem held({setup.targets[k]}, pointersTo(params, keys));
        predicted.push_back(held.simulateRows(fit->x).front());
    }
    return predicted;
}

std::vector<ParameterEstimate> estimates(const Setup& setup, const std::vector<FittedParameter>& fitted,
                                         const QStringList& keys) {
    std::vector<ParameterEstimate> out;
    for (std::size_t i = 0; i < setup.parameters.size(); ++i) {
        const FittedParameter& p = fitted[i];
        ParameterEstimate e;
        e.key = p.key;
        e.why = p.why;
        e.before = setup.parameters[i].value;
        e.fitted = keys.contains(p.key);
        e.value = e.fitted ? p.value : e.before;
        e.low = e.fitted ? p.value * std::exp(-kZ95 * p.logSigma) : e.value;
        e.high = e.fitted ? p.value * std::exp(kZ95 * p.logSigma) : e.value;
        e.identified = e.fitted && p.identified;
        out.push_back(e);
    }
    return out;
}

void summarise(MeasurementFitReport& report) {
    const Mape before = mapeOf(report.rows, [](const RowFit& r) {
        return std::pair{r.throughputBefore, r.p95Before};
    });
    const Mape after = mapeOf(report.rows, [](const RowFit& r) {
        return std::pair{r.throughputAfter, r.p95After};
    });
    report.throughputMapeBefore = before.throughput;
    report.p95MapeBefore = before.p95;
    report.throughputMapeAfter = after.throughput;
    report.p95MapeAfter = after.p95;
    for (const ParameterEstimate& e : report.parameters)
        if (!e.identified)
            report.unidentified << e.key;
    if (!report.unidentified.isEmpty())
        report.notes << QStringLiteral(
                            "not pinned down by these measurements (not fitted, or a 95% interval wider "
                            "than about +-15%): %1")
                            .arg(report.unidentified.join(QStringLiteral(", ")));
    if (!report.converged)
        report.notes << QStringLiteral("the fit stopped at its iteration limit before converging");
    if (report.rows.front().throughputHeldOut <= 0)
        return;
    const Mape held = mapeOf(report.rows, [](const RowFit& r) {
        return std::pair{r.throughputHeldOut, r.p95HeldOut};
    });
    report.throughputMapeHeldOut = held.throughput;
    report.p95MapeHeldOut = held.p95;
    report.heldOutWorse = held.throughput + held.p95 > before.throughput + before.p95;
    if (report.heldOutWorse)
        report.notes << QStringLiteral(
                            "rows held back from the fit are predicted worse (%1% / %2% throughput / "
                            "p95) than by the unfitted simulator (%3% / %4%): the fit follows these "
                            "rows' noise; measure more configurations or fit fewer parameters")
                            .arg(held.throughput, 0, 'f', 1)
                            .arg(held.p95, 0, 'f', 1)
                            .arg(before.throughput, 0, 'f', 1)
                            .arg(before.p95, 0, 'f', 1);
}

} // namespace

Result<QStringList> identifiableParameters(const hardware::Catalog& catalog,
                                           const MeasurementSet& measurements,
                                           const MeasurementFitOptions& options) {
    Result<Setup> setup = setUp(catalog, measurements, options);
    if (!setup)
        return setup.error();
    QStringList keys = identifiable(setup.value(), options);
    if (options.cancel && options.cancel->load())
        return makeError(QStringLiteral("the calibration was cancelled"));
    return keys;
}

Result<MeasurementFitReport> fitMeasurements(const hardware::Catalog& catalog,
                                             const MeasurementSet& measurements,
                                             const MeasurementFitOptions& options) {
    Result<Setup> prepared = setUp(catalog, measurements, options);
    if (!prepared)
        return prepared.error();
    const Setup& setup = prepared.value();
    if (const QStringList unknown = checkedKeys(setup, options.parameters); !unknown.isEmpty())
        return makeError(QStringLiteral("unknown parameter '%1'; %2 has %3")
                             .arg(unknown.front(), setup.device, knownKeys(setup)),
                         QStringLiteral("--params"));
    QStringList keys = options.parameters.isEmpty() ? identifiable(setup, options) : options.parameters;
    if (options.cancel && options.cancel->load())
        return makeError(QStringLiteral("the calibration was cancelled"));
    if (keys.isEmpty())
        return makeError(QStringLiteral("these measurements pin down none of %1's parameters; measure "
                                        "configurations that differ (batch, grouping, pipeline cores) or "
                                        "name the parameters with --params")
                             .arg(setup.device),
                         measurements.origin);

    std::vector<FittedParameter> params = setup.parameters;
    const DeviceProblem problem(setup.targets, pointersTo(params, keys));
    const std::vector<SimulatedRow> before = problem.simulateRows(problem.start());
    Result<LmResult> fit = fitDevice(problem, stageSearch(options, 0.1, 0.5, QStringLiteral("fit")));
    if (!fit)
        return fit.error();

    MeasurementFitReport report;
    report.device = setup.device;
    report.origin = measurements.origin;
    report.skipped = measurements.skipped;
    report.evaluations = fit->evaluations;
    report.converged = fit->converged;
    report.uncertainty = problem.uncertainty(fit.value());
    report.deviceEntry = setup.deviceEntry;
    const QString source = QStringLiteral("calibrated: Levenberg-Marquardt fit to %1 measurements in %2 "
                                          "(%3 requests each, seed %4), %5")
                               .arg(setup.targets.size())
                               .arg(QFileInfo(measurements.origin).fileName())
                               .arg(options.requests)
                               .arg(options.seed)
                               .arg(QDate::currentDate().toString(Qt::ISODate));
    writeFittedDevice(report.deviceEntry, problem, fit.value(), report.uncertainty, source);
    report.parameters = estimates(setup, params, keys);

    const std::vector<SimulatedRow> after = problem.simulateRows(fit->x);
    std::vector<SimulatedRow> heldOut;
    if (options.leaveOneOut && setup.targets.size() >= 2) {
        Result<std::vector<SimulatedRow>> loo = leaveOneOut(setup, keys, options);
        if (!loo)
            return loo.error();
        heldOut = std::move(loo).value();
    }
    for (std::size_t k = 0; k < setup.targets.size(); ++k) {
        RowFit row;
        row.measured = measurements.rows[k];
        row.throughputBefore = before[k].throughput;
        row.p95Before = before[k].p95;
        row.throughputAfter = after[k].throughput;
        row.p95After = after[k].p95;
        if (!heldOut.empty()) {
            row.throughputHeldOut = heldOut[k].throughput;
            row.p95HeldOut = heldOut[k].p95;
        }
        row.error = !after[k].error.isEmpty() ? after[k].error : before[k].error;
        report.rows.push_back(row);
    }
    summarise(report);
    if (options.progress)
        options.progress(1.0, QStringLiteral("done"));
    return report;
}

} // namespace pipescope::calibrate
