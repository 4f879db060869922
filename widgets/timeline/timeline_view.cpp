#include "timeline/timeline_view.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr int kAxisHeight = 24;

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : TimeRangeWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    updateColours();
}

void TimelineView::setRun(sim::RunPtr run) {
    m_run = std::move(run);
    m_highlight = -1;
    m_highlightEvents.clear();
    m_layoutSize = QSize();
    m_key.reset();
    m_summaries.clear();
    if (m_run) {
        for (const sim::Lane& lane : m_run->trace.lanes)
            m_summaries.push_back(LaneSummary::build(lane));
    }
    setTotal(m_run ? runExtent(*m_run) : 0);
    update();
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
    if (m_run && request >= 0) {
        // One pass over the request ids (4 bytes per event) when the user clicks, so the
        // highlighted request's events can be drawn even where they are narrower than a pixel.
        const auto& lanes = m_run->trace.lanes;
        for (std::size_t l = 0; l < lanes.size(); ++l) {
            const auto& ids = lanes[l].request;
            for (std::size_t i = 0; i < ids.size(); ++i) {
                if (ids[i] == request)
                    m_highlightEvents.emplace_back(static_cast<int>(l), i);
            }
        }
    }
    update();
}

const TimelineLayout& TimelineView::layoutFor(QSize size) const {
    if (size != m_layoutSize) {
        m_layout =
            m_run ? layoutLanes(m_run->trace, kAxisHeight, size.height() - kAxisHeight) : TimelineLayout{};
        m_layoutSize = size;
    }
    return m_layout;
}

