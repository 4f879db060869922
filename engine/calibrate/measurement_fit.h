#pragma once

#include "calibrate/device_parameters.h"
#include "calibrate/measurement.h"
#include "core/result.h"
#include "hardware/catalog.h"

#include <QJsonObject>
#include <QStringList>

#include <atomic>
#include <functional>

namespace pipescope::calibrate {

struct MeasurementFitOptions {
    // Catalog device key to fit ("inferentia1"); empty = the device of the measured instances
    // (they must share one).
    QString device;
    // Parameter keys to fit ("tensor_efficiency", "host.request_overhead_ns"); empty = the
    // ones the measurements can identify (identifiableParameters()). The others stay as they are.
    QStringList parameters;
    // Start from this device profile's values instead of the catalog's ("" = the catalog's).
    QString startProfile;
    int requests = 3000; // simulated requests per row and evaluation
    std::uint64_t seed = 1;
    int maxIterations = 30;
    bool leaveOneOut = true; // refit without each row in turn and predict it
    std::function<void(double fraction, const QString& stage)> progress; // 0..1, from the fitting thread
    const std::atomic<bool>* cancel = nullptr; // set to stop; the fit returns an error
};

// One parameter after the fit: where it started, where it ended and how sure the fit is.
struct ParameterEstimate {
    QString key;
    QString why;       // where its prior comes from
    double before = 0; // the value the fit started from
    double value = 0;  // after the fit (== before when not fitted)
    double low = 0;    // 95% interval from the fit's covariance (== value when not fitted)
    double high = 0;
    bool fitted = false;     // among the parameters the fit moved
    bool identified = false; // the measurements pin it down (95% interval within about +-15%)
};

// One measured row: what the simulator said before and after the fit, and what a fit that never
// saw the row predicts for it (leave-one-out).
struct RowFit {
    Measurement measured;
    double throughputBefore = 0, p95Before = 0;
    double throughputAfter = 0, p95After = 0;
    double throughputHeldOut = 0, p95HeldOut = 0; // 0 when leave-one-out was not run
    QString error;                                // a simulation that failed for this row
};

struct MeasurementFitReport {
    QString device;
    QString origin; // measurements file
    std::vector<ParameterEstimate> parameters;
    std::vector<RowFit> rows;
    std::vector<SkippedRow> skipped; // from the import, passed through for the report
    // Mean absolute percentage errors over the rows.
    double throughputMapeBefore = 0, p95MapeBefore = 0;
    double throughputMapeAfter = 0, p95MapeAfter = 0;
    double throughputMapeHeldOut = 0, p95MapeHeldOut = 0; // leave-one-out
    QStringList unidentified;                             // parameters the measurements could not pin down
    QStringList notes;         // plain-language warnings ("held-out rows got worse: ...")
    bool heldOutWorse = false; // leave-one-out predictions are worse than the unfitted simulator
    int evaluations = 0;
    bool converged = false;
    hardware::CalibrationUncertainty uncertainty; // of the fitted parameters
    QJsonObject deviceEntry;                      // the device entry with the fitted values (for a profile)
};

// The parameters of `device` the measurements can tell apart: the columns of the measurements'
// Jacobian (log residuals per log parameter, at the starting values) that a rank-revealing QR keeps.
Result<QStringList> identifiableParameters(const hardware::Catalog& catalog,
                                           const MeasurementSet& measurements,
                                           const MeasurementFitOptions& options);

// Refits the chosen parameters of one device to a user's measurements by Levenberg-Marquardt on
// log-ratio residuals (throughput, p95 and p50 / p99 when measured) with weak priors, then refits
// without each row in turn. Runs on the calling thread (rows in parallel on all cores).
Result<MeasurementFitReport> fitMeasurements(const hardware::Catalog& catalog,
                                             const MeasurementSet& measurements,
                                             const MeasurementFitOptions& options = {});

} // namespace pipescope::calibrate
