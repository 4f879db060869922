#include "timeline/view_range.h"

#include <algorithm>

namespace pipescope::widgets {

ViewRange::ViewRange(QObject* parent)
    : QObject(parent) {}

void ViewRange::setTotal(qint64 totalNs) {
    m_total = std::max<qint64>(totalNs, 0);
    fit();
}

void ViewRange::setRange(qint64 beginNs, qint64 endNs) {
    if (beginNs >= endNs) {
        fit();
        return;
    }
    const TimeMapping m = TimeMapping{}.clamped(beginNs, endNs, m_total);
    if (m.begin == m_begin && m.end == m_end)
        return;
    m_begin = m.begin;
    m_end = m.end;
    emit changed(m_begin, m_end);
}

void ViewRange::fit() {
    setRange(0, std::max(m_total, kMinSpanNs));
}

} // namespace pipescope::widgets
