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
// cost_per_million_usd, throughput_ratio, cost_ratio. Ratios are against the baseline run and
// empty without one; neuroncores_per_model is empty for a GPU instance.
QByteArray runsToCsv(const std::vector<sim::RunPtr>& runs, int baselineIndex);

} // namespace pipescope::io
