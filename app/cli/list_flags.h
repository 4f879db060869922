#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace pipescope::cli {

// Comma-separated numbers given to a flag ("1,2,4", "100, 500"), each within [min, max] and,
// when `whole`, a whole number. On failure `error` is one line naming the flag and the entry.
std::optional<std::vector<double>> parseNumberList(const QString& command, const QString& flag,
                                                   const QString& text, double min, double max, bool whole,
                                                   QString* error);

} // namespace pipescope::cli
