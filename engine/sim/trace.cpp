#include "sim/trace.h"

#include <algorithm>

namespace pipescope::sim {

QString eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::Compute:
        return QStringLiteral("Compute");
    case EventKind::WeightWait:
        return QStringLiteral("Weight wait");
    case EventKind::Transfer:
        return QStringLiteral("Transfer");
    case EventKind::Kernel:
        return QStringLiteral("Kernel");
    case EventKind::Host:
        return QStringLiteral("Host");
    }
    // A value read from a damaged file may fall outside the enum; name it rather than crash.
    return QStringLiteral("Unknown (%1)").arg(static_cast<int>(kind));
}

void Lane::append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, EventKind eventKind,
                  std::uint8_t stageIndex) {
    start.push_back(startNs);
    duration.push_back(durationNs);
    request.push_back(requestId);
    kind.push_back(static_cast<std::uint8_t>(eventKind));
    stage.push_back(stageIndex);
}

std::size_t Lane::firstEndingAfter(std::int64_t t) const {
    // Events never overlap, so ends are sorted like starts: the first event ending after t is
    // found by one binary search, without a second index over end times.
    std::size_t lo = 0;
    std::size_t hi = start.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (start[mid] + duration[mid] > t)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

std::size_t Lane::lastStartingBefore(std::int64_t t) const {
    return static_cast<std::size_t>(std::lower_bound(start.begin(), start.end(), t) - start.begin());
}

std::size_t Trace::eventCount() const {
    auto n = static_cast<std::size_t>(unkeptEvents);
    for (const Lane& lane : lanes)
        n += lane.size();
    return n;
}

} // namespace pipescope::sim
