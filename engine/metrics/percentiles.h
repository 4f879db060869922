#pragma once

#include <vector>

namespace pipescope::metrics {

// Linear interpolation between closest ranks (the "type 7" estimator of R and NumPy), q in [0, 1].
// `sorted` must be ascending and non-empty.
double percentileSorted(const std::vector<double>& sorted, double q);

// The same estimate without sorting: selects the two closest ranks in O(n). Reorders `values`.
double percentileSelect(std::vector<double>& values, double q);

} // namespace pipescope::metrics
