// TimelineView: the model, fold state, vertical scroll, layout, geometry cache and hit-testing.
#include "timeline/timeline_view.h"

#include "timeline/lane_density.h"

#include <QFontMetrics>
#include <QScrollBar>

#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr int kAxisHeight = 24;
constexpr int kHeaderHeight = 18;
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : TimeRangeWidget(parent)
    , m_scrollBar(new QScrollBar(Qt::Vertical, this)) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_scrollBar->hide();
    m_scrollBar->setCursor(Qt::ArrowCursor);
    connect(m_scrollBar, &QScrollBar::valueChanged, this, &TimelineView::setVerticalScroll);
    updateColours();
}

void TimelineView::setModel(TimelineModelPtr model) {
    const bool sameGroups =
        m_model && model && m_model->groups().size() == model->groups().size() &&
        std::equal(m_model->groups().begin(), m_model->groups().end(), model->groups().begin(),
                   [](const auto& a, const auto& b) { return a.label == b.label && a.count == b.count; });
    m_model = std::move(model);
    if (!sameGroups) {
        m_folded.assign(m_model ? m_model->groups().size() : 0, false);
        m_scroll = 0;
    }
    m_highlight = -1;
    m_highlightEvents.clear();
    invalidateLayout();
    setTotal(m_model ? m_model->extent() : 0);
    update();
}

void TimelineView::setRun(sim::RunPtr run) {
    setModel(TimelineModel::build(std::move(run)));
}

void TimelineView::setColorMode(ColorMode mode) {
    if (mode == m_colorMode)
        return;
    m_colorMode = mode;
    update();
}

void TimelineView::setHighlightedRequest(int request) {
    if (request == m_highlight)
        return;
    m_highlight = request;
    m_highlightEvents.clear();
    if (m_model && request >= 0) {
        // One pass over the events when the user clicks, so the
        // highlighted request's events can be drawn even where they are narrower than a pixel.
        const auto& lanes = m_model->trace().lanes;
        for (std::size_t l = 0; l < lanes.size(); ++l) {
            const sim::Lane& lane = lanes[l];
            for (std::size_t i = 0; i < lane.size(); ++i) {
                if (lane.request(i) == request)
                    m_highlightEvents.emplace_back(static_cast<int>(l), i);
            }
        }
    }
    update();
}

void TimelineView::setGroupFolded(int group, bool folded) {
    if (group < 0 || static_cast<std::size_t>(group) >= m_folded.size() || m_folded[group] == folded)
        return;
    m_folded[static_cast<std::size_t>(group)] = folded;
    invalidateLayout();
}

bool TimelineView::isGroupFolded(int group) const {
    return group >= 0 && static_cast<std::size_t>(group) < m_folded.size() && m_folded[group];
}

void TimelineView::setAllFolded(bool folded) {
    if (std::all_of(m_folded.begin(), m_folded.end(), [folded](bool f) { return f == folded; }))
        return;
    m_folded.assign(m_folded.size(), folded);
    invalidateLayout();
}

int TimelineView::verticalScroll() const {
    return layoutFor(size()).scroll;
}

void TimelineView::setVerticalScroll(int pixels) {
    const int clamped = std::clamp(pixels, 0, layoutFor(size()).maxScroll());
    if (clamped == m_scroll)
        return;
    m_scroll = clamped;
    updateScrollBar();
    update();
}

void TimelineView::invalidateLayout() {
    ++m_foldGeneration;
    m_layoutKey.reset();
    m_key.reset();
    m_scroll = std::clamp(m_scroll, 0, layoutFor(size()).maxScroll());
    updateScrollBar();
    update();
}

const TimelineLayout& TimelineView::layoutFor(QSize size) const {
    const auto key = std::make_tuple(size, m_scroll, m_foldGeneration);
    if (m_layoutKey != key) {
        m_layout = TimelineLayout{};
        if (m_model) {
            LayoutRequest request;
            request.top = kAxisHeight;
            request.height = size.height() - kAxisHeight;
            request.scroll = m_scroll;
            request.headerHeight = kHeaderHeight;
            // A lane is never shorter than its label: what does not fit scrolls instead.
            request.minLaneHeight = QFontMetrics(font()).height() + 2;
            request.folded = &m_folded;
            m_layout = layoutLanes(*m_model, request);
        }
        m_layoutKey = key;
    }
    return m_layout;
}

void TimelineView::updateScrollBar() {
    const TimelineLayout& layout = layoutFor(size());
    const int extent = std::max(height() - kAxisHeight, 0);
    const int barWidth = m_scrollBar->sizeHint().width();
    m_scrollBar->setGeometry(width() - barWidth, kAxisHeight, barWidth, extent);
    const QSignalBlocker block(m_scrollBar);
    m_scrollBar->setRange(0, layout.maxScroll());
    m_scrollBar->setPageStep(extent);
    m_scrollBar->setSingleStep(std::max(layout.laneHeight, 1));
    m_scrollBar->setValue(layout.scroll);
    m_scrollBar->setVisible(layout.maxScroll() > 0);
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    TimeRangeWidget::resizeEvent(event);
    m_scroll = std::clamp(m_scroll, 0, layoutFor(size()).maxScroll());
    updateScrollBar();
}

