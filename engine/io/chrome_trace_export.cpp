#include "io/chrome_trace_export.h"

#include <algorithm>
#include <map>
#include <set>

namespace pipescope::io {

namespace {

// Nanoseconds as microseconds with three decimals: exact, no floating point involved.
void appendMicros(QByteArray* out, std::int64_t ns) {
    if (ns < 0) {
        out->append('-');
        ns = -ns;
    }
    out->append(QByteArray::number(static_cast<qint64>(ns / 1000)));
    const auto frac = static_cast<int>(ns % 1000);
    char digits[5] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
    out->append(digits, 4);
}

void appendString(QByteArray* out, const QString& text) {
    out->append('"');
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\') {
            out->append('\\');
            out->append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out->append(QByteArrayLiteral("\\u00"));
            out->append(QByteArray::number(static_cast<int>(c), 16).rightJustified(2, '0'));
        } else {
            out->append(c);
        }
    }
    out->append('"');
}

void appendMetadata(QByteArray* out, const char* name, int pid, int tid, const char* argName,
                    const QString& text, int number) {
    out->append(QByteArrayLiteral("{\"name\":\"") + name + QByteArrayLiteral("\",\"ph\":\"M\",\"pid\":") +
                QByteArray::number(pid) + QByteArrayLiteral(",\"tid\":") + QByteArray::number(tid) +
                QByteArrayLiteral(",\"args\":{\"") + argName + QByteArrayLiteral("\":"));
    if (text.isNull())
        out->append(QByteArray::number(number));
    else
        appendString(out, text);
    out->append(QByteArrayLiteral("}},\n"));
}

int pidOf(const sim::Lane& lane) {
    if (lane.core >= 0)
        return lane.chip + 1;
    return lane.core == -1 ? kChromeGpuPid : kChromeHostPid;
}

int tidOf(const sim::Lane& lane) {
    return lane.core < 0 ? 0 : lane.core;
}

void appendLaneEvents(QByteArray* out, const sim::Lane& lane) {
    const QByteArray where = QByteArrayLiteral(",\"pid\":") + QByteArray::number(pidOf(lane)) +
                             QByteArrayLiteral(",\"tid\":") + QByteArray::number(tidOf(lane)) +
                             QByteArrayLiteral(",\"ts\":");
    std::int64_t previousEnd = 0;
    for (std::size_t i = 0; i < lane.size(); ++i) {
        // The trace guarantees no overlap; clamping keeps the export valid even if a damaged
        // trace broke that, rather than emitting events Perfetto would nest wrongly.
        const std::int64_t start = std::max(lane.start[i], previousEnd);
        const std::int64_t end = std::max(start, lane.start[i] + lane.duration[i]);
        previousEnd = end;
        out->append(QByteArrayLiteral("{\"name\":"));
        appendString(out, sim::eventKindName(static_cast<sim::EventKind>(lane.kind[i])));
        out->append(QByteArrayLiteral(",\"ph\":\"X\""));
        out->append(where);
        appendMicros(out, start);
        out->append(QByteArrayLiteral(",\"dur\":"));
        appendMicros(out, end - start);
        out->append(QByteArrayLiteral(",\"args\":{\"request\":") + QByteArray::number(lane.request[i]) +
                    QByteArrayLiteral(",\"stage\":") + QByteArray::number(lane.stage[i]) +
                    QByteArrayLiteral("}},\n"));
    }
}

// +1 at every issue, -1 at every completion; one counter sample per distinct time.
void appendInFlightCounter(QByteArray* out, const std::vector<sim::RequestRecord>& requests) {
    std::map<std::int64_t, int> delta;
    for (const auto& q : requests) {
        ++delta[q.issueNs];
        --delta[q.completeNs];
    }
    int inFlight = 0;
    for (const auto& [t, change] : delta) {
        inFlight += change;
        out->append(QByteArrayLiteral("{\"name\":\"Requests in flight\",\"ph\":\"C\",\"pid\":") +
                    QByteArray::number(kChromeRequestsPid) + QByteArrayLiteral(",\"tid\":0,\"ts\":"));
        appendMicros(out, t);
        out->append(QByteArrayLiteral(",\"args\":{\"in_flight\":") + QByteArray::number(inFlight) +
                    QByteArrayLiteral("}},\n"));
    }
}

} // namespace

QByteArray chromeTraceJson(const sim::Run& run) {
    QByteArray out;
    out.reserve(static_cast<qsizetype>(run.trace.eventCount() * 140 + run.requests.size() * 160 + 4096));
    out.append(QByteArrayLiteral("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"instance\":"));
    appendString(&out, run.inputs.instance.name);
    out.append(QByteArrayLiteral(",\"model\":"));
    appendString(&out, run.inputs.model.name);
    out.append(QByteArrayLiteral("},\"traceEvents\":[\n"));

    appendMetadata(&out, "process_name", kChromeRequestsPid, 0, "name", QStringLiteral("Requests"), 0);
    appendMetadata(&out, "process_sort_index", kChromeRequestsPid, 0, "sort_index", {}, -1);
    std::set<int> pids;
    for (const auto& lane : run.trace.lanes) {
        const int pid = pidOf(lane);
        if (pids.insert(pid).second) {
            const QString name = pid == kChromeGpuPid ? QStringLiteral("GPU %1").arg(run.inputs.instance.name)
                                 : pid == kChromeHostPid
                                     ? QStringLiteral("Host")
                                     : QStringLiteral("Inferentia chip %1").arg(lane.chip);
            appendMetadata(&out, "process_name", pid, 0, "name", name, 0);
            appendMetadata(&out, "process_sort_index", pid, 0, "sort_index", {}, pid);
        }
        const QString label =
            lane.label.isEmpty() ? QStringLiteral("NeuronCore %1").arg(lane.core) : lane.label;
        appendMetadata(&out, "thread_name", pid, tidOf(lane), "name", label, 0);
        appendMetadata(&out, "thread_sort_index", pid, tidOf(lane), "sort_index", {}, tidOf(lane));
    }
    for (const auto& lane : run.trace.lanes)
        appendLaneEvents(&out, lane);
    appendInFlightCounter(&out, run.requests);
    // Every event line ends with ",\n": drop the last comma so the array is valid JSON.
    if (out.endsWith(",\n"))
        out.chop(2);
    out.append(QByteArrayLiteral("\n]}\n"));
    return out;
}

} // namespace pipescope::io
