#include "metrics/percentiles.h"

#include <algorithm>
#include <cmath>

namespace pipescope::metrics {

double percentileSelect(std::vector<double>& values, double q) {
    if (values.empty())
        return 0;
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const double fraction = position - static_cast<double>(below);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
    const double low = values[below];
    if (fraction == 0 || below + 1 >= values.size())
        return low;
    // After nth_element everything right of `below` is >= it: the next rank is their minimum.
    const double high =
        *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(below) + 1, values.end());
    return low + (high - low) * fraction;
}

} // namespace pipescope::metrics
