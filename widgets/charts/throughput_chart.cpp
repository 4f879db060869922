#include "throughput_chart.h"

#include "time_axis_ticker.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {
namespace {
constexpr int kMaxPoints = 100;
constexpr int kMinPoints = 8;
} // namespace

ThroughputChart::ThroughputChart(QWidget* parent)
    : ChartBase(tr("Throughput over time"), parent) {
    m_series = new QCPGraph(xAxis, yAxis);
    m_series->setName(tr("inferences/s"));
    m_series->setLineStyle(QCPGraph::lsStepCenter);
    auto ticker = QSharedPointer<TimeAxisTicker>::create();
    ticker->setTickCount(3); // "0.5 s" labels need room in a chart a quarter of the window wide
    xAxis->setTicker(ticker);
    xAxis->setLabel(tr("simulated time"));
    yAxis->setLabel(tr("inferences/s"));
    m_mean = new QCPItemStraightLine(this);
    m_meanLabel = new QCPItemText(this);
    m_meanLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_meanLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
    m_meanLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_meanLabel->setPadding(QMargins(3, 1, 3, 1));
    m_meanLabel->setLayer(QStringLiteral("overlay")); // readable over the series
    applyPalette();
    rebuild();
}

void ThroughputChart::setRun(sim::RunPtr run) {
    if (run == m_run)
        return;
    m_run = std::move(run);
    rebuild();
}

void ThroughputChart::paletteChanged() {
    if (!m_series)
        return;
    QColor line = seriesColor(0);
    m_series->setPen(QPen(line, 1.5));
    line.setAlpha(60);
    m_series->setBrush(line);
    m_mean->setPen(QPen(seriesColor(1), 1.5, Qt::DashLine));
    m_meanLabel->setColor(seriesColor(1));
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(210);
    m_meanLabel->setBrush(back);
}

QString ThroughputChart::toolTipAtCoords(double key, double) const {
    const auto data = m_series->data();
    if (data->isEmpty())
        return {};
    // The point nearest in time: every point of the series has a tooltip.
    auto it = data->findBegin(key, false);
    if (it != data->constBegin() &&
        (it == data->constEnd() || std::abs((it - 1)->key - key) < std::abs(it->key - key)))
        --it;
    if (it == data->constEnd())
        return {};
    QString unit;
    const double unitNs = TimeAxisTicker::unitFor(xAxis->range().upper, &unit);
    return tr("%1 inferences/s around %2 (run mean %3/s)")
        .arg(it->value, 0, 'f', 1)
        .arg(TimeAxisTicker::format(it->key, unitNs, unit, 2))
        .arg(m_run ? m_run->summary.throughputPerSecond : 0, 0, 'f', 1);
}

void ThroughputChart::rebuild() {
    const bool has = m_run && m_run->occupancy.bins > 0 &&
                     static_cast<int>(m_run->occupancy.throughputPerSec.size()) >= m_run->occupancy.bins;
    m_mean->setVisible(has);
    m_meanLabel->setVisible(has);
    if (!has) {
        m_series->data()->clear();
        setEmptyMessage(m_run ? tr("No throughput series") : tr("No run selected"));
        queueReplot();
        return;
    }
    setEmptyMessage({});
    const auto& occ = m_run->occupancy;
    // The engine's bins are short (a few inferences each), so one bin's rate is mostly noise.
    // Merge runs of k equal bins: the mean of their rates is exactly the rate over the merged bin.
    // A merged bin spans at least the median latency too: the clients of a closed loop start
    // together, so their requests complete in waves about a latency apart, and a shorter bin
    // measures whether a wave fell in it rather than a rate (64 clients on inf1.24xlarge drew
    // three times the run's rate over the first 150 ms). Never fewer than kMinPoints points.
    const double latencyBins = m_run->summary.latencyMs.p50 * 1e6 / static_cast<double>(occ.binNs);
    const int perLatency = latencyBins > 1 ? static_cast<int>(std::ceil(latencyBins)) : 1;
    const int k = std::max({1, (occ.bins + kMaxPoints - 1) / kMaxPoints,
                            std::min(perLatency, std::max(1, occ.bins / kMinPoints))});
    QVector<double> keys, values;
    for (int first = 0; first < occ.bins; first += k) {
        const int last = std::min(occ.bins, first + k);
        double sum = 0;
        for (int i = first; i < last; ++i)
            sum += occ.throughputPerSec[i];
        keys << (first + last) * 0.5 * static_cast<double>(occ.binNs);
        values << sum / (last - first);
    }
    m_series->setData(keys, values, true);
    const double mean = m_run->summary.throughputPerSecond;
    m_mean->point1->setCoords(0, mean);
    m_mean->point2->setCoords(1, mean);
    m_meanLabel->position->setCoords(0.98, mean);
    m_meanLabel->setText(tr("mean %1/s").arg(mean, 0, 'f', 1));
    xAxis->setRange(0, static_cast<double>(occ.bins) * static_cast<double>(occ.binNs));
    const double top = std::max(mean, static_cast<double>(*std::max_element(values.begin(), values.end())));
    yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    queueReplot();
}

} // namespace pipescope::widgets
