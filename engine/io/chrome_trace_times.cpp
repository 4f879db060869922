#include "io/chrome_trace_times.h"

namespace pipescope::io {

namespace {

// The double a correct JSON parser makes of writeMicros(ns): the nearest double to ns / 1000,
// which is exactly what IEEE division of the (exactly representable, below 2^53) integer gives.
double parsedMicros(std::int64_t ns) {
    return static_cast<double>(ns) / 1000.0;
}

// The end of (ts, dur) computed each viewer's way, compared with the end of (ts2, dur2) computed
// the same way.
bool endsAfter(double ts, double dur, double ts2, double dur2, double origin) {
    if (ts + dur > ts2 + dur2)
        return true;
    if ((ts - origin) + dur > (ts2 - origin) + dur2)
        return true;
    return ts / 1000.0 + dur / 1000.0 > ts2 / 1000.0 + dur2 / 1000.0;
}

bool endsPastInAnyViewer(double ts, double dur, double end, double origin) {
    if (ts + dur > end)
        return true;
    if ((ts - origin) + dur > end - origin)
        return true;
    return ts / 1000.0 + dur / 1000.0 > end / 1000.0;
}

} // namespace

std::int64_t viewerSafeDurationNs(std::int64_t startNs, std::int64_t endNs, std::int64_t originNs) {
    const double ts = parsedMicros(startNs);
    const double end = parsedMicros(endNs);
    const double origin = parsedMicros(originNs);
    std::int64_t duration = endNs - startNs;
    // One nanosecond is far above the rounding error of any timestamp below days, so this loop
    // runs at most twice; the bound keeps it finite for absurd inputs.
    for (int tries = 0; duration > 0 && tries < 64; ++tries) {
        if (!endsPastInAnyViewer(ts, parsedMicros(duration), end, origin))
            break;
        --duration;
    }
    return duration;
}

std::int64_t viewerSafeChildDurationNs(std::int64_t startNs, std::int64_t endNs, std::int64_t parentStartNs,
                                       std::int64_t parentDurationNs, std::int64_t originNs) {
    std::int64_t duration = viewerSafeDurationNs(startNs, endNs, originNs);
    const double ts = parsedMicros(startNs);
    const double parentTs = parsedMicros(parentStartNs);
    const double parentDur = parsedMicros(parentDurationNs);
    const double origin = parsedMicros(originNs);
    for (int tries = 0; duration > 0 && tries < 64; ++tries) {
        // Sharing the parent's start, the child must also be the shorter: viewers order
        // same-start events longest first to find which encloses which.
        const bool longer = startNs == parentStartNs && duration > parentDurationNs;
        if (!longer && !endsAfter(ts, parsedMicros(duration), parentTs, parentDur, origin))
            break;
        --duration;
    }
    return duration;
}

} // namespace pipescope::io
