#pragma once

#include "core/result.h"
#include "io/profile.h"
#include "io/profile_restore.h"

#include <QFuture>
#include <QString>

#include <atomic>
#include <optional>

namespace pipescope::app {

// Opening and saving a profile as jobs for a worker thread (QtConcurrent): reading, parsing,
// decompressing traces and re-simulating runs saved without one never block the window. Each
// job reports progress in permille through its QFuture and stops when `cancel` becomes true.
struct OpenedProfile {
    io::Profile profile;
    std::vector<io::RestoredRun> runs;
    std::optional<Error> error; // set on failure; the message names the file and JSON path
    bool cancelled = false;
};

struct SavedProfile {
    std::optional<Error> error;
    bool cancelled = false; // stopped before the file was replaced: the old file is unchanged
};

constexpr int kJobProgressMax = 1000;

QFuture<OpenedProfile> startOpenProfile(const QString& path, const std::atomic<bool>* cancel);
// `profile` holds shared, immutable runs: the worker only reads them.
QFuture<SavedProfile> startSaveProfile(const QString& path, io::Profile profile,
                                       const std::atomic<bool>* cancel);

} // namespace pipescope::app
