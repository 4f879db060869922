#include "timeline/occupancy_view.h"

#include <QFontMetrics>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr int kTopMargin = 4;
constexpr int kMinLabelPixels = 10; // smallest font a row label is drawn in
constexpr int kAxisHeight = 18;
constexpr int kLevels = 20; // heat map colour steps: one fill batch per step

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

const std::vector<OccupancySeries::Row> kNoRows;
} // namespace

OccupancyView::OccupancyView(QWidget* parent)
    : TimeRangeWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void OccupancyView::setModel(TimelineModelPtr model) {
    m_model = std::move(model);
    m_inFlightScale = m_model ? m_model->occupancy().inFlightScale : 1;
    setTotal(m_model ? m_model->extent() : 0);
    update();
}

void OccupancyView::setRun(sim::RunPtr run) {
    setModel(TimelineModel::build(std::move(run)));
}

const std::vector<OccupancySeries::Row>& OccupancyView::rowsFor(QSize size) const {
    if (!m_model)
        return kNoRows;
    const OccupancySeries& occ = m_model->occupancy();
    // Per core while every core gets a row tall enough to tell apart and label; else per chip.
    const int legible = QFontMetrics(font()).height() - 2;
    const bool perCore = static_cast<int>(occ.coreRows.size()) * legible <= heatMapHeight(size) ||
                         occ.groupRows.empty() || occ.groupRows.size() >= occ.coreRows.size();
    return perCore ? occ.coreRows : occ.groupRows;
}

bool OccupancyView::rowsPerGroup() const {
    return m_model && &rows() == &m_model->occupancy().groupRows &&
           m_model->occupancy().groupRows.size() < m_model->occupancy().coreRows.size();
}

std::pair<int, int> OccupancyView::binsFor(qint64 t0, qint64 t1) const {
    return m_model ? m_model->occupancy().binsFor(t0, t1) : std::pair<int, int>{0, 0};
}

double OccupancyView::busyBetween(int row, qint64 t0, qint64 t1) const {
    const auto& r = rows();
    if (row < 0 || static_cast<std::size_t>(row) >= r.size())
        return 0.0;
    return OccupancySeries::meanOf(r[static_cast<std::size_t>(row)].prefix, binsFor(t0, t1));
}

double OccupancyView::inFlightBetween(qint64 t0, qint64 t1) const {
    return m_model ? m_model->occupancy().inFlightBetween(t0, t1) : 0.0;
}

int OccupancyView::heatMapHeight(QSize size) {
    // The in-flight chart takes 30% of the height, at most 40 px; the heat map gets the rest.
    const int usable = std::max(size.height() - kTopMargin - kAxisHeight, 0);
    return std::max(usable * 7 / 10, usable - 40);
}

OccupancyView::Layout OccupancyView::layoutFor(QSize size) const {
    Layout l;
    l.rows = static_cast<int>(rowsFor(size).size());
    l.top = kTopMargin;
    l.rowHeight = l.rows > 0 ? std::clamp(heatMapHeight(size) / l.rows, 2, 18) : 0;
    // Rows shorter than a label get a smaller font and, below kMinLabelPixels, a label every few rows.
    l.labelStride = l.rowHeight > 0 ? (kMinLabelPixels + l.rowHeight - 1) / l.rowHeight : 1;
    const int chartTop = l.top + l.rows * l.rowHeight + 8;
    l.axisTop = size.height() - kAxisHeight;
    l.chart = QRect(labelWidth(), chartTop, std::max(size.width() - labelWidth(), 0),
                    std::max(l.axisTop - chartTop - 4, 0));
    return l;
}

QRect OccupancyView::rowRect(int row) const {
    const Layout l = layoutFor(size());
    if (row < 0 || row >= l.rows)
        return {};
    return QRect(labelWidth(), l.top + row * l.rowHeight, std::max(width() - labelWidth(), 0), l.rowHeight);
}

QRect OccupancyView::inFlightRect() const {
    return layoutFor(size()).chart;
}

