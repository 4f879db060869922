#pragma once

#include "core/result.h"

#include <QString>

#include <vector>

namespace pipescope::compile {

// Parses NEURONCORE_GROUP_SIZES as a user writes it: "1,1,1,1", "16", "4, 4,4,4".
// Every size must be a positive whole number; the message says which entry is wrong and why.
Result<std::vector<int>> parseGroupSizes(const QString& text);
QString formatGroupSizes(const std::vector<int>& sizes);

} // namespace pipescope::compile
