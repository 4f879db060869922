#pragma once

#include "timeline/time_mapping.h"
#include "timeline/view_range.h"

#include <QPoint>
#include <QPointer>
#include <QWidget>

namespace pipescope::widgets {

// What the timeline and the occupancy view share: a visible time range over [0, total] (a
// ViewRange, the session's when the window shares one, else the widget's own), a label column on
// the left whose width both keep equal so their time axes line up, and the same gestures: wheel
// zooms around the cursor, left-drag pans, W/S or +/- zoom, A/D or Left/Right pan, F fits.
class TimeRangeWidget : public QWidget {
    Q_OBJECT
public:
    explicit TimeRangeWidget(QWidget* parent = nullptr);

    // Follows `range` (not owned) from now on; null goes back to the widget's own range.
    void setViewRange(ViewRange* range);
    ViewRange* viewRange() const { return m_range; }

    // begin >= end means "fit everything" (the convention of Session::viewRange). Otherwise the
    // range is moved into [0, total] and widened to at least kMinSpanNs. Emits
    // visibleRangeChanged only when the stored range actually changes.
    void setVisibleRange(qint64 beginNs, qint64 endNs);
    qint64 visibleBegin() const { return m_range->begin(); }
    qint64 visibleEnd() const { return m_range->end(); }
    void fitAll();

    int labelWidth() const { return m_labelWidth; }
    void setLabelWidth(int width);

    // Mapping of the time area for a widget of the given size (label column excluded).
    TimeMapping mappingFor(QSize size) const;
    TimeMapping mapping() const { return mappingFor(size()); }
    qint64 totalNs() const { return m_range->total(); }

signals:
    void visibleRangeChanged(qint64 begin, qint64 end);

protected:
    // Subclasses call this when they get new data; it fits the range to it.
    void setTotal(qint64 totalNs);
    // Keys the time range does not use (Up/Down...) go here; returns whether it used the key.
    virtual bool otherKey(QKeyEvent*) { return false; }
    // Called when a left click did not turn into a drag.
    virtual void clicked(QPoint) {}

    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onRangeChanged(qint64 begin, qint64 end);

    ViewRange m_ownRange;
    QPointer<ViewRange> m_range;
    int m_labelWidth = 140;
    QPoint m_pressPos;
    TimeMapping m_pressMapping;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace pipescope::widgets
