#include "timeline/time_range_widget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace pipescope::widgets {

namespace {
// A press that moves less than this is a click, not a drag.
constexpr int kDragThreshold = 3;
} // namespace

TimeRangeWidget::TimeRangeWidget(QWidget* parent)
    : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setViewRange(nullptr);
}

void TimeRangeWidget::setViewRange(ViewRange* range) {
    if (m_range)
        disconnect(m_range, nullptr, this, nullptr);
    m_range = range ? range : &m_ownRange;
    connect(m_range, &ViewRange::changed, this, &TimeRangeWidget::onRangeChanged);
    // A shared range that goes away first (the session, at shutdown) leaves the widget its own.
    // The own range is a member: it dies inside this widget's destructor, after m_range, so it
    // must not call back.
    if (m_range != &m_ownRange)
        connect(m_range, &QObject::destroyed, this, [this] { setViewRange(nullptr); });
    update();
}

void TimeRangeWidget::onRangeChanged(qint64 begin, qint64 end) {
    update();
    emit visibleRangeChanged(begin, end);
}

void TimeRangeWidget::setVisibleRange(qint64 beginNs, qint64 endNs) {
    m_range->setRange(beginNs, endNs);
}

void TimeRangeWidget::fitAll() {
    m_range->fit();
}

void TimeRangeWidget::setLabelWidth(int width) {
    width = std::max(width, 0);
    if (width == m_labelWidth)
        return;
    m_labelWidth = width;
    update();
}

TimeMapping TimeRangeWidget::mappingFor(QSize size) const {
    return m_range->mapping(static_cast<double>(std::max(size.width() - m_labelWidth, 0)));
}

void TimeRangeWidget::setTotal(qint64 totalNs) {
    m_range->setTotal(totalNs);
}

void TimeRangeWidget::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    const TimeMapping m = mapping();
    TimeMapping next = m;
    if (std::abs(delta.y()) >= std::abs(delta.x())) {
        // One notch (120) zooms by about 20 %.
        const double factor = std::pow(1.0015, delta.y());
        next = m.zoomAround(event->position().x() - m_labelWidth, factor, totalNs());
    } else {
        next = m.pan(-delta.x() / 2.0, totalNs());
    }
    setVisibleRange(next.begin, next.end);
    event->accept();
}

void TimeRangeWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position().toPoint();
    m_pressMapping = mapping();
    event->accept();
}

void TimeRangeWidget::mouseMoveEvent(QMouseEvent* event) {
    if (!m_pressed) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const QPoint d = event->position().toPoint() - m_pressPos;
    if (!m_dragging && d.manhattanLength() < kDragThreshold)
        return;
    if (!m_dragging) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    // Pan from the range at press time so rounding does not accumulate over many moves.
    const TimeMapping next = m_pressMapping.pan(-d.x(), totalNs());
    setVisibleRange(next.begin, next.end);
}

void TimeRangeWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
    } else {
        clicked(event->position().toPoint());
    }
}

void TimeRangeWidget::keyPressEvent(QKeyEvent* event) {
    const TimeMapping m = mapping();
    TimeMapping next = m;
    switch (event->key()) {
    case Qt::Key_F:
        fitAll();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
    case Qt::Key_W:
        next = m.zoomAround(m.width / 2, 1.5, totalNs());
        break;
    case Qt::Key_Minus:
    case Qt::Key_S:
        next = m.zoomAround(m.width / 2, 1 / 1.5, totalNs());
        break;
    case Qt::Key_Left:
    case Qt::Key_A:
        next = m.pan(-m.width / 8, totalNs());
        break;
    case Qt::Key_Right:
    case Qt::Key_D:
        next = m.pan(m.width / 8, totalNs());
        break;
    default:
        if (!otherKey(event))
            QWidget::keyPressEvent(event);
        return;
    }
    setVisibleRange(next.begin, next.end);
}

} // namespace pipescope::widgets
