#pragma once

#include "core/result.h"

#include <QString>

#include <vector>

namespace pipescope::compile {

// Parses NEURONCORE_GROUP_SIZES as a user writes it: "1,1,1,1", "16", "4, 4,4,4".
// Every size must be a positive whole number; the message says which entry is wrong and why.
Result<std::vector<int>> parseGroupSizes(const QString& text);
QString formatGroupSizes(const std::vector<int>& sizes);
// The same for people to read where room is short (tables, chart axes, names on a plot): as
// formatGroupSizes() while that is at most 15 characters ("1,1,1,1", "16,16,16,16"), else with
// each run of three or more equal sizes as count×size: "64×1", "15×4,2,2". Not for files or flags.
QString shortGroupSizes(const std::vector<int>& sizes);

} // namespace pipescope::compile