std::optional<OccupancyView::Sample> OccupancyView::sampleAt(QPoint pos) const {
    const TimeMapping m = mapping();
    if (!m_model || pos.x() < labelWidth() || !m.isValid())
        return std::nullopt;
    const double x = std::floor(static_cast<double>(pos.x() - labelWidth()));
    const auto bins = binsFor(m.toTime(x), m.toTime(x + 1));
    if (bins.second <= bins.first)
        return std::nullopt;
    const Layout l = layoutFor(size());
    Sample s;
    s.firstBin = bins.first;
    s.lastBin = bins.second;
    if (pos.y() >= l.top && pos.y() < l.top + l.rows * l.rowHeight) {
        s.row = (pos.y() - l.top) / l.rowHeight;
        s.value = OccupancySeries::meanOf(rows()[static_cast<std::size_t>(s.row)].prefix, bins);
        return s;
    }
    if (l.chart.contains(pos)) {
        s.value = OccupancySeries::meanOf(m_model->occupancy().inFlightPrefix, bins);
        return s;
    }
    return std::nullopt;
}

void OccupancyView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintTo(p, size());
}

void OccupancyView::paintTo(QPainter& p, QSize size) {
    const QPalette pal = palette();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRect(QPoint(0, 0), size), pal.color(QPalette::Base));
    if (!m_model) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No occupancy to show."));
        p.restore();
        return;
    }
    const TimeMapping m = mappingFor(size);
    const Layout l = layoutFor(size);
    paintHeatMap(p, m, l, size);

    // Vertical grid at the same ticks as the timeline's axis.
    const qint64 step = niceTickStep(m.span(), m.width);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlphaF(0.35f);
    if (m.isValid()) {
        for (qint64 t = (m.begin / step) * step; t <= m.end; t += step) {
            const int x = labelWidth() + static_cast<int>(std::lround(m.toX(t)));
            if (x < labelWidth())
                continue;
            p.setPen(grid);
            p.drawLine(x, l.chart.top(), x, l.axisTop);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(x + 3, l.axisTop, 200, kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       formatTickLabel(t, step));
        }
    }
    p.setPen(grid);
    p.setBrush(Qt::NoBrush);
    p.drawLine(l.chart.left(), l.chart.top(), l.chart.right(), l.chart.top());
    p.drawLine(l.chart.left(), l.chart.bottom(), l.chart.right(), l.chart.bottom());
    paintInFlight(p, m, l);
    paintLabels(p, l, size);
    p.restore();
}

// Per pixel column the mean busy fraction, quantised to kLevels brushes; equal neighbouring
// columns merge into one rect.
void OccupancyView::paintHeatMap(QPainter& p, const TimeMapping& m, const Layout& l, QSize size) const {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor hot = pal.color(QPalette::Highlight);
    const int columns = static_cast<int>(m.width);
    const auto& rows = rowsFor(size);
    std::vector<std::vector<QRect>> levels(kLevels + 1);
    for (int r = 0; r < l.rows && m.isValid(); ++r) {
        const auto& prefix = rows[static_cast<std::size_t>(r)].prefix;
        const int y = l.top + r * l.rowHeight;
        // A 1 px gap between rows only where rows are tall enough to spare it.
        const int h = l.rowHeight >= 6 ? l.rowHeight - 1 : l.rowHeight;
        int runLevel = -1, runStart = 0;
        for (int x = 0; x <= columns; ++x) {
            int level = -1;
            if (x < columns) {
                const double v = OccupancySeries::meanOf(prefix, binsFor(m.toTime(x), m.toTime(x + 1)));
                // Rounded up: a core busy 2 % of a column still shows, apart from an idle one.
                level = static_cast<int>(std::ceil(std::clamp(v - 0.002, 0.0, 1.0) * kLevels));
            }
            if (level != runLevel) {
                if (runLevel > 0)
                    levels[static_cast<std::size_t>(runLevel)].push_back(
                        QRect(labelWidth() + runStart, y, x - runStart, h));
                runLevel = level;
                runStart = x;
            }
        }
    }
    p.setPen(Qt::NoPen);
    for (int k = 1; k <= kLevels; ++k) {
        const auto& rects = levels[static_cast<std::size_t>(k)];
        if (rects.empty())
            continue;
        p.setBrush(blend(base, hot, 0.2 + 0.8 * k / double(kLevels)));
        p.drawRects(rects.data(), static_cast<int>(rects.size()));
    }
}

void OccupancyView::paintInFlight(QPainter& p, const TimeMapping& m, const Layout& l) const {
    const int columns = static_cast<int>(m.width);
    if (!m.isValid() || l.chart.height() <= 2 || columns <= 0)
        return;
    QPolygonF line;
    line.reserve(columns);
    for (int x = 0; x < columns; ++x) {
        const double v = inFlightBetween(m.toTime(x), m.toTime(x + 1));
        line.append(
            QPointF(labelWidth() + x + 0.5, l.chart.bottom() - v / m_inFlightScale * l.chart.height()));
    }
    p.setPen(QPen(palette().color(QPalette::Text), 1.5));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.drawPolyline(line);
    p.setRenderHint(QPainter::Antialiasing, false);
}

