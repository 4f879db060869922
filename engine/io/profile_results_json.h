#pragma once

#include "core/json_fields.h"
#include "io/profile.h"

namespace pipescope::io {

// JSON of what a simulation produced: the summary (always stored) and the placement, trace,
// request records and occupancy (stored together when the trace is embedded).
QJsonObject summaryToJson(const metrics::RunSummary& summary);
// A run's or a load point's latency statistics ({mean, p50, p90, p95, p99, max} in ms, and the
// p95's standard error when known).
QJsonObject latencyStatsToJson(const metrics::LatencyStats& latencyMs);
QJsonObject placementToJson(const compile::Placement& placement);
// Lanes, requests and occupancy as compressed packed arrays (see docs/profile-format.md).
QJsonObject traceToJson(const sim::Run& run);

bool summaryFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                     metrics::RunSummary* out);
// The standard error is optional (profiles written before it was measured have none: 0).
bool latencyStatsFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                          metrics::LatencyStats* out);
// Operator ranges are checked against `opCount`, cores against `coreCount` of the instance.
bool placementFromJson(const QJsonObject& json, const QString& path, int opCount, Diagnostics* diagnostics,
                       compile::Placement* out);
// `budget`: bytes the rest of the file may still inflate to; reduced by what this trace uses.
bool traceFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, qint64* budget,
                   Diagnostics* diagnostics, sim::Run* out);

} // namespace pipescope::io
