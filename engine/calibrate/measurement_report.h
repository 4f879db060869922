#pragma once

#include "calibrate/measurement_fit.h"
#include "hardware/device_profile.h"

#include <QJsonObject>
#include <QString>

namespace pipescope::calibrate {

// The fit's report as the command line prints it and the Calibrate dialog shows it: parameters
// with their intervals, per-row errors before / after / held out, the averages and the notes.
QString measurementFitText(const MeasurementFitReport& report);

// The same as JSON (`pipescope calibrate --measurements FILE --json`): {"device", "measurements",
// "parameters": [{key, before, value, low, high, fitted, identified}], "rows": [{line, label,
// measured {throughput_per_s, latency_p95_ms}, before, after, held_out}], "mape" {before, after,
// held_out}, "unidentified", "notes", "skipped": [{line, reason}], "converged", "evaluations"}.
QJsonObject measurementFitJson(const MeasurementFitReport& report);

// The fitted device as a named profile, with the fit's statistics as its provenance.
hardware::DeviceProfile deviceProfileFromFit(const MeasurementFitReport& report, const QString& name);

} // namespace pipescope::calibrate