// The label column, aligned with the timeline's.
void OccupancyView::paintLabels(QPainter& p, const Layout& l, QSize size) const {
    const QPalette pal = palette();
    const auto& rows = rowsFor(size);
    p.fillRect(QRect(0, 0, labelWidth(), size.height()), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    QFont rowFont = font();
    const int labelHeight = l.rowHeight * l.labelStride;
    if (labelHeight < QFontMetrics(rowFont).height())
        rowFont.setPixelSize(std::max(labelHeight - 1, kMinLabelPixels - 1));
    p.setFont(rowFont);
    for (int r = 0; r < l.rows; ++r) {
        const auto& row = rows[static_cast<std::size_t>(r)];
        const int y = l.top + r * l.rowHeight;
        if (row.group >= 0)
            p.fillRect(QRect(10, y, 3, std::max(l.rowHeight - 1, 1)),
                       m_model->groups()[static_cast<std::size_t>(row.group)].colour);
        if (r % l.labelStride == 0)
            p.drawText(QRect(18, y, labelWidth() - 22, labelHeight), Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(row.label, Qt::ElideRight, labelWidth() - 22));
    }
    p.setFont(font());
    if (l.chart.height() > 0) {
        p.drawText(QRect(6, l.chart.top(), labelWidth() - 12, l.chart.height()),
                   Qt::AlignVCenter | Qt::AlignLeft, tr("in flight"));
        for (const ScaleLabel& label : scaleLabelsFor(l, p.fontMetrics()))
            p.drawText(label.rect, label.align, label.text);
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labelWidth() - 1, 0, labelWidth() - 1, size.height());
}

std::vector<OccupancyView::ScaleLabel> OccupancyView::scaleLabelsFor(const Layout& l,
                                                                     const QFontMetrics& metrics) const {
    const QString top = QString::number(m_inFlightScale, 'g', 4);
    const int lineHeight = metrics.height();
    const QRect column(labelWidth() - 60, 0, 54, lineHeight);
    if (l.chart.height() >= 2 * lineHeight)
        return {ScaleLabel{column.translated(0, l.chart.top()), top, Qt::AlignRight | Qt::AlignTop},
                ScaleLabel{column.translated(0, l.chart.bottom() - lineHeight), QStringLiteral("0"),
                           Qt::AlignRight | Qt::AlignBottom}};
    // One line centred on the chart, as its "in flight" label is.
    return {ScaleLabel{column.translated(0, l.chart.center().y() - lineHeight / 2),
                       QStringLiteral("0\u2013%1").arg(top), Qt::AlignRight | Qt::AlignVCenter}};
}

std::vector<OccupancyView::ScaleLabel> OccupancyView::inFlightScaleLabels() const {
    return scaleLabelsFor(layoutFor(size()), fontMetrics());
}

bool OccupancyView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto s = sampleAt(help->pos());
        if (!s) {
            QToolTip::hideText();
            return true;
        }
        const qint64 bin = m_model->occupancy().binNs;
        const QString when =
            tr("%1 to %2").arg(formatDuration(s->firstBin * bin), formatDuration(s->lastBin * bin));
        QString what;
        if (s->row >= 0) {
            const auto& row = rows()[static_cast<std::size_t>(s->row)];
            what = row.cores > 1 ? tr("<b>%1</b><br>busy %2 % (mean of %3 cores)")
                                       .arg(row.label)
                                       .arg(s->value * 100, 0, 'f', 1)
                                       .arg(row.cores)
                                 : tr("<b>%1</b><br>busy %2 %").arg(row.label).arg(s->value * 100, 0, 'f', 1);
        } else {
            what = tr("<b>%1 requests in flight</b>").arg(s->value, 0, 'f', 2);
        }
        QToolTip::showText(help->globalPos(), what + QStringLiteral("<br>") + when, this);
        return true;
    }
    return TimeRangeWidget::event(event);
}

void OccupancyView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        update(); // colours are read from the palette at paint time
    TimeRangeWidget::changeEvent(event);
}

} // namespace pipescope::widgets
