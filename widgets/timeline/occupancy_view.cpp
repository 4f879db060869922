#include "timeline/occupancy_view.h"

#include "timeline/timeline_geometry.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr int kTopMargin = 4;
constexpr int kAxisHeight = 18;
constexpr int kLevels = 20; // heat map colour steps: one fill batch per step

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

double meanOf(const std::vector<double>& prefix, std::pair<int, int> bins) {
    if (bins.second <= bins.first)
        return 0.0;
    return (prefix[static_cast<std::size_t>(bins.second)] - prefix[static_cast<std::size_t>(bins.first)]) /
           (bins.second - bins.first);
}
} // namespace

OccupancyView::OccupancyView(QWidget* parent)
    : TimeRangeWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void OccupancyView::setRun(sim::RunPtr run) {
    m_run = std::move(run);
    m_busyPrefix.clear();
    m_inFlightPrefix.clear();
    m_labels.clear();
    m_inFlightScale = 1;
    if (m_run) {
        const metrics::Occupancy& occ = m_run->occupancy;
        const std::size_t bins = static_cast<std::size_t>(std::max(occ.bins, 0));
        // Rows whose data is short (a damaged profile) are treated as zeros rather than read past.
        const std::size_t rows = bins > 0 ? std::min(occ.laneCores.size(), occ.busy.size() / bins) : 0;
        for (std::size_t r = 0; r < rows; ++r) {
            std::vector<double> prefix(bins + 1, 0.0);
            for (std::size_t b = 0; b < bins; ++b)
                prefix[b + 1] = prefix[b] + occ.busy[r * bins + b];
            m_busyPrefix.push_back(std::move(prefix));
            QString label;
            for (const sim::Lane& lane : m_run->trace.lanes) {
                if (lane.core == occ.laneCores[r])
                    label = lane.label;
            }
            if (label.isEmpty())
                label = occ.laneCores[r] >= 0    ? tr("NeuronCore %1").arg(occ.laneCores[r])
                        : occ.laneCores[r] == -1 ? tr("GPU")
                                                 : tr("Host");
            m_labels.push_back(label);
        }
        m_inFlightPrefix.assign(bins + 1, 0.0);
        double peak = 0;
        for (std::size_t b = 0; b < bins; ++b) {
            const double v = b < occ.inFlight.size() ? occ.inFlight[b] : 0.0;
            m_inFlightPrefix[b + 1] = m_inFlightPrefix[b] + v;
            peak = std::max(peak, v);
        }
        // A whole number of requests at the top keeps the scale readable and stable while zooming.
        m_inFlightScale = std::max(1.0, std::ceil(peak));
    }
    setTotal(m_run ? runExtent(*m_run) : 0);
    update();
}

std::pair<int, int> OccupancyView::binsFor(qint64 t0, qint64 t1) const {
    if (!m_run || m_run->occupancy.binNs <= 0 || m_run->occupancy.bins <= 0)
        return {0, 0};
    const qint64 bin = m_run->occupancy.binNs;
    const int bins = m_run->occupancy.bins;
    const qint64 first = std::clamp<qint64>(t0 / bin, 0, bins);
    const qint64 last = std::clamp<qint64>((std::max(t1, t0 + 1) + bin - 1) / bin, first, bins);
    return {static_cast<int>(first), static_cast<int>(std::max(last, std::min<qint64>(first + 1, bins)))};
}

double OccupancyView::busyBetween(int row, qint64 t0, qint64 t1) const {
    if (row < 0 || static_cast<std::size_t>(row) >= m_busyPrefix.size())
        return 0.0;
    return meanOf(m_busyPrefix[static_cast<std::size_t>(row)], binsFor(t0, t1));
}

double OccupancyView::inFlightBetween(qint64 t0, qint64 t1) const {
    if (m_inFlightPrefix.empty())
        return 0.0;
    return meanOf(m_inFlightPrefix, binsFor(t0, t1));
}

