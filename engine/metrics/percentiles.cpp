#include "metrics/percentiles.h"

#include <algorithm>
#include <cmath>

namespace pipescope::metrics {

namespace {

// The type-7 percentile q of `values`, whose ranks below `from` are already in place (each no
// larger than anything from `from` on); reorders [from, end). Returns the rank below q's position.
double selectFrom(std::vector<double>& values, std::size_t from, double q, std::size_t* rank) {
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto below = std::max(from, static_cast<std::size_t>(std::floor(position)));
    const double fraction = position - static_cast<double>(below);
    *rank = below;
    std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from),
                     values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
    const double low = values[below];
    if (!(fraction > 0) || below + 1 >= values.size())
        return low;
    // After nth_element everything right of `below` is >= it: the next rank is their minimum.
    const double high =
        *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(below) + 1, values.end());
    return low + (high - low) * fraction;
}

} // namespace

double percentileSelect(std::vector<double>& values, double q) {
    if (values.empty())
        return 0;
    std::size_t rank = 0;
    return selectFrom(values, 0, q, &rank);
}

std::vector<double> percentilesSelect(std::vector<double>& values, std::initializer_list<double> qs) {
    std::vector<double> result;
    std::size_t from = 0;
    for (const double q : qs)
        result.push_back(values.empty() ? 0 : selectFrom(values, from, q, &from));
    return result;
}

} // namespace pipescope::metrics
