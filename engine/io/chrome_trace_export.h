#pragma once

#include "core/result.h"
#include "io/trace_output.h"
#include "sim/run.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace pipescope::io {

// Process ids of the Chrome trace: chip c is process c + 1; these are the others.
constexpr int kChromeRequestsPid = 0; // counter of requests in flight, the warm-up range
constexpr int kChromeGpuPid = 1000;   // the GPU lane of a baseline instance
constexpr int kChromeHostPid = 1001;  // the host lanes (serving worker processes), tid = worker

struct ChromeTraceOptions {
    // Warm-up requests are left out by default, as from the summary; with this they are kept and
    // a "warm-up" range on the Requests process marks them.
    bool includeWarmup = false;
};

struct ChromeTraceStats {
    std::int64_t events = 0;           // complete ("X") and counter ("C") events
    std::int64_t jsonBytes = 0;        // the document's size as JSON
    std::int64_t writtenBytes = 0;     // bytes written (compressed when gzip)
    std::int64_t timeOffsetNs = 0;     // added to every time (see chromeTrace*)
    std::int64_t shortenedByOneNs = 0; // durations trimmed so that viewers see no overlap
};

// A run's timeline as Chrome Trace Event JSON (Perfetto, chrome://tracing, DevTools, speedscope):
// - one process per chip (NeuronCores as threads, tid = core id), the GPU, the host (one thread
//   per serving worker) and "Requests", named and ordered as in the window by metadata events;
// - one complete ("X") event per trace event with a category (compute, weight-stream, transfer,
//   kernel, host), GPU kernels named by operator, args {batch, stage or op, bytes, request};
// - counters: requests in flight, and per chip the cores streaming weights from DRAM.
// ts and dur are microseconds with exactly three decimals (integer nanoseconds). Parsed as
// doubles, each event ends at or before the next one on its thread starts, however a viewer adds
// them (see viewerSafeDurationNs). No time is 0 (DevTools drops those): when the first one
// would be, every time is shifted by 1 us and otherData.time_offset_us says so.
ChromeTraceStats writeChromeTrace(TraceOutput& out, const sim::Run& run,
                                  const ChromeTraceOptions& options = {});

// The whole document in memory (tests, small runs).
QByteArray chromeTraceJson(const sim::Run& run, const ChromeTraceOptions& options = {});

// Streams the document to `path` through QSaveFile, gzip-compressed when the name ends in .gz.
Result<ChromeTraceStats> exportChromeTrace(const QString& path, const sim::Run& run,
                                           const ChromeTraceOptions& options = {});

} // namespace pipescope::io