OccupancyView::Layout OccupancyView::layoutFor(QSize size) const {
    Layout l;
    l.rows = static_cast<int>(m_busyPrefix.size());
    l.top = kTopMargin;
    const int usable = std::max(size.height() - kTopMargin - kAxisHeight, 0);
    // The heat map takes up to 60 % of the height, the in-flight chart the rest.
    l.rowHeight = l.rows > 0 ? std::clamp(usable * 3 / 5 / l.rows, 2, 18) : 0;
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
    if (!m_run || pos.x() < labelWidth() || !m.isValid())
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
        s.core = m_run->occupancy.laneCores[static_cast<std::size_t>(s.row)];
        s.value = meanOf(m_busyPrefix[static_cast<std::size_t>(s.row)], bins);
        return s;
    }
    if (l.chart.contains(pos)) {
        s.value = meanOf(m_inFlightPrefix, bins);
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
    if (!m_run) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No occupancy to show."));
        p.restore();
        return;
    }
    const TimeMapping m = mappingFor(size);
    const Layout l = layoutFor(size);
    const int columns = static_cast<int>(m.width);
    const QColor base = pal.color(QPalette::Base);
    const QColor hot = pal.color(QPalette::Highlight);

    // Heat map: per pixel column the mean busy fraction, quantised to kLevels brushes; equal
    // neighbouring columns merge into one rect.
    std::vector<std::vector<QRect>> levels(kLevels + 1);
    for (int r = 0; r < l.rows && m.isValid(); ++r) {
        const int y = l.top + r * l.rowHeight;
        const int h = std::max(l.rowHeight - 1, 1);
        int runLevel = -1, runStart = 0;
        for (int x = 0; x <= columns; ++x) {
            int level = -1;
            if (x < columns) {
                const double v =
                    meanOf(m_busyPrefix[static_cast<std::size_t>(r)], binsFor(m.toTime(x), m.toTime(x + 1)));
                level = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * kLevels));
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
        p.setBrush(blend(base, hot, 0.12 + 0.88 * k / double(kLevels)));
        p.drawRects(rects.data(), static_cast<int>(rects.size()));
    }

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

    // In-flight line over a frame with its scale.
    p.setPen(grid);
    p.setBrush(Qt::NoBrush);
    p.drawLine(l.chart.left(), l.chart.top(), l.chart.right(), l.chart.top());
    p.drawLine(l.chart.left(), l.chart.bottom(), l.chart.right(), l.chart.bottom());
    if (m.isValid() && l.chart.height() > 2 && columns > 0) {
        QPolygonF line;
        line.reserve(columns);
        for (int x = 0; x < columns; ++x) {
            const double v = meanOf(m_inFlightPrefix, binsFor(m.toTime(x), m.toTime(x + 1)));
            line.append(
                QPointF(labelWidth() + x + 0.5, l.chart.bottom() - v / m_inFlightScale * l.chart.height()));
        }
        p.setPen(QPen(pal.color(QPalette::Text), 1.5));
        p.setRenderHint(QPainter::Antialiasing, true);
        p.drawPolyline(line);
        p.setRenderHint(QPainter::Antialiasing, false);
    }

    // Label column, aligned with the timeline's.
    p.fillRect(QRect(0, 0, labelWidth(), size.height()), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    if (l.rowHeight >= p.fontMetrics().height() - 4) {
        for (int r = 0; r < l.rows; ++r)
            p.drawText(QRect(16, l.top + r * l.rowHeight, labelWidth() - 20, l.rowHeight),
                       Qt::AlignVCenter | Qt::AlignLeft, m_labels[static_cast<std::size_t>(r)]);
    } else if (l.rows > 0) {
        p.drawText(QRect(6, l.top, labelWidth() - 8, l.rows * l.rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   tr("busy, %1 cores").arg(l.rows));
    }
    if (l.chart.height() > 0) {
        p.drawText(QRect(6, l.chart.top(), labelWidth() - 12, l.chart.height()),
                   Qt::AlignVCenter | Qt::AlignLeft, tr("in flight"));
        const QRect scale(labelWidth() - 60, 0, 54, p.fontMetrics().height());
        p.drawText(scale.translated(0, l.chart.top()), Qt::AlignRight | Qt::AlignTop,
                   QString::number(m_inFlightScale, 'g', 4));
        p.drawText(scale.translated(0, l.chart.bottom() - scale.height()), Qt::AlignRight | Qt::AlignBottom,
                   QStringLiteral("0"));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labelWidth() - 1, 0, labelWidth() - 1, size.height());
    p.restore();
}

bool OccupancyView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto s = sampleAt(help->pos());
        if (!s) {
            QToolTip::hideText();
            return true;
        }
        const qint64 bin = m_run->occupancy.binNs;
        const QString when =
            tr("%1 to %2").arg(formatDuration(s->firstBin * bin), formatDuration(s->lastBin * bin));
        const QString text =
            s->row >= 0 ? tr("<b>%1</b><br>busy %2 %<br>%3")
                              .arg(m_labels[static_cast<std::size_t>(s->row)])
                              .arg(s->value * 100, 0, 'f', 1)
                              .arg(when)
                        : tr("<b>%1 requests in flight</b><br>%2").arg(s->value, 0, 'f', 2).arg(when);
        QToolTip::showText(help->globalPos(), text, this);
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
