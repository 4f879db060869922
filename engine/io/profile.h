#pragma once

#include "sim/run.h"
#include "sweep/recommend.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace pipescope::io {

// The file format this build writes; older versions are migrated on reading, newer refused.
constexpr int kProfileFormatVersion = 1;
inline const char* kProfileFormatName = "pipescope-profile";
inline const char* kProfileSuffix = "pipescope";

// A design-space sweep as a profile keeps it: what was swept, the targets it was last ranked
// against, and every deployment's load curve (enough to re-rank without simulating again).
struct SavedSweep {
    sweep::SweepSpace space;
    sweep::Criteria criteria;
    QString priceSet; // the prices it was last ranked with; empty: the ones it ran with
    std::shared_ptr<const sweep::SweepResult> result;
};

// A saved session: its runs with their inputs and summaries, and what the user was looking at.
struct Profile {
    QString appVersion;
    QDateTime created;
    std::vector<sim::RunPtr> runs;
    // Per run: whether the file carried its trace, requests, occupancy and placement. A run
    // without them holds only inputs and summary and must be re-simulated (profile_restore.h).
    std::vector<bool> hasTrace;
    int selectedRun = -1;
    int baselineRun = -1;
    qint64 viewBeginNs = 0;
    qint64 viewEndNs = 0;
    std::vector<SavedSweep> sweeps; // optional in the file ("sweeps"); the window shows the last
    // Fields the reader did not know, by JSON path; the profile is usable without them.
    QStringList warnings;
};

// What a file may make the reader allocate. The defaults allow the largest sessions the GUI
// handles comfortably; tests and the fuzzer lower them.
struct ReadLimits {
    qint64 maxFileBytes = qint64(1) << 30;
    qint64 maxRuns = 1000;
    qint64 maxOps = 200000;
    qint64 maxEventsPerLane = 100'000'000;     // 2.2 GB packed: more than one lane ever needs
    qint64 maxInflatedBytes = qint64(4) << 30; // total over every blob of the file
};

} // namespace pipescope::io
