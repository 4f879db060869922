#include "cli/trace_report.h"

#include <algorithm>

namespace pipescope::cli {

QString traceReport(const QString& path, const io::ChromeTraceStats& stats) {
    const double events = static_cast<double>(std::max<std::int64_t>(1, stats.events));
    QString line = QStringLiteral("wrote %1: %2 events, %3 MB, %4 bytes/event")
                       .arg(path)
                       .arg(stats.events)
                       .arg(static_cast<double>(stats.writtenBytes) / 1e6, 0, 'f', 1)
                       .arg(static_cast<double>(stats.writtenBytes) / events, 0, 'f', 1);
    if (stats.writtenBytes != stats.jsonBytes)
        line += QStringLiteral(" (%1 as JSON)").arg(static_cast<double>(stats.jsonBytes) / events, 0, 'f', 1);
    return line;
}

} // namespace pipescope::cli
