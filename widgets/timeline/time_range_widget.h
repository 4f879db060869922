#pragma once

#include "timeline/time_mapping.h"

#include <QPoint>
#include <QWidget>

namespace pipescope::widgets {

// What the timeline and the occupancy view share: a visible time range over [0, total], a label
// column on the left whose width both keep equal so their time axes line up, and the same
// gestures (wheel zooms around the cursor, left-drag pans, F fits).
class TimeRangeWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimeRangeWidget(QWidget* parent = nullptr);

    // begin >= end means "fit everything" (the convention of Session::viewRange). Otherwise the
    // range is moved into [0, total] and widened to at least kMinSpanNs. Emits
    // visibleRangeChanged only when the stored range actually changes.
    void setVisibleRange(qint64 beginNs, qint64 endNs);
    qint64 visibleBegin() const { return m_begin; }
    qint64 visibleEnd() const { return m_end; }
    void fitAll();

    int labelWidth() const { return m_labelWidth; }
    void setLabelWidth(int width);

    // Mapping of the time area for a widget of the given size (label column excluded).
    TimeMapping mappingFor(QSize size) const;
    TimeMapping mapping() const { return mappingFor(size()); }
    qint64 totalNs() const { return m_total; }

signals:
    void visibleRangeChanged(qint64 begin, qint64 end);

protected:
    // Subclasses call this from setRun; it fits the new data.
    void setTotal(qint64 totalNs);
    // Called when a left click did not turn into a drag.
    virtual void clicked(QPoint) {}

    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    qint64 m_begin = 0;
    qint64 m_end = kMinSpanNs;
    qint64 m_total = 0;
    int m_labelWidth = 140;
    QPoint m_pressPos;
    TimeMapping m_pressMapping;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace pipescope::widgets
