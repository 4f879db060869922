#pragma once

#include "sim/run.h"

#include <QJsonObject>

namespace pipescope::cli {

// The `simulate --json` object: summary figures, per-core utilisation and run statistics.
QJsonObject runToJson(const sim::Run& run);
// The same as a short human-readable report.
QString runToText(const sim::Run& run);
// {p50, p95, p99} in ms: the latency object of the sweep and load-curve outputs.
QJsonObject percentilesJson(const metrics::LatencyStats& latencyMs);

} // namespace pipescope::cli
