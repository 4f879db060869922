// TimelineView: clicks, wheel, keys, the context menu and tooltips.
#include "timeline/timeline_view.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace pipescope::widgets {

QString TimelineView::toolTipFor(const Hit& hit) const {
    const sim::Lane& lane = m_model->trace().lanes[static_cast<std::size_t>(hit.lane)];
    const auto kind = static_cast<sim::EventKind>(lane.kind(hit.index));
    const qint64 start = lane.start(hit.index);
    const qint64 duration = lane.duration(hit.index);
    QString text = tr("<b>%1</b> on %2<br>stage %3, request %4<br>start %5<br>duration %6")
                       .arg(sim::eventKindName(kind), m_model->laneForTrace(hit.lane)->label)
                       .arg(lane.stage(hit.index))
                       .arg(lane.request(hit.index))
                       .arg(formatDuration(start), formatDuration(duration));
    // Where events are narrower than a pixel, the box under the pointer stands for all of them.
    const TimeMapping m = mapping();
    const double x = std::floor(m.toX(start));
    const qint64 t0 = m.toTime(x);
    const std::size_t inColumn =
        lane.lastStartingBefore(std::max(m.toTime(x + 1), t0 + 1)) - lane.firstEndingAfter(t0);
    if (inColumn > 1)
        text += tr("<br><i>this pixel holds %1 events</i>").arg(QLocale().toString(qulonglong(inColumn)));
    return text;
}

QString TimelineView::toolTipFor(const FoldedHit& hit) const {
    const TimelineModel::Group& group = m_model->groups()[static_cast<std::size_t>(hit.group)];
    return tr("<b>%1</b> (folded, %6 lanes)<br>%2 events from %3 to %4<br>busy %5 %")
        .arg(group.label, QLocale().toString(qulonglong(hit.events)), formatDuration(hit.begin),
             formatDuration(hit.end))
        .arg(hit.busy * 100, 0, 'f', 1)
        .arg(group.count);
}

QString TimelineView::toolTipAt(QPoint pos) const {
    if (!m_model)
        return {};
    if (const auto folded = foldedHitTest(pos))
        return toolTipFor(*folded);
    if (const auto hit = hitTest(pos))
        return toolTipFor(*hit);
    const int group = groupAt(pos);
    if (group >= 0) {
        const TimelineModel::Group& g = m_model->groups()[static_cast<std::size_t>(group)];
        return isGroupFolded(group) ? tr("%1: click to unfold").arg(g.label)
                                    : tr("%1: click to fold").arg(g.label);
    }
    return {};
}

bool TimelineView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return TimeRangeWidget::event(event);
}

void TimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
        update();
    } else if (event->type() == QEvent::FontChange) {
        invalidateLayout(); // lane heights follow the font
    }
    TimeRangeWidget::changeEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    // Over the labels, or with Shift, the wheel scrolls the lanes; over the events it zooms.
    const QPoint delta = event->angleDelta();
    const bool vertical = std::abs(delta.y()) >= std::abs(delta.x());
    if (vertical && (event->position().x() < labelWidth() || (event->modifiers() & Qt::ShiftModifier))) {
        const int lane = std::max(currentLayout().laneHeight, 1);
        setVerticalScroll(verticalScroll() - delta.y() * 3 * lane / 120);
        event->accept();
        return;
    }
    TimeRangeWidget::wheelEvent(event);
}

bool TimelineView::otherKey(QKeyEvent* event) {
    const int lane = std::max(currentLayout().laneHeight, 1);
    const int page = std::max(height() - 24 - lane, lane);
    switch (event->key()) {
    case Qt::Key_Up:
        setVerticalScroll(verticalScroll() - lane);
        return true;
    case Qt::Key_Down:
        setVerticalScroll(verticalScroll() + lane);
        return true;
    case Qt::Key_PageUp:
        setVerticalScroll(verticalScroll() - page);
        return true;
    case Qt::Key_PageDown:
        setVerticalScroll(verticalScroll() + page);
        return true;
    case Qt::Key_Home:
        setVerticalScroll(0);
        return true;
    case Qt::Key_End:
        setVerticalScroll(currentLayout().maxScroll());
        return true;
    default:
        return false;
    }
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event) {
    if (!m_model)
        return;
    QMenu menu(this);
    const int group = [&] {
        const TimelineLayout::Row* row = currentLayout().rowAt(event->pos().y());
        return row ? row->group : -1;
    }();
    if (group >= 0) {
        const QString label = m_model->groups()[static_cast<std::size_t>(group)].label;
        const bool folded = isGroupFolded(group);
        menu.addAction(folded ? tr("Unfold %1").arg(label) : tr("Fold %1").arg(label), this,
                       [this, group, folded] { setGroupFolded(group, !folded); });
        menu.addSeparator();
    }
    menu.addAction(tr("Fold All Groups"), this, [this] { setAllFolded(true); });
    menu.addAction(tr("Unfold All Groups"), this, [this] { setAllFolded(false); });
    menu.exec(event->globalPos());
}

void TimelineView::clicked(QPoint pos) {
    // A header, or a folded row's label, folds / unfolds its group.
    const TimelineLayout::Row* row = currentLayout().rowAt(pos.y());
    if (row && (row->type == TimelineLayout::RowType::Header ||
                (row->type == TimelineLayout::RowType::Folded && pos.x() < labelWidth()))) {
        setGroupFolded(row->group, !isGroupFolded(row->group));
        return;
    }
    const auto hit = hitTest(pos);
    const int request =
        hit ? m_model->trace().lanes[static_cast<std::size_t>(hit->lane)].request(hit->index) : -1;
    setHighlightedRequest(request);
    emit requestClicked(request);
}

} // namespace pipescope::widgets
