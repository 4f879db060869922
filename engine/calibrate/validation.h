#pragma once

#include "calibrate/reference.h"
#include "metrics/run_summary.h"

namespace pipescope::calibrate {

struct ValidationRow {
    ReferenceRow reference;
    metrics::RunSummary simulated;
    double throughputErrorPercent = 0; // (simulated - measured) / measured * 100
    double p95ErrorPercent = 0;
    double costErrorPercent = 0;
};

struct ValidationReport {
    std::vector<ValidationRow> rows;
    double throughputMape = 0; // mean absolute percentage error over the rows
    double p95Mape = 0;
};

// Simulates every reference row with the catalog's parameters.
Result<ValidationReport> validateAgainst(const std::vector<ReferenceRow>& reference,
                                         const hardware::Catalog& catalog, int requests, std::uint64_t seed);

} // namespace pipescope::calibrate
