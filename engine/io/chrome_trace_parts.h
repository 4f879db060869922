#pragma once

// Pieces of the Chrome trace export shared by its source files (not a public interface).
#include "io/chrome_trace_export.h"
#include "io/trace_output.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace pipescope::io::chrome {

// Which requests the export covers and how its times are shifted.
struct Scope {
    const sim::Run& run;
    std::vector<std::uint8_t> exported; // per request id: 1 when its events are written
    std::int64_t offsetNs = 0;
    bool includeWarmup = false;

    // Events of ids without a request record (hand-built or damaged traces) are kept.
    bool exports(std::int32_t request) const {
        return request < 0 || static_cast<std::size_t>(request) >= exported.size() ||
               exported[static_cast<std::size_t>(request)] != 0;
    }
};

Scope makeScope(const sim::Run& run, const ChromeTraceOptions& options);

// `text` as a JSON string literal, quotes included.
QByteArray jsonString(const QString& text);

// Writes one complete event per exported trace event of `lane` as thread (pid, tid). Counts the
// durations trimmed for viewers in `shortened`. Returns the number of events written.
std::int64_t writeLaneEvents(TraceOutput& out, const Scope& scope, const sim::Lane& lane, int pid, int tid,
                             std::int64_t* shortened);

// The requests-in-flight counter (process kChromeRequestsPid), the per-chip counter of cores
// streaming weights from DRAM, and the warm-up range when warm-up is included. Returns the
// number of events written.
std::int64_t writeCountersAndRanges(TraceOutput& out, const Scope& scope);

// Thread id of the Requests process that carries the warm-up range.
constexpr int kPhasesTid = 1;

} // namespace pipescope::io::chrome
