#pragma once

#include "core/result.h"
#include "hardware/catalog.h"
#include "sim/scenario.h"

#include <vector>

namespace pipescope::calibrate {

// One published measurement of the 2021 BERT study (resources/reference/seed-measurements.csv).
struct ReferenceRow {
    QString instance;
    QString mode; // data_parallel, pipeline, gpu
    QString groupSizes;
    int pipelineCores = 1;
    int batch = 1;
    int clients = 1;
    double throughputPerSecond = 0;
    double latencyP95Ms = 0;
    double costPerMillionUsd = 0;
    double pricePerHour = 0;
    QString label() const;
};

// Parses the reference CSV (comment lines start with '#'; fields may be quoted).
Result<std::vector<ReferenceRow>> parseReference(const QByteArray& csv, const QString& origin);
// The copy shipped in the binary.
const std::vector<ReferenceRow>& builtInReference();

// The scenario that reproduces a row: bert-base-uncased at sequence length 128, closed loop.
sim::Scenario referenceScenario(const ReferenceRow& row, int requests, std::uint64_t seed);

} // namespace pipescope::calibrate
