#pragma once

// A sweep small enough for a unit test (a second or two): inf1.xlarge at batches 1 and 4, four
// load points of 200 requests each.
#include "io/profile.h"
#include "sweep/sweep.h"

#include <QTest>

namespace pipescope::testing {

inline sweep::SweepSpace smallSweepSpace() {
    sweep::SweepSpace space;
    space.instances = {QStringLiteral("inf1.xlarge")};
    space.batches = {1, 4};
    return space;
}

inline sweep::LoadCurveOptions smallCurveOptions() {
    sweep::LoadCurveOptions options;
    options.points = 4;
    options.requests = 200;
    options.warmup = 20;
    options.probeRequests = 200;
    return options;
}

inline std::shared_ptr<const sweep::SweepResult> smallSweep() {
    auto result = sweep::runSweep(smallSweepSpace(), smallCurveOptions(), hardware::Catalog::builtIn());
    if (!result)
        qFatal("small sweep failed: %s", qPrintable(result.error().toString()));
    return std::make_shared<const sweep::SweepResult>(std::move(result).value());
}

// The small sweep as a profile keeps it: ranked for a p95 target and a load, at `priceSet` (empty:
// the prices it ran with).
inline io::SavedSweep savedSmallSweep(std::shared_ptr<const sweep::SweepResult> result, double maxP95Ms,
                                      double loadPerSecond, const QString& priceSet = {}) {
    io::SavedSweep s;
    s.space = smallSweepSpace();
    s.criteria.maxP95Ms = maxP95Ms;
    s.criteria.loadPerSecond = loadPerSecond;
    s.priceSet = priceSet;
    s.result = std::move(result);
    return s;
}

} // namespace pipescope::testing
