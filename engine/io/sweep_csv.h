#pragma once

#include "sweep/recommend.h"

#include <QByteArray>

namespace pipescope::io {

// A ranked sweep as CSV, one row per deployment in the sweep's order (`pipescope sweep --csv` and
// File > Export Sweep CSV write the same): instance, mode, group_sizes, pipeline_cores, batch,
// saturation_per_s, knee_per_s, max_rate_at_sla_per_s, machines, latency_p50_ms, latency_p95_ms,
// latency_p99_ms (at the load each machine carries), cost_per_million_usd (empty when the target
// is never met), pareto, bottleneck, sla_within_noise. Fields are quoted as RFC 4180 requires;
// lines end in LF.
QByteArray sweepToCsv(const sweep::SweepResult& sweep, const sweep::Recommendation& recommendation);

} // namespace pipescope::io
