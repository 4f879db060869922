#include "residual_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pipescope::widgets {
namespace {

constexpr double kBand = 0.10; // +-10%: about what a good calibration reaches on the study's rows

double measuredValue(const calibrate::RowFit& row, ResidualChart::Quantity q) {
    return q == ResidualChart::Quantity::Throughput ? row.measured.throughputPerSecond
                                                    : row.measured.latencyP95Ms;
}
double afterValue(const calibrate::RowFit& row, ResidualChart::Quantity q) {
    return q == ResidualChart::Quantity::Throughput ? row.throughputAfter : row.p95After;
}
double heldOutValue(const calibrate::RowFit& row, ResidualChart::Quantity q) {
    return q == ResidualChart::Quantity::Throughput ? row.throughputHeldOut : row.p95HeldOut;
}
double beforeValue(const calibrate::RowFit& row, ResidualChart::Quantity q) {
    return q == ResidualChart::Quantity::Throughput ? row.throughputBefore : row.p95Before;
}

} // namespace

ResidualChart::ResidualChart(QWidget* parent)
    : ChartBase(tr("Measured vs simulated"), parent) {
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
    }
    m_bandLow = new QCPGraph(xAxis, yAxis);
    m_bandHigh = new QCPGraph(xAxis, yAxis);
    m_bandHigh->setChannelFillGraph(m_bandLow);
    m_bandHigh->setName(tr("±10%"));
    m_identity = new QCPGraph(xAxis, yAxis);
    m_identity->setName(tr("y = x"));
    m_before = new QCPGraph(xAxis, yAxis);
    m_before->setName(tr("before fit"));
    m_after = new QCPGraph(xAxis, yAxis);
    m_after->setName(tr("after fit"));
    m_heldOut = new QCPGraph(xAxis, yAxis);
    m_heldOut->setName(tr("held out"));
    for (QCPGraph* g : {m_before, m_after, m_heldOut})
        g->setLineStyle(QCPGraph::lsNone);
    legend->setVisible(true);
    m_bandLow->removeFromLegend(); // the band is one legend entry, not two
    // Points lie along the diagonal: the bottom-right corner is where they are least likely.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    applyPalette();
    rebuild();
}

void ResidualChart::setReport(const calibrate::MeasurementFitReport& report) {
    m_rows = report.rows;
    rebuild();
}

void ResidualChart::setQuantity(Quantity quantity) {
    if (quantity == m_quantity)
        return;
    m_quantity = quantity;
    rebuild();
}

int ResidualChart::pointCount(const QString& series) const {
    return static_cast<int>(
        std::count_if(m_points.begin(), m_points.end(), [&](const Point& p) { return p.series == series; }));
}

void ResidualChart::paletteChanged() {
    if (!m_after)
        return;
    const QColor text = textColor();
    QColor band = seriesColor(2);
    band.setAlpha(45);
    m_bandHigh->setBrush(band);
    for (QCPGraph* g : {m_bandLow, m_bandHigh})
        g->setPen(QPen(seriesColor(2), 1, Qt::DotLine));
    m_identity->setPen(QPen(text, 1.2, Qt::DashLine));
    QColor faint = text;
    faint.setAlpha(110);
    m_before->setPen(QPen(faint));
    m_before->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, faint, 7));
    m_after->setPen(QPen(seriesColor(0)));
    m_after->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(0), 8));
    m_heldOut->setPen(QPen(seriesColor(1), 1.5));
    m_heldOut->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(seriesColor(1), 1.5), Qt::NoBrush, 9));
    legend->setBrush(palette().color(QPalette::Base));
    legend->setTextColor(text);
    legend->setBorderPen(QPen(faint));
}

void ResidualChart::addSeries(QCPGraph* graph, const QString& name,
                              double (*simulated)(const calibrate::RowFit&, Quantity)) {
    QVector<double> keys, values;
    for (const calibrate::RowFit& row : m_rows) {
        const double measured = measuredValue(row, m_quantity), value = simulated(row, m_quantity);
        // A row without this percentile, a failed simulation or no leave-one-out has no point.
        if (measured <= 0 || value <= 0 || !row.error.isEmpty())
            continue;
        keys.push_back(measured);
        values.push_back(value);
        m_points.push_back({measured, value, row.measured.label(), name});
    }
    graph->setData(keys, values);
}

void ResidualChart::rebuild() {
    m_points.clear();
    addSeries(m_before, QStringLiteral("before fit"), beforeValue);
    addSeries(m_after, QStringLiteral("after fit"), afterValue);
    addSeries(m_heldOut, QStringLiteral("held out"), heldOutValue);
    double low = std::numeric_limits<double>::max(), high = 0;
    for (const Point& p : m_points) {
        low = std::min({low, p.measured, p.simulated});
        high = std::max({high, p.measured, p.simulated});
    }
    const bool empty = m_points.empty();
    setEmptyMessage(empty ? tr("Fit to see measured against simulated") : QString());
    if (empty) {
        low = 1;
        high = 1000;
    }
    // Square log ranges with some room, so y = x runs corner to corner and no point sits on an edge.
    low /= 1.3;
    high *= 1.3;
    m_identity->setData({low, high}, {low, high});
    m_bandLow->setData({low, high}, {low * (1 - kBand), high * (1 - kBand)});
    m_bandHigh->setData({low, high}, {low * (1 + kBand), high * (1 + kBand)});
    xAxis->setRange(low, high);
    yAxis->setRange(low, high);
    const bool throughput = m_quantity == Quantity::Throughput;
    xAxis->setLabel(throughput ? tr("measured throughput /s") : tr("measured p95 ms"));
    yAxis->setLabel(throughput ? tr("simulated /s") : tr("simulated p95 ms"));
    queueReplot();
}

QString ResidualChart::toolTipAtCoords(double key, double value) const {
    // The nearest point within a few pixels, as the eye picks it.
    const double px = xAxis->coordToPixel(key), py = yAxis->coordToPixel(value);
    const Point* nearest = nullptr;
    double best = 8.0 * 8.0;
    for (const Point& p : m_points) {
        const double dx = xAxis->coordToPixel(p.measured) - px, dy = yAxis->coordToPixel(p.simulated) - py;
        if (dx * dx + dy * dy < best) {
            best = dx * dx + dy * dy;
            nearest = &p;
        }
    }
    if (!nearest)
        return {};
    return tr("%1\n%2: measured %3, simulated %4 (%5%6%)")
        .arg(nearest->label, nearest->series)
        .arg(nearest->measured, 0, 'g', 4)
        .arg(nearest->simulated, 0, 'g', 4)
        .arg(nearest->simulated >= nearest->measured ? QStringLiteral("+") : QString())
        .arg(100.0 * (nearest->simulated - nearest->measured) / nearest->measured, 0, 'f', 1);
}

} // namespace pipescope::widgets
