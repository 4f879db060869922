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

bool Lane::append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, EventKind eventKind,
                  std::uint8_t stageIndex) {
    return append(startNs, durationNs, requestId, static_cast<std::uint8_t>(eventKind), stageIndex);
}

bool Lane::append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId,
                  std::uint8_t eventKind, std::uint8_t stageIndex) {
    if (startNs < 0 || durationNs < 0 || startNs > TraceEvent::kMaxStartNs ||
        durationNs > TraceEvent::kMaxStartNs - startNs) {
        ++m_refused;
        return false;
    }
    // Longer than 4.29 s (a huge batch on a small device): back-to-back pieces, lossless.
    while (durationNs > TraceEvent::kMaxDurationNs) {
        m_events.emplace_back(startNs, TraceEvent::kMaxDurationNs, requestId, eventKind, stageIndex);
        startNs += TraceEvent::kMaxDurationNs;
        durationNs -= TraceEvent::kMaxDurationNs;
    }
    m_events.emplace_back(startNs, durationNs, requestId, eventKind, stageIndex);
    return true;
}

std::size_t Lane::firstEndingAfter(std::int64_t t) const {
    // Events never overlap, so ends are sorted like starts: the first event ending after t is
    // found by one binary search, without a second index over end times.
    const auto it = std::partition_point(m_events.begin(), m_events.end(),
                                         [t](const TraceEvent& e) { return e.end() <= t; });
    return static_cast<std::size_t>(it - m_events.begin());
}

std::size_t Lane::lastStartingBefore(std::int64_t t) const {
    const auto it = std::partition_point(m_events.begin(), m_events.end(),
                                         [t](const TraceEvent& e) { return e.start() < t; });
    return static_cast<std::size_t>(it - m_events.begin());
}

std::size_t Trace::eventCount() const {
    auto n = static_cast<std::size_t>(unkeptEvents);
    for (const Lane& lane : lanes)
        n += lane.size();
    return n;
}

std::int64_t Trace::refusedEvents() const {
    std::int64_t n = 0;
    for (const Lane& lane : lanes)
        n += lane.refusedEvents();
    return n;
}

} // namespace pipescope::sim
