#include "calibrate/cross_validation.h"

#include "calibrate/validation.h"

#include <QJsonDocument>

#include <cmath>

namespace pipescope::calibrate {
namespace {

struct Fold {
    QString name, kind;
    std::vector<ReferenceRow> train, test;
};

std::vector<Fold> makeFolds(const hardware::Catalog& catalog, const std::vector<ReferenceRow>& reference,
                            bool rowFolds) {
    std::vector<Fold> folds;
    std::vector<QString> instances;
    for (const auto& row : reference) {
        const auto* spec = catalog.find(row.instance);
        if (spec && !spec->isGpu() &&
            std::find(instances.begin(), instances.end(), row.instance) == instances.end())
            instances.push_back(row.instance);
    }
    // Leaving an instance type out only tests something if another one of its device remains.
    if (instances.size() > 1)
        for (const QString& instance : instances) {
            Fold f{QStringLiteral("without %1").arg(instance), QStringLiteral("instance"), {}, {}};
            for (const auto& row : reference)
                (row.instance == instance ? f.test : f.train).push_back(row);
            folds.push_back(std::move(f));
        }
    if (rowFolds)
        for (std::size_t i = 0; i < reference.size(); ++i) {
            Fold f{QStringLiteral("without row %1").arg(i + 1), QStringLiteral("row"), {}, {}};
            for (std::size_t k = 0; k < reference.size(); ++k)
                (k == i ? f.test : f.train).push_back(reference[k]);
            folds.push_back(std::move(f));
        }
    return folds;
}

} // namespace

Result<hardware::Catalog> catalogAtPriors(const hardware::Catalog& catalog) {
    QJsonObject doc = catalog.toJson();
    QJsonObject devices = doc.value(QStringLiteral("devices")).toObject();
    for (const auto& p : calibratedParameters(catalog.instances())) {
        QJsonObject device = devices.value(p.device).toObject();
        writeParameter(device, p.key, p.prior, QStringLiteral("prior: ") + p.why);
        device.remove(QStringLiteral("calibration"));
        devices[p.device] = device;
    }
    doc[QStringLiteral("devices")] = devices;
    return hardware::Catalog::fromJson(QJsonDocument(doc).toJson(), QStringLiteral("priors"));
}

Result<CrossValidationReport> crossValidate(const hardware::Catalog& catalog,
                                            const std::vector<ReferenceRow>& reference,
                                            const CrossValidationOptions& options) {
    Result<hardware::Catalog> start = catalogAtPriors(catalog);
    if (!start)
        return start.error();
    const std::vector<Fold> folds = makeFolds(catalog, reference, options.rowFolds);
    CrossValidationReport report;
    int instanceRows = 0, rowRows = 0;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        const Fold& fold = folds[f];
        CalibrationOptions fitOptions = options.fit;
        fitOptions.referenceName = QStringLiteral("the study's rows %1").arg(fold.name);
        if (options.fit.progress)
            fitOptions.progress = [&](double within) {
                options.fit.progress((double(f) + within) / double(folds.size()));
            };
        Result<CalibrationResult> fit = calibrate(start.value(), fold.train, fitOptions);
        if (!fit)
            return makeError(fit.error().toString(), fold.name);
        ++report.fits;
        report.converged = report.converged && fit->converged;
        Result<hardware::Catalog> fitted =
            hardware::Catalog::fromJson(QJsonDocument(fit->catalog).toJson(), fold.name);
        if (!fitted)
            return fitted.error();
        Result<ValidationReport> predicted =
            validateAgainst(fold.test, fitted.value(), options.predictRequests, options.fit.seed);
        if (!predicted)
            return makeError(predicted.error().toString(), fold.name);
        for (const auto& v : predicted->rows) {
            CrossValidationRow row;
            row.row = v.reference.label();
            row.fold = fold.name;
            row.kind = fold.kind;
            row.measuredThroughput = v.reference.throughputPerSecond;
            row.predictedThroughput = v.simulated.throughputPerSecond;
            row.measuredP95 = v.reference.latencyP95Ms;
            row.predictedP95 = v.simulated.latencyMs.p95;
            row.throughputErrorPercent = v.throughputErrorPercent;
            row.p95ErrorPercent = v.p95ErrorPercent;
            const bool instance = fold.kind == QLatin1String("instance");
            (instance ? report.throughputMape : report.rowThroughputMape) +=
                std::abs(row.throughputErrorPercent);
            (instance ? report.p95Mape : report.rowP95Mape) += std::abs(row.p95ErrorPercent);
            ++(instance ? instanceRows : rowRows);
            report.rows.push_back(row);
        }
    }
    if (instanceRows > 0) {
        report.throughputMape /= instanceRows;
        report.p95Mape /= instanceRows;
    }
    if (rowRows > 0) {
        report.rowThroughputMape /= rowRows;
        report.rowP95Mape /= rowRows;
    }
    return report;
}

} // namespace pipescope::calibrate
