// The complete ("X") events of one lane: names, categories and args, and times that viewers'
// double arithmetic keeps apart.
#include "io/chrome_trace_parts.h"
#include "io/chrome_trace_times.h"
#include "sim/cost_model.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

namespace pipescope::io::chrome {

namespace {

struct EventLabel {
    QString name;
    const char* category;
};

EventLabel labelOf(sim::EventKind kind, int stage) {
    switch (kind) {
    case sim::EventKind::Compute:
        return {QStringLiteral("Compute"), "compute"};
    case sim::EventKind::WeightWait:
        return {QStringLiteral("Weight wait"), "weight-stream"};
    case sim::EventKind::Transfer:
        return {QStringLiteral("Transfer"), "transfer"};
    case sim::EventKind::Kernel:
        return {QStringLiteral("Kernel"), "kernel"};
    case sim::EventKind::Host:
        // The simulator marks the host's work before the device 0 and after it 1.
        return {stage == 0 ? QStringLiteral("Prepare input") : QStringLiteral("Convert output"), "host"};
    }
    return {sim::eventKindName(kind), "other"};
}

// The constant part of an event, from "{" to the request id: one per (kind, stage) or, for GPU
// kernels, per operator; built on first use, so a 10 M-event lane formats only numbers.
class EventPrefixes {
public:
    EventPrefixes(const Scope& scope, const sim::Lane& lane, int pid, int tid)
        : m_run(scope.run)
        , m_stage(stageOfCore(scope.run, lane.core))
        , m_where(QByteArrayLiteral(",\"pid\":") + QByteArray::number(pid) + QByteArrayLiteral(",\"tid\":") +
                  QByteArray::number(tid) + QByteArrayLiteral(",\"args\":{\"batch\":") +
                  QByteArray::number(scope.run.inputs.config.batch)) {}

    // `kernel` is the event's position among its request's kernels (model op order), or -1.
    const QByteArray& get(std::uint8_t kind, std::uint8_t stage, int kernel) {
        const auto ops = m_run.inputs.model.ops.size();
        if (static_cast<sim::EventKind>(kind) == sim::EventKind::Kernel && kernel >= 0 &&
            static_cast<std::size_t>(kernel) < ops) {
            m_kernels.resize(ops);
            QByteArray& slot = m_kernels[static_cast<std::size_t>(kernel)];
            if (slot.isEmpty())
                slot = kernelPrefix(static_cast<std::size_t>(kernel));
            return slot;
        }
        if (kind >= sim::kEventKindCount) { // only from damaged data: not worth a cache slot
            m_scratch = plainPrefix(static_cast<sim::EventKind>(kind), stage);
            return m_scratch;
        }
        QByteArray& slot = m_byKind[static_cast<std::size_t>(kind) * 256 + stage];
        if (slot.isEmpty())
            slot = plainPrefix(static_cast<sim::EventKind>(kind), stage);
        return slot;
    }

private:
    static const compile::Stage* stageOfCore(const sim::Run& run, int core) {
        if (core < 0)
            return nullptr;
        for (const auto& group : run.placement.groups)
            for (const auto& stage : group.stages)
                if (stage.core == core)
                    return &stage;
        return nullptr;
    }

    QByteArray head(const char* category, const QString& name) const {
        return QByteArrayLiteral("{\"ph\":\"X\",\"cat\":\"") + category + QByteArrayLiteral("\",\"name\":") +
               jsonString(name) + m_where;
    }

    QByteArray kernelPrefix(std::size_t op) const {
        const model::Operator& o = m_run.inputs.model.ops[op];
        const std::int64_t bytes = o.weightReadBytes + sim::activationBytes(o, m_run.inputs.config.batch);
        return head("kernel", o.name) + QByteArrayLiteral(",\"op\":") + QByteArray::number(qint64(op)) +
               QByteArrayLiteral(",\"bytes\":") + QByteArray::number(qint64(bytes)) +
               QByteArrayLiteral(",\"request\":");
    }

    QByteArray plainPrefix(sim::EventKind kind, std::uint8_t stage) const {
        const EventLabel label = labelOf(kind, stage);
        QByteArray out = head(label.category, label.name);
        if (kind != sim::EventKind::Host)
            out += QByteArrayLiteral(",\"stage\":") + QByteArray::number(stage);
        std::int64_t bytes = -1;
        if (m_stage && kind == sim::EventKind::Transfer)
            bytes = m_stage->outputBytes;
        else if (m_stage && kind == sim::EventKind::WeightWait)
            bytes = m_stage->streamedBytes;
        if (bytes >= 0)
            out += QByteArrayLiteral(",\"bytes\":") + QByteArray::number(qint64(bytes));
        return out + QByteArrayLiteral(",\"request\":");
    }

