#pragma once

#include "core/json_fields.h"
#include "io/profile.h"

namespace pipescope::io {

// JSON of what a simulation produced: the summary (always stored) and the placement, trace,
// request records and occupancy (stored together when the trace is embedded).
QJsonObject summaryToJson(const metrics::RunSummary& summary);
QJsonObject placementToJson(const compile::Placement& placement);
// Lanes, requests and occupancy as compressed packed arrays (see docs/profile-format.md).
QJsonObject traceToJson(const sim::Run& run);

bool summaryFromJson(const QJsonObject& json, const QString& path, Diagnostics* diagnostics,
                     metrics::RunSummary* out);
// Operator ranges are checked against `opCount`, cores against `coreCount` of the instance.
bool placementFromJson(const QJsonObject& json, const QString& path, int opCount, Diagnostics* diagnostics,
                       compile::Placement* out);
// `budget`: bytes the rest of the file may still inflate to; reduced by what this trace uses.
bool traceFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, qint64* budget,
                   Diagnostics* diagnostics, sim::Run* out);

} // namespace pipescope::io
