#include "latency_histogram_chart.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

LatencyHistogramChart::LatencyHistogramChart(QWidget* parent)
    : ChartBase(tr("Latency per request"), parent) {
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setName(tr("requests"));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_cdf = new QCPGraph(xAxis, yAxis2);
    m_cdf->setName(tr("CDF"));
    xAxis->setLabel(tr("latency (ms)"));
    yAxis->setLabel(tr("requests"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("CDF"));
    yAxis2->setRange(0, 1.02);
    for (Marker& marker : m_markers) {
        marker.line = new QCPItemStraightLine(this);
        marker.label = new QCPItemText(this);
        marker.label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        marker.label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        marker.label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        marker.label->setPadding(QMargins(3, 1, 3, 1));
        marker.label->setLayer(QStringLiteral("overlay")); // above the CDF line
    }
    // Labels are placed once the axis rect has its size for this paint, just before drawing.
    connect(this, &QCustomPlot::afterLayout, this, &LatencyHistogramChart::placeMarkerLabels);
    applyPalette();
    rebuild();
}

void LatencyHistogramChart::placeMarkerLabels() {
    // Each label beside its line on the side where it fits inside the plot; where neither side
    // has room for "p95 16.63" (a narrow chart), just "p95": the tooltip has the value.
    const QRect plot = axisRect()->rect();
    for (Marker& marker : m_markers) {
        if (!marker.label->visible())
            continue;
        const double x = xAxis->coordToPixel(marker.line->point1->coords().x());
        const QMargins pad = marker.label->padding();
        const QFontMetrics metrics(marker.label->font());
        const auto fits = [&](const QString& text, bool right) {
            const int width = metrics.horizontalAdvance(text) + pad.left() + pad.right();
            return right ? x + width <= plot.right() : x - width >= plot.left();
        };
        const QString full = marker.text;
        const QString text = fits(full, true) || fits(full, false) ? full : marker.name;
        const bool right = fits(text, true) || (!fits(text, false) && x - plot.left() < plot.right() - x);
        marker.label->setText(text);
        marker.label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop);
    }
}

QList<double> LatencyHistogramChart::markerPositions() const {
    QList<double> positions;
    for (const Marker& marker : m_markers)
        if (marker.line->visible())
            positions << marker.line->point1->coords().x();
    return positions;
}

void LatencyHistogramChart::setModel(TimelineModelPtr model) {
    if (model == m_model)
        return;
    m_model = std::move(model);
    rebuild();
}

void LatencyHistogramChart::setRun(sim::RunPtr run) {
    if (m_model ? run == m_model->run() : !run)
        return;
    setModel(run ? TimelineModel::build(std::move(run)) : nullptr);
}

void LatencyHistogramChart::paletteChanged() {
    if (!m_bars)
        return; // called from the base constructor, before the plottables exist
    QColor fill = seriesColor(0);
    m_bars->setPen(QPen(fill.darker(isDark() ? 100 : 130)));
    fill.setAlpha(170);
    m_bars->setBrush(fill);
    m_cdf->setPen(QPen(seriesColor(1), 2));
    const QColor markerColors[3] = {seriesColor(2), seriesColor(5), seriesColor(3)};
    for (int i = 0; i < 3; ++i) {
        m_markers[i].line->setPen(QPen(markerColors[i], 1.5, Qt::DashLine));
        m_markers[i].label->setColor(markerColors[i]);
        QColor back = palette().color(QPalette::Base);
        back.setAlpha(200);
        m_markers[i].label->setBrush(back);
    }
}

QString LatencyHistogramChart::toolTipAtCoords(double key, double) const {
    const auto bins = m_bars->data();
    if (bins->isEmpty())
        return {};
    const double halfWidth = m_bars->width() / 0.9 / 2; // bars are drawn at 90% of the bin
    QString text;
    for (auto it = bins->constBegin(); it != bins->constEnd(); ++it) {
        if (std::abs(it->key - key) <= halfWidth) {
            text = tr("%n request(s) from %1 to %2 ms", nullptr, static_cast<int>(it->value))
                       .arg(it->key - halfWidth, 0, 'f', 3)
                       .arg(it->key + halfWidth, 0, 'f', 3);
            break;
        }
    }
    // The CDF at this latency: the share of requests at most this slow.
    const auto cdf = m_cdf->data();
    if (cdf->isEmpty())
        return text;
    // The last CDF point at or before this latency; none means no request was that fast.
    auto after = std::upper_bound(cdf->constBegin(), cdf->constEnd(), key,
                                  [](double k, const QCPGraphData& point) { return k < point.key; });
    const double share = after == cdf->constBegin() ? 0.0 : (after - 1)->value;
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    text += tr("%1% of requests within %2 ms").arg(share * 100, 0, 'f', 1).arg(std::max(key, 0.0), 0, 'f', 3);
    QStringList markers;
    for (const Marker& marker : m_markers)
        if (marker.line->visible())
            markers << marker.text;
    if (!markers.isEmpty())
        text += QLatin1Char('\n') + markers.join(QStringLiteral(" · ")) + tr(" ms");
    return text;
}

void LatencyHistogramChart::rebuild() {
    static const LatencyBins kNoBins;
    const LatencyBins& bins = m_model ? m_model->latencyBins() : kNoBins;
    if (bins.samples == 0) {
        m_bars->data()->clear();
        m_cdf->data()->clear();
        for (Marker& marker : m_markers) {
            marker.line->setVisible(false);
            marker.label->setVisible(false);
        }
        setEmptyMessage(m_model ? tr("No measured requests") : tr("No run selected"));
        queueReplot();
        return;
    }
    setEmptyMessage({});
    const auto toVector = [](const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); };
    m_bars->setWidth(bins.width * 0.9);
    m_bars->setData(toVector(bins.keys), toVector(bins.counts), true);
    m_cdf->setData(toVector(bins.cdfKeys), toVector(bins.cdfValues), true);

    const double lo = bins.lo;
    const double hi = bins.hi;
    const auto& stats = m_model->run()->summary.latencyMs;
    const double pad = (hi - lo) * 0.05;
    xAxis->setRange(lo - pad, std::max(hi, stats.p99) + pad);
    // Headroom above the tallest bar for the marker labels.
    yAxis->setRange(0, *std::max_element(bins.counts.begin(), bins.counts.end()) * 1.45);
    const double values[3] = {stats.p50, stats.p95, stats.p99};
    const char* names[3] = {"p50", "p95", "p99"};
    for (int i = 0; i < 3; ++i) {
        Marker& marker = m_markers[i];
        marker.line->point1->setCoords(values[i], 0);
        marker.line->point2->setCoords(values[i], 1);
        marker.label->position->setCoords(values[i], 0.02 + 0.11 * i);
        marker.name = QLatin1String(names[i]);
        marker.text = QStringLiteral("%1 %2").arg(marker.name).arg(values[i], 0, 'f', 2);
        marker.label->setText(marker.text);
        marker.line->setVisible(true);
        marker.label->setVisible(true);
    }

    queueReplot();
}

} // namespace pipescope::widgets
