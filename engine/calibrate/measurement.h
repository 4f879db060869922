#pragma once

#include "sim/scenario.h"

#include <QString>

#include <vector>

namespace pipescope::calibrate {

// What a user measured on real hardware for one deployment: the deployment and workload as a
// scenario (model, sequence length, instance, grouping, pipeline cores, batch, clients or rate),
// and the throughput and latency percentiles the load test reported. Percentiles it did not report
// are 0. Imported from a measurements file (calibrate/measurement_import.h) and fitted by
// calibrate/measurement_fit.h.
struct Measurement {
    int line = 0;   // 1-based line (CSV) or record index (JSON) in the file it came from
    QString origin; // the file's name
    sim::Scenario scenario;
    double throughputPerSecond = 0; // inferences (samples) per second
    double latencyP50Ms = 0;
    double latencyP95Ms = 0;
    double latencyP99Ms = 0;
    // "inf1.xlarge DP 1,1,1,1 b1 c4": what the row is, for reports and the residual chart.
    QString label() const;
};

// A row of the file that was not used, and why ("line 7: p95 below p50").
struct SkippedRow {
    int line = 0;
    QString reason;
};

struct MeasurementSet {
    QString origin; // file name
    QString format; // "pipescope-csv", "neuronperf-csv", "neuronperf-json", "mapped-csv"
    std::vector<Measurement> rows;
    std::vector<SkippedRow> skipped;
};

} // namespace pipescope::calibrate
