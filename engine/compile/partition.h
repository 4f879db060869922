#pragma once

#include <vector>

namespace pipescope::compile {

// Splits a sequence of non-negative costs into `parts` contiguous, non-empty ranges so that the
// largest range sum is as small as possible (the pipeline's slowest stage). Returns the start
// index of each range (first is 0). Requires 1 <= parts <= costs.size().
std::vector<int> partitionMinMax(const std::vector<double>& costs, int parts);

} // namespace pipescope::compile
