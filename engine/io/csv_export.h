#pragma once

#include "sim/run.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace pipescope::io {

// One CSV field, quoted as RFC 4180 requires when it holds a comma, quote or line break.
QString csvField(const QString& text);

// The runs table as CSV (RFC 4180: CRLF line ends, quoted fields), units in the header:
// instance, batch, mode, neuroncores_per_model, throughput_per_s, latency_p95_ms,
// cost_per_million_usd, throughput_ratio, cost_ratio, then the columns that explain a run:
// throughput_low_per_s, throughput_high_per_s, latency_p95_low_ms, latency_p95_high_ms,
// cost_per_million_low_usd, cost_per_million_high_usd (about 90% prediction intervals, empty for
// runs saved without them), workers (serving processes), bound_by, bound_by_reason, interval_notes.
// Ratios are against the baseline run and empty without one; neuroncores_per_model is empty for a
// GPU instance.
QByteArray runsToCsv(const std::vector<sim::RunPtr>& runs, int baselineIndex);

} // namespace pipescope::io
