#pragma once

#include "calibrate/reference.h"
#include "sim/simulator.h"

namespace pipescope::calibrate {

// Propagates the calibration's parameter uncertainty to a run (the delta method): the run is
// re-simulated with each calibrated parameter nudged to get the sensitivities of log throughput
// and log p95, which meet the parameters' covariance; the fit's own scatter is added as model
// error, once more for every way the configuration lies outside the calibration rows. Fills the
// summary's throughput, p95 and cost intervals (about 90%) and its notes. An open-loop run's
// throughput interval ends at what arrived (its cost's at that rate's cost).
struct IntervalOptions {
    int requests = 2000; // per sensitivity run (common random numbers: the run's own seed)
    double level = 0.90; // two-sided coverage
};

Result<metrics::RunSummary> withPredictionIntervals(const sim::RunInputs& inputs, metrics::RunSummary summary,
                                                    const std::vector<ReferenceRow>& calibrationRows,
                                                    const sim::RunControl& control = {},
                                                    const IntervalOptions& options = {});

// The ways a configuration lies outside the rows a device was calibrated on ("no calibration row on
// inf1.24xlarge", "batch 16 is above the calibrated 1-6", ...); empty when it is among them.
QStringList extrapolationNotes(const sim::RunInputs& inputs,
                               const std::vector<ReferenceRow>& calibrationRows);

} // namespace pipescope::calibrate