std::optional<TimelineView::Hit> TimelineView::hitTest(QPoint pos) const {
    if (!m_model || pos.x() < labelWidth())
        return std::nullopt;
    const int laneIndex = layoutFor(size()).laneAt(pos.y());
    const TimeMapping m = mapping();
    if (laneIndex < 0 || !m.isValid())
        return std::nullopt;
    const sim::Lane& lane = m_model->trace().lanes[static_cast<std::size_t>(laneIndex)];
    const qint64 t = m.toTime(pos.x() - labelWidth());
    const qint64 slack = static_cast<qint64>(std::ceil(2 * m.nsPerPixel()));
    // Candidates: events overlapping [t - slack, t + slack]; prefer one containing t, else the nearest.
    std::optional<Hit> best;
    qint64 bestDistance = slack + 1;
    for (std::size_t i = lane.firstEndingAfter(t - slack); i < lane.size() && lane.start(i) <= t + slack;
         ++i) {
        const qint64 s = lane.start(i);
        const qint64 e = s + lane.duration(i);
        const qint64 distance = t < s ? s - t : (t >= e ? t - e + 1 : 0);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = Hit{laneIndex, i};
        }
        if (distance == 0)
            break;
    }
    return best;
}

std::optional<TimelineView::FoldedHit> TimelineView::foldedHitTest(QPoint pos) const {
    const TimeMapping m = mapping();
    if (!m_model || pos.x() < labelWidth() || !m.isValid())
        return std::nullopt;
    const TimelineLayout::Row* row = layoutFor(size()).rowAt(pos.y());
    if (!row || row->type != TimelineLayout::RowType::Folded)
        return std::nullopt;
    FoldedHit hit;
    hit.group = row->group;
    const double x = std::floor(static_cast<double>(pos.x() - labelWidth()));
    hit.begin = m.toTime(x);
    hit.end = std::max(m.toTime(x + 1), hit.begin + 1);
    const TimelineModel::Group& group = m_model->groups()[static_cast<std::size_t>(row->group)];
    qint64 busy = 0;
    for (int i = group.first; i < group.first + group.count; ++i) {
        const auto& lane = m_model->trace().lanes[static_cast<std::size_t>(m_model->lanes()[i].traceLane)];
        hit.events += eventsOverlapping(lane, hit.begin, hit.end);
        busy += busyBetween(lane, hit.begin, hit.end);
    }
    hit.busy =
        static_cast<double>(busy) / static_cast<double>((hit.end - hit.begin) * std::max(group.count, 1));
    return hit;
}

int TimelineView::groupAt(QPoint pos) const {
    const TimelineLayout::Row* row = layoutFor(size()).rowAt(pos.y());
    return row && row->type != TimelineLayout::RowType::Lane ? row->group : -1;
}

QRect TimelineView::laneRect(int lane) const {
    const TimelineLayout& layout = layoutFor(size());
    if (lane < 0 || static_cast<std::size_t>(lane) >= layout.rowOfLane.size())
        return {};
    const int row = layout.rowOfLane[static_cast<std::size_t>(lane)];
    if (row < 0 || !layout.isVisible(layout.rows[static_cast<std::size_t>(row)]))
        return {};
    const auto& r = layout.rows[static_cast<std::size_t>(row)];
    return QRect(labelWidth(), r.y, std::max(width() - labelWidth(), 0), r.height);
}

QRect TimelineView::groupRect(int group) const {
    for (const auto& r : layoutFor(size()).rows) {
        if (r.group == group && r.type != TimelineLayout::RowType::Lane)
            return layoutFor(size()).isVisible(r) ? QRect(0, r.y, width(), r.height) : QRect();
    }
    return {};
}

void TimelineView::ensureGeometry(QSize size) {
    const TimeMapping m = mappingFor(size);
    const Key key{
        m.begin,     m.end,        size.width(),        size.height(),          static_cast<int>(m_colorMode),
        m_highlight, labelWidth(), m_paletteGeneration, layoutFor(size).scroll, m_foldGeneration};
    if (m_key == key)
        return;
    GeometryInput in;
    in.trace = m_model ? &m_model->trace() : nullptr;
    in.layout = &layoutFor(size);
    in.mapping = m;
    in.left = labelWidth();
    in.byRequest = m_colorMode == ColorMode::ByRequest;
    in.highlight = m_highlight;
    in.highlightEvents = &m_highlightEvents;
    in.summaries = m_model ? &m_model->summaries() : nullptr;
    in.model = m_model.get();
    buildGeometry(in, m_geometry);
    m_key = key;
}

std::size_t TimelineView::cacheBytes() const {
    return m_geometry.bytes() + m_highlightEvents.capacity() * sizeof(m_highlightEvents[0]) +
           (m_model ? m_model->bytes() : 0);
}

} // namespace pipescope::widgets