    const sim::Run& m_run;
    const compile::Stage* m_stage;
    QByteArray m_where;
    std::vector<QByteArray> m_byKind = std::vector<QByteArray>(sim::kEventKindCount * 256);
    QByteArray m_scratch;
    std::vector<QByteArray> m_kernels;
};

char* put(char* p, const char* literal, std::size_t size) {
    std::memcpy(p, literal, size);
    return p + size;
}

void writeEvent(TraceOutput& out, const QByteArray& prefix, std::int32_t request, std::int64_t ts,
                std::int64_t dur) {
    static constexpr char kTs[] = "},\"ts\":";
    static constexpr char kDur[] = ",\"dur\":";
    static constexpr char kEnd[] = "},\n";
    char* p = out.reserve(static_cast<std::size_t>(prefix.size()) + 96);
    p = put(p, prefix.constData(), static_cast<std::size_t>(prefix.size()));
    p = std::to_chars(p, p + 12, request).ptr;
    p = put(p, kTs, sizeof kTs - 1);
    p = writeMicros(p, ts);
    p = put(p, kDur, sizeof kDur - 1);
    p = writeMicros(p, dur);
    p = put(p, kEnd, sizeof kEnd - 1);
    out.commit(p);
}

// Walks a lane in order, clamping damaged overlaps, and writes its exported events. On the GPU
// each request's events (its kernels, then the copy to the host) are nested in a "request N"
// slice: a band per request in every viewer, and it keeps speedscope fast, whose importer
// searches a parent's children linearly (a flat lane of 250,000 distinct kernels took it
// minutes; 2,000 requests of 128 kernels each take seconds).
class LaneWriter {
public:
    LaneWriter(TraceOutput& out, const Scope& scope, const sim::Lane& lane, int pid, int tid)
        : m_out(out)
        , m_scope(scope)
        , m_lane(lane)
        , m_prefixes(scope, lane, pid, tid)
        , m_requestPrefix(
              QByteArrayLiteral("{\"ph\":\"X\",\"cat\":\"request\",\"name\":\"request\",\"pid\":") +
              QByteArray::number(pid) + QByteArrayLiteral(",\"tid\":") + QByteArray::number(tid) +
              QByteArrayLiteral(",\"args\":{\"batch\":") + QByteArray::number(scope.run.inputs.config.batch) +
              QByteArrayLiteral(",\"request\":")) {}

    std::int64_t write(bool nestByRequest) {
        for (std::size_t i = 0; i < m_lane.size();) {
            std::size_t j = i + 1;
            while (nestByRequest && j < m_lane.size() && m_lane.request(j) == m_lane.request(i))
                ++j;
            writeRun(i, j, nestByRequest);
            i = j;
        }
        return m_written;
    }

    std::int64_t shortened() const { return m_shortened; }

private:
    struct Span {
        std::int64_t start, end; // ns, offset applied
    };

    // Events [first, last) of one request (or a single event when not nesting).
    void writeRun(std::size_t first, std::size_t last, bool nest) {
        m_spans.clear();
        for (std::size_t i = first; i < last; ++i) {
            // The trace guarantees no overlap; clamping keeps the export valid even if a damaged
            // trace broke that, rather than emitting events viewers would nest.
            const std::int64_t start = std::max(m_lane.start(i), m_previousEnd);
            const std::int64_t end = std::max(start, m_lane.start(i) + m_lane.duration(i));
            m_previousEnd = end;
            m_spans.push_back({start + m_scope.offsetNs, end + m_scope.offsetNs});
        }
        const std::int32_t request = m_lane.request(first);
        if (!m_scope.exports(request))
            return;
        if (!m_haveOrigin) {
            m_origin = m_spans.front().start;
            m_haveOrigin = true;
        }
        std::int64_t parentStart = 0;
        std::int64_t parentDur = 0;
        if (nest) {
            parentStart = m_spans.front().start;
            parentDur = safeDuration(parentStart, m_spans.back().end);
            writeEvent(m_out, m_requestPrefix, request, parentStart, parentDur);
            ++m_written;
        }
        int kernel = -1;
        for (std::size_t i = first; i < last; ++i) {
            // A request's kernels are appended back to back in model op order: the k-th is ops[k].
            const bool isKernel = m_lane.kind(i) == static_cast<std::uint8_t>(sim::EventKind::Kernel);
            kernel = isKernel ? kernel + 1 : kernel;
            const Span& span = m_spans[i - first];
            const std::int64_t dur =
                nest ? childDuration(span, parentStart, parentDur) : safeDuration(span.start, span.end);
            writeEvent(m_out, m_prefixes.get(m_lane.kind(i), m_lane.stage(i), isKernel ? kernel : -1),
                       request, span.start, dur);
            ++m_written;
        }
    }

    std::int64_t safeDuration(std::int64_t start, std::int64_t end) {
        const std::int64_t dur = viewerSafeDurationNs(start, end, m_origin);
        m_shortened += dur != end - start ? 1 : 0;
        return dur;
    }

    std::int64_t childDuration(const Span& span, std::int64_t parentStart, std::int64_t parentDur) {
        const std::int64_t dur =
            viewerSafeChildDurationNs(span.start, span.end, parentStart, parentDur, m_origin);
        m_shortened += dur != span.end - span.start ? 1 : 0;
        return dur;
    }

    TraceOutput& m_out;
    const Scope& m_scope;
    const sim::Lane& m_lane;
    EventPrefixes m_prefixes;
    QByteArray m_requestPrefix;
    std::vector<Span> m_spans;
    std::int64_t m_previousEnd = std::numeric_limits<std::int64_t>::min();
    std::int64_t m_origin = 0;
    bool m_haveOrigin = false;
    std::int64_t m_written = 0;
    std::int64_t m_shortened = 0;
};

} // namespace

std::int64_t writeLaneEvents(TraceOutput& out, const Scope& scope, const sim::Lane& lane, int pid, int tid,
                             std::int64_t* shortened) {
    LaneWriter writer(out, scope, lane, pid, tid);
    const std::int64_t written = writer.write(lane.core == -1);
    *shortened += writer.shortened();
    return written;
}

} // namespace pipescope::io::chrome
