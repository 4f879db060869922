#pragma once

#include "core/result.h"
#include "io/profile.h"
#include "sim/simulator.h"

#include <QByteArray>

namespace pipescope::io {

// Parses a profile. Every error names the problem and its JSON path
// ("runs[2].config.batch: must be a whole number from 1 to 1024"); unknown fields are ignored
// and listed in Profile::warnings; a version 0 file is migrated; a newer version is refused.
// Nothing is allocated beyond what `limits` and the file's own size justify. `control` reports
// progress (0..1, by runs decoded) and is checked for cancellation between runs.
Result<Profile> readProfile(const QByteArray& bytes, const ReadLimits& limits = {},
                            const sim::RunControl& control = {});

// Reads the file (refusing it before reading when it is larger than limits.maxFileBytes),
// then readProfile. Errors name the file.
Result<Profile> readProfileFile(const QString& path, const ReadLimits& limits = {},
                                const sim::RunControl& control = {});

// The error message of a read or restore stopped through RunControl::cancel.
QString cancelledMessage();

} // namespace pipescope::io
