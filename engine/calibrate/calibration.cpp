#include "calibrate/calibration.h"

#include "calibrate/device_problem.h"
#include "sim/simulator.h"

#include <QDate>

#include <cmath>

namespace pipescope::calibrate {
namespace {

// The reference rows of one device, as fit targets, with the parameters it fits.
Result<DeviceProblem> deviceProblem(const QString& device, const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options,
                                    std::vector<FittedParameter>& parameters) {
    std::vector<FitTarget> rows;
    for (const auto& row : reference) {
        const auto* spec = catalog.find(row.instance);
        if (!spec || spec->device != device)
            continue;
        Result<sim::RunInputs> in =
            sim::buildInputs(referenceScenario(row, options.requests, options.seed), catalog);
        if (!in)
            return makeError(in.error().toString(), row.label());
        FitTarget target;
        target.inputs = std::move(in).value();
        target.throughput = row.throughputPerSecond;
        target.p95 = row.latencyP95Ms;
        rows.push_back(std::move(target));
    }
    std::vector<FittedParameter*> params;
    for (auto& p : parameters)
        if (p.device == device)
            params.push_back(&p);
    return DeviceProblem(std::move(rows), std::move(params));
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
    writeFittedDevice(entry, problem, fit, deviceFit.uncertainty, source);
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
        FitSearch search;
        search.maxIterations = options.maxIterations;
        search.startFromAbove = options.startFromAbove;
        search.cancel = options.cancel;
        if (options.progress)
            search.progress = [&](double within) {
                options.progress((double(d) + within) / double(deviceKeys.size()));
            };
        Result<LmResult> fit = fitDevice(problem.value(), search);
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