std::optional<TimelineView::Hit> TimelineView::hitTest(QPoint pos) const {
    if (!m_run || pos.x() < labelWidth())
        return std::nullopt;
    const int laneIndex = layoutFor(size()).laneAt(pos.y());
    if (laneIndex < 0)
        return std::nullopt;
    const TimeMapping m = mapping();
    if (!m.isValid())
        return std::nullopt;
    const sim::Lane& lane = m_run->trace.lanes[static_cast<std::size_t>(laneIndex)];
    const double x = pos.x() - labelWidth();
    const qint64 t = m.toTime(x);
    const qint64 slack = static_cast<qint64>(std::ceil(2 * m.nsPerPixel()));
    // Candidates: events overlapping [t - slack, t + slack]; prefer one containing t, else the nearest.
    std::optional<Hit> best;
    qint64 bestDistance = slack + 1;
    for (std::size_t i = lane.firstEndingAfter(t - slack); i < lane.size() && lane.start[i] <= t + slack;
         ++i) {
        const qint64 s = lane.start[i];
        const qint64 e = s + lane.duration[i];
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

QRect TimelineView::laneRect(int lane) const {
    const TimelineLayout& layout = layoutFor(size());
    if (lane < 0 || static_cast<std::size_t>(lane) >= layout.rowOfLane.size())
        return {};
    const int row = layout.rowOfLane[static_cast<std::size_t>(lane)];
    if (row < 0)
        return {};
    const auto& r = layout.rows[static_cast<std::size_t>(row)];
    return QRect(labelWidth(), r.y, std::max(width() - labelWidth(), 0), r.height);
}

void TimelineView::ensureGeometry(QSize size) {
    const TimeMapping m = mappingFor(size);
    const Key key{m.begin,     m.end,        size.width(),       size.height(), static_cast<int>(m_colorMode),
                  m_highlight, labelWidth(), m_paletteGeneration};
    if (m_key == key)
        return;
    GeometryInput in;
    in.trace = m_run ? &m_run->trace : nullptr;
    in.layout = &layoutFor(size);
    in.mapping = m;
    in.left = labelWidth();
    in.byRequest = m_colorMode == ColorMode::ByRequest;
    in.highlight = m_highlight;
    in.highlightEvents = &m_highlightEvents;
    in.summaries = &m_summaries;
    buildGeometry(in, m_geometry);
    m_key = key;
}

std::size_t TimelineView::cacheBytes() const {
    std::size_t n = m_geometry.bytes() + m_highlightEvents.capacity() * sizeof(m_highlightEvents[0]);
    for (const LaneSummary& s : m_summaries)
        n += s.bytes();
    return n;
}

void TimelineView::updateColours() {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    m_bucketColours.assign(kBucketCount, QColor());
    for (int c = 0; c < kColourCount; ++c) {
        // Golden-angle hues: neighbouring stages / requests get clearly different colours.
        const float hue = static_cast<float>(std::fmod(c * 137.508, 360.0) / 360.0);
        const QColor solid = QColor::fromHsvF(hue, dark ? 0.55f : 0.65f, dark ? 0.85f : 0.80f);
        const QColor styles[kStyleCount] = {
            solid, blend(solid, base, 0.55),                   // weight wait: pale, hatched
            solid.darker(dark ? 90 : 130),                     // transfer: half height
            QColor::fromHsvF(hue, 0.15f, dark ? 0.6f : 0.65f), // host: greyed
        };
        for (int s = 0; s < kStyleCount; ++s) {
            m_bucketColours[bucketOf(c, EventStyle(s), false)] = styles[s];
            m_bucketColours[bucketOf(c, EventStyle(s), true)] = blend(styles[s], base, 0.78);
        }
    }
    m_hatchColour = pal.color(QPalette::Text);
    m_hatchColour.setAlphaF(0.45f);
    ++m_paletteGeneration;
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintTo(p, size());
}

void TimelineView::paintTo(QPainter& p, QSize size) {
    const QPalette pal = palette();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRect(QPoint(0, 0), size), pal.color(QPalette::Base));
    const TimeMapping m = mappingFor(size);
    const qint64 step = niceTickStep(m.span(), m.width);

    if (!m_run) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter,
                   tr("No run to show.\nRun a simulation (Ctrl+R) or select a run in the table."));
        p.restore();
        return;
    }

    const TimelineLayout& layout = layoutFor(size);
    ensureGeometry(size);
    const QRect timeArea(labelWidth(), kAxisHeight, std::max(size.width() - labelWidth(), 0),
                         size.height() - kAxisHeight);

    for (const auto& header : layout.headers)
        p.fillRect(QRect(0, header.y, size.width(), header.height), pal.color(QPalette::AlternateBase));

    // Grid lines first so events paint over them.
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlphaF(0.35f);
    p.setPen(grid);
    if (step > 0 && m.isValid()) {
        for (qint64 t = (m.begin / step) * step; t <= m.end; t += step) {
            const int x = labelWidth() + static_cast<int>(std::lround(m.toX(t)));
            if (x >= labelWidth())
                p.drawLine(x, kAxisHeight, x, size.height());
        }
    }

    p.setClipRect(timeArea);
    p.setPen(Qt::NoPen);
    for (int b = 0; b < kBucketCount; ++b) {
        const auto& rects = m_geometry.buckets[static_cast<std::size_t>(b)];
        if (rects.empty())
            continue;
        p.setBrush(m_bucketColours[static_cast<std::size_t>(b)]);
        p.drawRects(rects.data(), static_cast<int>(rects.size()));
        if ((b / 2) % kStyleCount == static_cast<int>(EventStyle::WeightWait)) {
            p.setBrush(QBrush(m_hatchColour, Qt::BDiagPattern));
            p.drawRects(rects.data(), static_cast<int>(rects.size()));
        }
    }
    if (!m_geometry.outlines.empty()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(pal.color(QPalette::Text), 1));
        p.drawRects(m_geometry.outlines.data(), static_cast<int>(m_geometry.outlines.size()));
    }
    p.setClipping(false);

    paintLabels(p, size);
    paintAxis(p, size, m, step);
    p.restore();
}

