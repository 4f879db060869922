#pragma once

#include "core/result.h"
#include "io/profile.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace pipescope::io {

struct WriteOptions {
    // Embed each run's trace, requests, occupancy and placement so that opening restores the
    // run exactly without simulating; without them the file is small and the runs re-simulate.
    bool embedTraces = true;
    bool indented = false;
};

// The profile as JSON bytes (see docs/profile-format.md). `progress` (0..1, by runs encoded) lets
// a caller on another thread show how far a large session has got.
QByteArray writeProfile(const Profile& profile, const WriteOptions& options = {},
                        const std::function<void(double)>& progress = {});

// Builds a Profile of a session's runs, stamped with this build's version and the current time.
Profile makeProfile(std::vector<sim::RunPtr> runs, int selectedRun = -1, int baselineRun = -1,
                    qint64 viewBeginNs = 0, qint64 viewEndNs = 0);

// Writes atomically: the whole document is built in memory first and the file replaced only
// once everything is on disk, so a failure (full disk, no permission) leaves the old file as
// it was. Returns the error, naming the path, or nothing on success.
std::optional<Error> writeProfileFile(const QString& path, const Profile& profile,
                                      const WriteOptions& options = {});

} // namespace pipescope::io
