#include "metrics/quantile_error.h"

#include "metrics/percentiles.h"

#include <algorithm>
#include <cmath>

namespace pipescope::metrics {
namespace {

// Ten sections when the run is long enough (the usual choice: fewer leave the spread itself
// noisy, more make each section's quantile biased); five at the least.
constexpr int kMaxSections = 10;
constexpr int kMinSections = 5;

// Student's t, 97.5% quantile, for 4 to 9 degrees of freedom (five to ten sections).
constexpr double kStudent975[] = {2.776, 2.571, 2.447, 2.365, 2.306, 2.262};

// Sections of at least 5 / (1 - q) values (five above their quantile) that `count` values make.
int sectionsOf(std::size_t count, double q) {
    const double minPerSection = 5.0 / (1.0 - q);
    return std::min(kMaxSections, static_cast<int>(static_cast<double>(count) / minPerSection));
}

} // namespace

int leastCountWithError(double q) {
    if (!(q > 0 && q < 1))
        return 0;
    // From the estimate up or down to the exact threshold of sectionsOf()'s rounding.
    auto count = static_cast<std::size_t>(std::ceil(kMinSections * 5.0 / (1.0 - q)));
    while (count > 1 && sectionsOf(count - 1, q) >= kMinSections)
        --count;
    while (sectionsOf(count, q) < kMinSections)
        ++count;
    return static_cast<int>(count);
}

double quantileStandardError(const std::vector<double>& inOrder, double q) {
    if (!(q > 0 && q < 1))
        return 0;
    const int sections = sectionsOf(inOrder.size(), q);
    if (sections < kMinSections)
        return 0;
    std::vector<double> estimates;
    std::vector<double> section;
    const std::size_t n = inOrder.size();
    for (int s = 0; s < sections; ++s) {
        const std::size_t from = n * static_cast<std::size_t>(s) / static_cast<std::size_t>(sections);
        const std::size_t to = n * static_cast<std::size_t>(s + 1) / static_cast<std::size_t>(sections);
        section.assign(inOrder.begin() + static_cast<std::ptrdiff_t>(from),
                       inOrder.begin() + static_cast<std::ptrdiff_t>(to));
        estimates.push_back(percentileSelect(section, q));
    }
    double mean = 0;
    for (const double e : estimates)
        mean += e;
    mean /= sections;
    double squares = 0;
    for (const double e : estimates)
        squares += (e - mean) * (e - mean);
    const double variance = squares / (sections - 1);
    // Fewer sections leave the spread less sure: widened so that kInterval95 of the result is a
    // 95% interval whatever their count.
    const double widen = kStudent975[sections - kMinSections] / kInterval95;
    return widen * std::sqrt(variance / sections);
}

QString formatNoise(double value) {
    if (!(value > 0) || !std::isfinite(value))
        return QStringLiteral("0");
    // Decimals for two significant digits: 1 for 1.2, 4 for 0.0043, none from 10 up (rounded).
    const int decimals = std::max(0, 1 - static_cast<int>(std::floor(std::log10(value))));
    return QString::number(value, 'f', decimals);
}

} // namespace pipescope::metrics