void TimelineView::paintLabels(QPainter& p, QSize size) const {
    const QPalette pal = palette();
    const TimelineLayout& layout = layoutFor(size);
    p.fillRect(QRect(0, kAxisHeight, labelWidth(), size.height() - kAxisHeight), pal.color(QPalette::Window));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::WindowText));
    for (const auto& header : layout.headers) {
        p.fillRect(QRect(0, header.y, labelWidth(), header.height), pal.color(QPalette::AlternateBase));
        p.drawText(QRect(6, header.y, labelWidth() - 8, header.height), Qt::AlignVCenter | Qt::AlignLeft,
                   header.text);
    }
    // Squeezed lanes (a 64-core instance in a small window) get a font that fits their height,
    // and below 6 px only every few lanes is labelled, so labels never overprint each other.
    QFont laneFont = font();
    int rowHeight = QFontMetrics(laneFont).height();
    for (const auto& row : layout.rows)
        rowHeight = std::min(rowHeight, row.height);
    if (rowHeight < QFontMetrics(laneFont).height())
        laneFont.setPixelSize(std::max(6, rowHeight));
    const std::size_t stride =
        rowHeight >= 6 ? 1
                       : static_cast<std::size_t>((6 + std::max(rowHeight, 1) - 1) / std::max(rowHeight, 1));
    p.setFont(laneFont);
    for (std::size_t i = 0; i < layout.rows.size(); i += stride) {
        const auto& row = layout.rows[i];
        const sim::Lane& lane = m_run->trace.lanes[static_cast<std::size_t>(row.lane)];
        QString text = lane.label;
        if (text.isEmpty())
            text = lane.core >= 0    ? tr("NeuronCore %1").arg(lane.core)
                   : lane.core == -1 ? tr("GPU")
                                     : tr("Host");
        p.drawText(QRect(16, row.y, labelWidth() - 20, row.height), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(text, Qt::ElideRight, labelWidth() - 20));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labelWidth() - 1, kAxisHeight, labelWidth() - 1, size.height());
}

void TimelineView::paintAxis(QPainter& p, QSize size, const TimeMapping& m, qint64 step) const {
    const QPalette pal = palette();
    p.fillRect(QRect(0, 0, size.width(), kAxisHeight), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, kAxisHeight - 1, size.width(), kAxisHeight - 1);
    if (!m.isValid() || step <= 0)
        return;
    p.setPen(pal.color(QPalette::WindowText));
    for (qint64 t = (m.begin / step) * step; t <= m.end; t += step) {
        const int x = labelWidth() + static_cast<int>(std::lround(m.toX(t)));
        if (x < labelWidth())
            continue;
        p.drawLine(x, kAxisHeight - 6, x, kAxisHeight - 1);
        p.drawText(QRect(x + 3, 0, 200, kAxisHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   formatTickLabel(t, step));
    }
    p.drawText(QRect(6, 0, labelWidth() - 8, kAxisHeight - 2), Qt::AlignLeft | Qt::AlignVCenter,
               tr("span %1").arg(formatDuration(m.span())));
}

QString TimelineView::toolTipFor(const Hit& hit) const {
    const sim::Lane& lane = m_run->trace.lanes[static_cast<std::size_t>(hit.lane)];
    const auto kind = static_cast<sim::EventKind>(lane.kind[hit.index]);
    const qint64 start = lane.start[hit.index];
    const qint64 duration = lane.duration[hit.index];
    return tr("<b>%1</b> on %2<br>stage %3, request %4<br>start %5<br>duration %6")
        .arg(sim::eventKindName(kind), lane.label.isEmpty() ? tr("lane %1").arg(hit.lane) : lane.label)
        .arg(lane.stage[hit.index])
        .arg(lane.request[hit.index])
        .arg(formatDuration(start), formatDuration(duration));
}

bool TimelineView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto hit = hitTest(help->pos()))
            QToolTip::showText(help->globalPos(), toolTipFor(*hit), this);
        else
            QToolTip::hideText();
        return true;
    }
    return TimeRangeWidget::event(event);
}

void TimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        updateColours();
        update();
    }
    TimeRangeWidget::changeEvent(event);
}

void TimelineView::clicked(QPoint pos) {
    const auto hit = hitTest(pos);
    const int request =
        hit ? m_run->trace.lanes[static_cast<std::size_t>(hit->lane)].request[hit->index] : -1;
    setHighlightedRequest(request);
    emit requestClicked(request);
}

} // namespace pipescope::widgets
