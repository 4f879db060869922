#pragma once

#include "calibrate/reference.h"
#include "hardware/catalog.h"

#include <QJsonObject>

namespace pipescope::calibrate {

// One parameter that public documents do not give, with the prior the fit is pulled towards
// (weakly) when the measurements cannot tell it apart from the others.
struct FittedParameter {
    QString device; // catalog device key, e.g. "inferentia1"
    QString key;    // path inside the device entry, e.g. "sram_bytes" or "host.jitter"
    double prior = 1;
    double min = 0;
    double max = 1;
    double initial = 0; // value in the catalog before the fit
    double value = 0;   // fitted value
};

struct CalibrationResult {
    std::vector<FittedParameter> parameters;
    double cost = 0; // 0.5 * sum of squared scaled residuals at the optimum
    int evaluations = 0;
    QJsonObject catalog; // the input catalog document with the fitted values and their provenance
};

struct CalibrationOptions {
    int requests = 4000; // per reference row and evaluation
    std::uint64_t seed = 1;
    int maxIterations = 40;
};

// The parameters calibrated for each device kind, with priors and bounds.
std::vector<FittedParameter> calibratedParameters(const hardware::Catalog& catalog);

// Fits the calibrated parameters of every device that has reference rows, by Levenberg-Marquardt
// on log-ratio residuals (throughput scaled by 5%, p95 by 10%: the accuracy targets) plus weak
// priors. Other instance sizes use the same device parameters, so they are predictions.
Result<CalibrationResult> calibrate(const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options = {});

// Sets a device parameter in an instance spec ("host.jitter" -> spec.host.jitter).
bool applyParameter(hardware::InstanceSpec& spec, const QString& key, double value);

} // namespace pipescope::calibrate
