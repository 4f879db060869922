#include "calibrate/validation.h"

#include "sim/simulator.h"

#include <cmath>

namespace pipescope::calibrate {

Result<ValidationReport> validateAgainst(const std::vector<ReferenceRow>& reference,
                                         const hardware::Catalog& catalog, int requests, std::uint64_t seed) {
    ValidationReport report;
    for (const ReferenceRow& row : reference) {
        Result<sim::RunInputs> inputs = sim::buildInputs(referenceScenario(row, requests, seed), catalog);
        if (!inputs)
            return makeError(inputs.error().toString(), row.label());
        // The study's cost column uses the row's own hourly price.
        inputs.value().instance.pricePerHour[inputs->priceSet] = row.pricePerHour;
        Result<sim::RunPtr> run = sim::simulate(inputs.value());
        if (!run)
            return makeError(run.error().toString(), row.label());
        ValidationRow v;
        v.reference = row;
        v.simulated = run.value()->summary;
        v.throughputErrorPercent =
            (v.simulated.throughputPerSecond - row.throughputPerSecond) / row.throughputPerSecond * 100.0;
        v.p95ErrorPercent = (v.simulated.latencyMs.p95 - row.latencyP95Ms) / row.latencyP95Ms * 100.0;
        v.costErrorPercent =
            (v.simulated.costPerMillionUsd - row.costPerMillionUsd) / row.costPerMillionUsd * 100.0;
        report.throughputMape += std::abs(v.throughputErrorPercent);
        report.p95Mape += std::abs(v.p95ErrorPercent);
        report.rows.push_back(v);
    }
    if (!report.rows.empty()) {
        report.throughputMape /= static_cast<double>(report.rows.size());
        report.p95Mape /= static_cast<double>(report.rows.size());
    }
    return report;
}

} // namespace pipescope::calibrate
