// Counter tracks and ranges of the Chrome trace: requests in flight, cores streaming weights from
// each chip's DRAM, and the warm-up range. Each is a merge of sorted times, written as it goes.
#include "io/chrome_trace_parts.h"
#include "io/chrome_trace_times.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <map>

namespace pipescope::io::chrome {

namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

// Writes one counter sample: `prefix` ends with the argument's key and colon.
void writeSample(TraceOutput& out, const QByteArray& prefix, std::int64_t tNs, int value) {
    static constexpr char kTs[] = "},\"ts\":";
    static constexpr char kEnd[] = "},\n";
    char* p = out.reserve(static_cast<std::size_t>(prefix.size()) + 64);
    std::memcpy(p, prefix.constData(), static_cast<std::size_t>(prefix.size()));
    p = std::to_chars(p + prefix.size(), p + prefix.size() + 12, value).ptr;
    std::memcpy(p, kTs, sizeof kTs - 1);
    p = writeMicros(p + sizeof kTs - 1, tNs);
    std::memcpy(p, kEnd, sizeof kEnd - 1);
    out.commit(p + sizeof kEnd - 1);
}

QByteArray counterPrefix(int pid, const char* name, const char* category, const char* key) {
    return QByteArrayLiteral("{\"ph\":\"C\",\"cat\":\"") + category + QByteArrayLiteral("\",\"name\":\"") +
           name + QByteArrayLiteral("\",\"pid\":") + QByteArray::number(pid) +
           QByteArrayLiteral(",\"args\":{\"") + key + QByteArrayLiteral("\":");
}

// +1 at every issue, -1 at every completion of an exported request; one sample per distinct time.
std::int64_t writeInFlight(TraceOutput& out, const Scope& scope) {
    std::vector<std::int64_t> issues;
    std::vector<std::int64_t> completions;
    for (std::size_t q = 0; q < scope.run.requests.size(); ++q) {
        if (!scope.exported[q])
            continue;
        issues.push_back(scope.run.requests[q].issueNs);
        completions.push_back(scope.run.requests[q].completeNs);
    }
    std::sort(issues.begin(), issues.end());
    std::sort(completions.begin(), completions.end());
    const QByteArray prefix = counterPrefix(kChromeRequestsPid, "Requests in flight", "queue", "in_flight");
    std::size_t i = 0;
    std::size_t c = 0;
    int inFlight = 0;
    std::int64_t written = 0;
    while (i < issues.size() || c < completions.size()) {
        const std::int64_t t = std::min(i < issues.size() ? issues[i] : kNever,
                                        c < completions.size() ? completions[c] : kNever);
        for (; i < issues.size() && issues[i] == t; ++i)
            ++inFlight;
        for (; c < completions.size() && completions[c] == t; ++c)
            --inFlight;
        writeSample(out, prefix, t + scope.offsetNs, inFlight);
        ++written;
    }
    return written;
}

// Walks one NeuronCore's weight-streaming executions: a stream starts with the stage's compute
// and is over at the latest when the weight wait after it ends (the simulator does not record
// the stream's own end, so this is an upper bound on the time it holds DRAM).
class StreamCursor {
public:
    explicit StreamCursor(const sim::Lane& lane, const Scope& scope)
        : m_lane(lane)
        , m_scope(scope) {
        advance();
    }
    std::int64_t next() const { return m_open ? m_end : m_start; }
    int step() {
        if (m_open) {
            m_open = false;
            advance();
            return -1;
        }
        m_open = true;
        return +1;
    }

private:
    void advance() {
        m_start = kNever;
        const auto compute = static_cast<std::uint8_t>(sim::EventKind::Compute);
        const auto wait = static_cast<std::uint8_t>(sim::EventKind::WeightWait);
        for (; m_i < m_lane.size(); ++m_i) {
            if (m_lane.kind(m_i) != compute || !m_scope.exports(m_lane.request(m_i)))
                continue;
            m_start = m_lane.start(m_i);
            m_end = m_start + m_lane.duration(m_i);
            if (m_i + 1 < m_lane.size() && m_lane.kind(m_i + 1) == wait &&
                m_lane.request(m_i + 1) == m_lane.request(m_i))
                m_end = m_lane.start(m_i + 1) + m_lane.duration(m_i + 1);
            ++m_i;
            return;
        }
    }

    const sim::Lane& m_lane;
    const Scope& m_scope;
    std::size_t m_i = 0;
    std::int64_t m_start = kNever;
    std::int64_t m_end = kNever;
    bool m_open = false;
};

// Per chip, how many of its cores are streaming weights from its DRAM (stages whose weights do
// not fit in SRAM). Chips without such stages get no counter.
std::int64_t writeDramStreams(TraceOutput& out, const Scope& scope) {
    std::map<int, std::vector<StreamCursor>> chips;
    for (const auto& group : scope.run.placement.groups) {
        for (const auto& stage : group.stages) {
            if (stage.streamedBytes <= 0)
                continue;
            for (const sim::Lane& lane : scope.run.trace.lanes)
                if (lane.core == stage.core)
                    chips[lane.chip].emplace_back(lane, scope);
        }
    }
    std::int64_t written = 0;
    for (auto& [chip, cursors] : chips) {
        const QByteArray prefix = counterPrefix(chip + 1, "DRAM weight streams", "weight-stream", "cores");
        int active = 0;
        for (;;) {
            std::int64_t t = kNever;
            for (const auto& cursor : cursors)
                t = std::min(t, cursor.next());
            if (t == kNever)
                break;
            for (auto& cursor : cursors)
                while (cursor.next() == t)
                    active += cursor.step();
            writeSample(out, prefix, t + scope.offsetNs, active);
            ++written;
        }
    }
    return written;
}

// A "warm-up" range on its own thread of the Requests process, from the first warm-up request's
// issue to the last one's completion.
std::int64_t writeWarmupRange(TraceOutput& out, const Scope& scope) {
    std::int64_t first = kNever;
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    for (const auto& r : scope.run.requests) {
        if (!r.warmup)
            continue;
        first = std::min(first, r.issueNs);
        last = std::max(last, r.completeNs);
    }
    if (!scope.includeWarmup || first == kNever)
        return 0;
    const std::int64_t ts = first + scope.offsetNs;
    QByteArray event = QByteArrayLiteral("{\"ph\":\"X\",\"cat\":\"phase\",\"name\":\"warm-up\",\"pid\":") +
                       QByteArray::number(kChromeRequestsPid) + QByteArrayLiteral(",\"tid\":") +
                       QByteArray::number(kPhasesTid) + QByteArrayLiteral(",\"args\":{\"requests\":");
    qint64 count = 0;
    for (const auto& r : scope.run.requests)
        count += r.warmup ? 1 : 0;
    event += QByteArray::number(count) + QByteArrayLiteral("},\"ts\":");
    char times[64];
    char* p = writeMicros(times, ts);
    event.append(times, p - times);
    event += QByteArrayLiteral(",\"dur\":");
    p = writeMicros(times, std::max<std::int64_t>(0, last - first));
    event.append(times, p - times);
    out.append(event + QByteArrayLiteral("},\n"));
    return 1;
}

} // namespace

std::int64_t writeCountersAndRanges(TraceOutput& out, const Scope& scope) {
    return writeInFlight(out, scope) + writeDramStreams(out, scope) + writeWarmupRange(out, scope);
}

} // namespace pipescope::io::chrome
