#pragma once

#include "calibrate/measurement.h"
#include "sim/run.h"

namespace pipescope::widgets {

// The row of `measurements` that measured the deployment a run simulated, or -1: same instance,
// NeuronCore group sizes, pipeline cores, batch and clients (closed loop) or rate (open loop).
// The model, sequence length and request count are not compared: a measurements file usually
// names one model and the simulated request count is the simulator's business.
int measuredRowFor(const calibrate::MeasurementSet& measurements, const sim::RunInputs& inputs);

// "measured 246.0/s, p95 16.40 ms (loadtest.csv line 2): simulated -3.1% / +4.0%", for tooltips.
QString measuredComparison(const calibrate::Measurement& measured, const sim::Run& run);

} // namespace pipescope::widgets
