#pragma once

#include "sim/run.h"

#include <QByteArray>

namespace pipescope::io {

// Process ids of the Chrome trace: chip c is process c + 1; these are the others.
constexpr int kChromeRequestsPid = 0; // counter track of requests in flight
constexpr int kChromeGpuPid = 1000;   // the GPU lane of a baseline instance
constexpr int kChromeHostPid = 1001;  // the host lane (framework work in the serving process)

// A run's timeline as Chrome Trace Event JSON, which Perfetto and chrome://tracing open:
// one process per chip, one thread per NeuronCore (tid = core id) named and ordered by
// metadata events, one complete ("X") event per trace event and a counter ("C") track of
// requests in flight. ts and dur are microseconds written with exactly three decimals, so they
// are the simulator's integer nanoseconds without rounding and events that did not overlap on
// a core still do not.
QByteArray chromeTraceJson(const sim::Run& run);

} // namespace pipescope::io
