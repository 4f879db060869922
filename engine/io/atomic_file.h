#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace pipescope::io {

// Replaces `path` with `bytes` through QSaveFile: the data goes to a temporary file that is
// renamed over the target only once fully written, so a failure (full disk, no permission,
// crash) leaves the previous file intact. Returns the error, naming the path.
std::optional<Error> writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace pipescope::io
