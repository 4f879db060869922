#pragma once

#include <vector>

namespace pipescope::metrics {

// Linear interpolation between closest ranks (the "type 7" estimator of R and NumPy), q in [0, 1],
// without sorting: selects the two closest ranks in O(n). Reorders `values`; 0 when empty.
double percentileSelect(std::vector<double>& values, double q);

} // namespace pipescope::metrics
