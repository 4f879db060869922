#include "io/chrome_trace_parts.h"

#include <algorithm>
#include <limits>

namespace pipescope::io::chrome {

namespace {

// DevTools drops events at ts 0; a whole microsecond keeps every time an exact decimal.
constexpr std::int64_t kOffsetWhenAtZeroNs = 1000;

} // namespace

Scope makeScope(const sim::Run& run, const ChromeTraceOptions& options) {
    Scope scope{run, {}, 0, options.includeWarmup};
    scope.exported.resize(run.requests.size());
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    for (std::size_t q = 0; q < run.requests.size(); ++q) {
        const sim::RequestRecord& r = run.requests[q];
        scope.exported[q] = options.includeWarmup || !r.warmup ? 1 : 0;
        // With warm-up included its range starts at the first warm-up issue: counted here too.
        if (scope.exported[q])
            first = std::min(first, r.issueNs);
    }
    for (const sim::Lane& lane : run.trace.lanes) {
        for (std::size_t i = 0; i < lane.size(); ++i) {
            if (scope.exports(lane.request(i))) {
                first = std::min(first, lane.start(i));
                break;
            }
        }
    }
    if (first != std::numeric_limits<std::int64_t>::max() && first <= 0)
        scope.offsetNs = kOffsetWhenAtZeroNs - std::min<std::int64_t>(first, 0);
    return scope;
}

QByteArray jsonString(const QString& text) {
    QByteArray out;
    out.append('"');
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out.append(QByteArrayLiteral("\\u00"));
            out.append(QByteArray::number(static_cast<int>(c), 16).rightJustified(2, '0'));
        } else {
            out.append(c);
        }
    }
    out.append('"');
    return out;
}

} // namespace pipescope::io::chrome
