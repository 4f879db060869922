#include "io/chrome_trace_export.h"

#include "io/chrome_trace_parts.h"

#include <map>
#include <set>

namespace pipescope::io {

namespace {

using chrome::jsonString;

void writeMetadata(TraceOutput& out, const char* name, int pid, int tid, const char* argName,
                   const QByteArray& value) {
    out.append(QByteArrayLiteral("{\"ph\":\"M\",\"name\":\"") + name + QByteArrayLiteral("\",\"pid\":") +
               QByteArray::number(pid) + QByteArrayLiteral(",\"tid\":") + QByteArray::number(tid) +
               QByteArrayLiteral(",\"args\":{\"") + argName + QByteArrayLiteral("\":") + value +
               QByteArrayLiteral("}},\n"));
}

void writeName(TraceOutput& out, bool process, int pid, int tid, const QString& name, int order) {
    writeMetadata(out, process ? "process_name" : "thread_name", pid, tid, "name", jsonString(name));
    writeMetadata(out, process ? "process_sort_index" : "thread_sort_index", pid, tid, "sort_index",
                  QByteArray::number(order));
}

// Where a lane goes: chips are processes 1.. with NeuronCores as threads (tid = core id); the
// GPU is one process; every host lane (one per serving worker) is a thread of the Host process,
// numbered in the trace's order as the window lists them.
struct Thread {
    int pid = 0;
    int tid = 0;
};

std::vector<Thread> threadsOf(const sim::Trace& trace) {
    std::vector<Thread> threads;
    int hostIndex = 0;
    for (const sim::Lane& lane : trace.lanes) {
        if (lane.core >= 0)
            threads.push_back({lane.chip + 1, lane.core});
        else if (lane.core == -1)
            threads.push_back({kChromeGpuPid, 0});
        else
            threads.push_back({kChromeHostPid, hostIndex++});
    }
    return threads;
}

QString processName(const sim::Run& run, const sim::Lane& lane, int pid) {
    if (pid == kChromeGpuPid)
        return QStringLiteral("GPU %1").arg(run.inputs.instance.name);
    if (pid == kChromeHostPid)
        return QStringLiteral("Host");
    return QStringLiteral("Inferentia chip %1").arg(lane.chip);
}

QString threadName(const sim::Lane& lane, int tid) {
    if (!lane.label.isEmpty())
        return lane.label;
    if (lane.core >= 0)
        return QStringLiteral("NeuronCore %1").arg(lane.core);
    return lane.core == -1 ? QStringLiteral("GPU") : QStringLiteral("host %1").arg(tid);
}

void writeHeader(TraceOutput& out, const sim::Run& run, const chrome::Scope& scope) {
    out.append(QByteArrayLiteral("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"instance\":") +
               jsonString(run.inputs.instance.name) + QByteArrayLiteral(",\"model\":") +
               jsonString(run.inputs.model.name) + QByteArrayLiteral(",\"warmup\":") +
               (scope.includeWarmup ? QByteArrayLiteral("\"included\"") : QByteArrayLiteral("\"excluded\"")) +
               QByteArrayLiteral(",\"time_offset_us\":") + QByteArray::number(scope.offsetNs / 1000) +
               QByteArrayLiteral("},\"traceEvents\":[\n"));
}

void writeNames(TraceOutput& out, const sim::Run& run, const std::vector<Thread>& threads, bool warmupRange) {
    writeName(out, true, kChromeRequestsPid, 0, QStringLiteral("Requests"), -1);
    if (warmupRange)
        writeName(out, false, kChromeRequestsPid, chrome::kPhasesTid, QStringLiteral("Phases"), 0);
    std::set<int> named;
    for (std::size_t i = 0; i < threads.size(); ++i) {
        const sim::Lane& lane = run.trace.lanes[i];
        const Thread& t = threads[i];
        if (named.insert(t.pid).second)
            writeName(out, true, t.pid, 0, processName(run, lane, t.pid), t.pid);
        writeName(out, false, t.pid, t.tid, threadName(lane, t.tid), t.tid);
    }
}

} // namespace

ChromeTraceStats writeChromeTrace(TraceOutput& out, const sim::Run& run, const ChromeTraceOptions& options) {
    const chrome::Scope scope = chrome::makeScope(run, options);
    ChromeTraceStats stats;
    stats.timeOffsetNs = scope.offsetNs;
    writeHeader(out, run, scope);
    const std::vector<Thread> threads = threadsOf(run.trace);
    bool anyWarmup = false;
    for (const auto& r : run.requests)
        anyWarmup = anyWarmup || r.warmup;
    writeNames(out, run, threads, options.includeWarmup && anyWarmup);
    for (std::size_t i = 0; i < threads.size(); ++i)
        stats.events += chrome::writeLaneEvents(out, scope, run.trace.lanes[i], threads[i].pid,
                                                threads[i].tid, &stats.shortenedByOneNs);
    stats.events += chrome::writeCountersAndRanges(out, scope);
    // Every event line ends with ",\n": drop the last comma so the array is valid JSON.
    // (The last line is always still buffered: output is handed on only when room is needed.)
    if (!out.unwrite(2))
        out.append(
            QByteArrayLiteral("{\"ph\":\"M\",\"name\":\"trace_end\",\"pid\":0,\"tid\":0,\"args\":{}}"));
    out.append("\n]}\n", 4);
    stats.jsonBytes = out.uncompressedBytes();
    return stats;
}

QByteArray chromeTraceJson(const sim::Run& run, const ChromeTraceOptions& options) {
    QByteArray bytes;
    TraceOutput out(&bytes, TraceOutput::Compression::None);
    out.open();
    writeChromeTrace(out, run, options);
    out.finish();
    return bytes;
}

Result<ChromeTraceStats> exportChromeTrace(const QString& path, const sim::Run& run,
                                           const ChromeTraceOptions& options) {
    TraceOutput out(path, compressionForPath(path));
    if (auto error = out.open())
        return *error;
    ChromeTraceStats stats = writeChromeTrace(out, run, options);
    if (auto error = out.finish())
        return *error;
    stats.jsonBytes = out.uncompressedBytes();
    stats.writtenBytes = out.writtenBytes();
    return stats;
}

} // namespace pipescope::io
