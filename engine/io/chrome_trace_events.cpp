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

} // namespace

std::int64_t writeLaneEvents(TraceOutput& out, const Scope& scope, const sim::Lane& lane, int pid, int tid,
                             std::int64_t* shortened) {
    static constexpr char kTs[] = "},\"ts\":";
    static constexpr char kDur[] = ",\"dur\":";
    static constexpr char kEnd[] = "},\n";
    EventPrefixes prefixes(scope, lane, pid, tid);
    std::int64_t previousEnd = std::numeric_limits<std::int64_t>::min();
    std::int64_t origin = 0;
    bool haveOrigin = false;
    int kernel = -1;
    std::int32_t previousRequest = std::numeric_limits<std::int32_t>::min();
    std::int64_t written = 0;
    for (std::size_t i = 0; i < lane.size(); ++i) {
        // A request's kernels are appended back to back in model op order: the k-th is ops[k].
        const bool isKernel = lane.kind[i] == static_cast<std::uint8_t>(sim::EventKind::Kernel);
        kernel = isKernel ? (lane.request[i] == previousRequest && kernel >= 0 ? kernel + 1 : 0) : -1;
        previousRequest = lane.request[i];
        // The trace guarantees no overlap; clamping keeps the export valid even if a damaged
        // trace broke that, rather than emitting events viewers would nest.
        const std::int64_t start = std::max(lane.start[i], previousEnd);
        const std::int64_t end = std::max(start, lane.start[i] + lane.duration[i]);
        previousEnd = end;
        if (!scope.exports(lane.request[i]))
            continue;
        const std::int64_t ts = start + scope.offsetNs;
        if (!haveOrigin) {
            origin = ts;
            haveOrigin = true;
        }
        const std::int64_t dur = viewerSafeDurationNs(ts, end + scope.offsetNs, origin);
        *shortened += dur != end - start ? 1 : 0;
        const QByteArray& prefix = prefixes.get(lane.kind[i], lane.stage[i], kernel);
        char* p = out.reserve(static_cast<std::size_t>(prefix.size()) + 96);
        p = put(p, prefix.constData(), static_cast<std::size_t>(prefix.size()));
        p = std::to_chars(p, p + 12, lane.request[i]).ptr;
        p = put(p, kTs, sizeof kTs - 1);
        p = writeMicros(p, ts);
        p = put(p, kDur, sizeof kDur - 1);
        p = writeMicros(p, dur);
        p = put(p, kEnd, sizeof kEnd - 1);
        out.commit(p);
        ++written;
    }
    return written;
}

} // namespace pipescope::io::chrome
