#pragma once

#include "calibrate/device_parameters.h"
#include "calibrate/reference.h"
#include "hardware/catalog.h"

#include <QJsonObject>

#include <atomic>
#include <functional>

namespace pipescope::calibrate {

// One device's fit: how well it converged and what it knows about its parameters.
struct DeviceFit {
    QString device;
    int rows = 0;
    double cost = 0;
    bool converged = false;
    hardware::CalibrationUncertainty uncertainty;
};

struct CalibrationResult {
    std::vector<FittedParameter> parameters;
    std::vector<DeviceFit> fits;
    double cost = 0; // 0.5 * sum of squared scaled residuals at the optimum, all devices
    int evaluations = 0;
    bool converged = true; // every device's fit converged
    QJsonObject catalog;   // the input catalog document with the fitted values and their provenance
};

struct CalibrationOptions {
    int requests = 3000; // per reference row and evaluation
    std::uint64_t seed = 1;
    int maxIterations = 30;
    // Also screen a start with every overhead raised (see FitSearch): from the priors alone the
    // study's fit can settle in a basin where a hidden host overhead never moves.
    bool startFromAbove = true;
    QString referenceName = QStringLiteral("the 2021 study's rows");
    std::function<void(double fraction)> progress; // from the calling thread, 0..1 (approximate)
    const std::atomic<bool>* cancel = nullptr;     // set to stop; the fit returns an error
};

// Fits the calibrated parameters of every device that has reference rows, by Levenberg-Marquardt
// on log-ratio residuals (throughput scaled by 5%, p95 by 10%: the measurements' assumed accuracy)
// plus weak priors. The inverse of J^T J at the optimum is the parameters' covariance (a Laplace
// approximation); it is written to each device's "calibration" block for prediction intervals.
// Rows are simulated in parallel on all cores; the result does not depend on the thread count.
Result<CalibrationResult> calibrate(const hardware::Catalog& catalog,
                                    const std::vector<ReferenceRow>& reference,
                                    const CalibrationOptions& options = {});

} // namespace pipescope::calibrate
