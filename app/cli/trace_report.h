#pragma once

#include "io/chrome_trace_export.h"

#include <QString>

namespace pipescope::cli {

// One line for the user after a trace export: where, how many events, and bytes per event as
// written and as JSON ("wrote t.json.gz: 120000 events, 1.7 MB, 14.2 bytes/event (98.1 as JSON)").
QString traceReport(const QString& path, const io::ChromeTraceStats& stats);

} // namespace pipescope::cli
