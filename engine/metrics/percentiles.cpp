#include "metrics/percentiles.h"

#include <algorithm>
#include <cmath>

namespace pipescope::metrics {

double percentileSorted(const std::vector<double>& sorted, double q) {
    if (sorted.empty())
        return 0;
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

} // namespace pipescope::metrics
