#pragma once

#include "core/result.h"
#include "io/profile.h"
#include "sim/simulator.h"

namespace pipescope::io {

// How one run came back from a profile.
struct RestoredRun {
    sim::RunPtr run;
    bool resimulated = false; // no trace in the file: simulated again from its inputs
    // (recomputed - stored) / stored for a re-simulated run; 0 when restored from the file.
    double throughputChange = 0;
    double p95Change = 0;
};

// Relative changes below this are rounding, not an engine change worth telling the user about.
constexpr double kNoticeableChange = 1e-6;

// Turns a profile's runs into complete runs: those with an embedded trace as stored, the others
// re-simulated with sim::simulate (their inputs include the seed, so an unchanged engine gives
// the stored numbers). The error names the run ("runs[2]") whose inputs no longer simulate.
// `control` sees the progress over all runs (0..1) and stops the restore when cancelled.
Result<std::vector<RestoredRun>> restoreRuns(const Profile& profile, const sim::RunControl& control = {});

// One line per re-simulated run whose numbers moved, for a message box; empty when none did.
QString describeChanges(const std::vector<RestoredRun>& runs);

} // namespace pipescope::io
