#pragma once

#include "timeline/time_mapping.h"

#include <QObject>

namespace pipescope::widgets {

// The visible time range over [0, total] that every time view follows. The session owns one; the
// timeline, the occupancy strip and any other TimeRangeWidget read it and write their gestures to
// it, so there is one range and no echo between views to guard against.
class ViewRange : public QObject {
    Q_OBJECT
public:
    explicit ViewRange(QObject* parent = nullptr);

    qint64 begin() const { return m_begin; }
    qint64 end() const { return m_end; }
    qint64 total() const { return m_total; }
    TimeMapping mapping(double width) const { return TimeMapping{m_begin, m_end, width}; }

    // New data of this extent: the range fits it.
    void setTotal(qint64 totalNs);
    // begin >= end fits everything. Otherwise the range is moved into [0, total] and widened to at
    // least kMinSpanNs (total 0: no upper bound). Emits changed only when the range changes.
    void setRange(qint64 beginNs, qint64 endNs);
    void fit();

signals:
    void changed(qint64 begin, qint64 end);

private:
    qint64 m_begin = 0;
    qint64 m_end = kMinSpanNs;
    qint64 m_total = 0;
};

} // namespace pipescope::widgets
