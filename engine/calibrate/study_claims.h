#pragma once

#include "calibrate/validation.h"

namespace pipescope::calibrate {

// One headline of the 2021 study as a ratio of two of its rows, measured and simulated.
struct ClaimCheck {
    QString claim;        // "PP16 batch 1 on inf1.6xlarge vs g4dn.xlarge batch 1: throughput"
    QString unit;         // "x" (a ratio) or "%" (a share or a reduction)
    double published = 0; // from the study's own rows
    double simulated = 0;
    bool found = false; // both rows are in the report
};

// The study's headline ratios (PP16 vs the GPU at batch 1, the p95 reduction of PP16 vs single-core
// copies, inf1.6xlarge data parallel at batch 6 vs the GPU's best, inf1.xlarge data parallel batch 6
// as the cheapest option), computed from a validation report's measured and simulated rows.
std::vector<ClaimCheck> studyClaims(const ValidationReport& report);

} // namespace pipescope::calibrate
