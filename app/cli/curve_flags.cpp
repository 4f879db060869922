#include "cli/curve_flags.h"

namespace pipescope::cli {

std::vector<FlagSpec> curveFlagSpecs() {
    const sweep::LoadCurveOptions defaults;
    return {
        {QStringLiteral("requests"), QStringLiteral("N"),
         QStringLiteral("measured requests per load point and for the closed loop, %1 (the least that "
                        "gives a p95 its sampling error) to 1000000 (default %2)")
             .arg(sweep::leastRequestsPerPoint())
             .arg(defaults.requests)},
        {QStringLiteral("points"), QStringLiteral("N"),
         QStringLiteral("adaptive points from saturation, dense near the knee, 3 to 200 (default %1)")
             .arg(defaults.points)},
    };
}

std::optional<sweep::LoadCurveOptions> readCurveFlags(FlagParser& flags, QString* error) {
    const sweep::LoadCurveOptions defaults;
    const auto requests = flags.integer(QStringLiteral("requests"), defaults.requests,
                                        sweep::leastRequestsPerPoint(), 1'000'000);
    const auto points = flags.integer(QStringLiteral("points"), defaults.points, 3, 200);
    if (!requests || !points) {
        *error = flags.error();
        return std::nullopt;
    }
    return sweep::curveOptions(static_cast<int>(*requests), static_cast<int>(*points));
}

} // namespace pipescope::cli
