#include "explore/load_curve_chart.h"

#include "explore/log_ticks.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {
namespace {

double percentile(const metrics::LatencyStats& l, int i) {
    return i == 0 ? l.p50 : i == 1 ? l.p95 : l.p99;
}

} // namespace

void LoadCurveChart::setTitleText(const QString& text) {
    // ChartBase puts its title in the first row of the layout.
    if (auto* title = qobject_cast<QCPTextElement*>(plotLayout()->element(0, 0)))
        title->setText(text);
}

LoadCurveChart::LoadCurveChart(QWidget* parent)
    : ChartBase(tr("Load curve"), parent) {
    xAxis->setLabel(tr("offered load (inferences/s)"));
    yAxis->setLabel(tr("latency (ms, log)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setRange(1, 100);
    setOneTwoFiveTicks(yAxis);
    // Above the plot, in one row: inside it, the legend covered the labels of the vertical lines
    // (knee, saturation, load per machine), which sit near the top wherever the curve puts them.
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    placeLegendAbovePlot(0.9);
    legend->setVisible(false);
    setEmptyMessage(tr("Click a deployment in the scatter to see its load curve"));
    applyPalette();
}

void LoadCurveChart::setCurve(const QString& label, const sweep::LoadCurve& curve, double maxP95Ms,
                              double operatingPerSecond) {
    m_label = label;
    m_curve = curve;
    m_maxP95Ms = maxP95Ms;
    m_operating = operatingPerSecond;
    rebuild();
}

void LoadCurveChart::clear() {
    m_label.clear();
    m_curve = {};
    rebuild();
}

QCPItemStraightLine* LoadCurveChart::addVertical(double x, const QString& text, const QColor& color,
                                                 Qt::PenStyle style, double labelY) {
    auto* line = new QCPItemStraightLine(this);
    line->setProperty("explore", true);
    line->setPen(QPen(color, 1.4, style));
    line->point1->setCoords(x, 1);
    line->point2->setCoords(x, 2);
    auto* label = new QCPItemText(this);
    label->setProperty("explore", true);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, labelY);
    // Text to the line's left, unless the line is so near the axis that it would be cut off there
    // (the load per machine of a big instance sits at a tenth of its saturation).
    const bool right = x < 0.25 * xAxis->range().upper;
    label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop);
    label->setPadding(right ? QMargins(4, 2, 2, 2) : QMargins(2, 2, 4, 2));
    label->setColor(color);
    label->setText(text);
    return line;
}

void LoadCurveChart::addPercentiles(double* yMin, double* yMax) {
    static const char* names[] = {"p50", "p95", "p99"};
    for (int i = 0; i < 3; ++i) {
        QCPGraph* g = addGraph();
        g->setName(QString::fromLatin1(names[i]));
        const QColor c = seriesColor(i);
        g->setPen(QPen(c, i == 1 ? 2.2 : 1.4));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 1.4), QBrush(c), 6));
        for (const sweep::LoadPoint& p : m_curve.points) {
            const double v = std::max(1e-3, percentile(p.latencyMs, i));
            g->addData(p.offeredPerSecond, v);
            *yMin = *yMin > 0 ? std::min(*yMin, v) : v;
            *yMax = std::max(*yMax, v);
        }
        m_percentiles[i] = g;
    }
    // Overloaded points again, hollow and larger, over the lines.
    QCPGraph* overloaded = addGraph();
    overloaded->setName(tr("overloaded"));
    overloaded->setLineStyle(QCPGraph::lsNone);
    overloaded->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(textColor(), 1.2), QBrush(Qt::NoBrush), 11));
    for (const sweep::LoadPoint& p : m_curve.points)
        if (p.overloaded)
            overloaded->addData(p.offeredPerSecond, std::max(1e-3, p.latencyMs.p95));
    if (overloaded->dataCount() == 0)
        overloaded->removeFromLegend();
    // The closed-loop point: its p95 at the throughput it reached (no offered rate: clients wait
    // for their answers), a diamond off the open-loop lines.
    const sweep::ClosedLoopPoint& closed = m_curve.closedLoop;
    if (closed.clients > 0 && closed.throughputPerSecond > 0) {
        QCPGraph* g = addGraph();
        g->setName(closed.clients == 1 ? tr("closed loop, 1 client (p95)")
                                       : tr("closed loop, %1 clients (p95)").arg(closed.clients));
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = seriesColor(1);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(textColor(), 1.2), QBrush(c), 11));
        const double v = std::max(1e-3, closed.latencyMs.p95);
        g->addData(closed.throughputPerSecond, v);
        *yMin = *yMin > 0 ? std::min(*yMin, v) : v;
        *yMax = std::max(*yMax, v);
    }
}

void LoadCurveChart::rebuild() {
    clearGraphs();
    for (int i = itemCount() - 1; i >= 0; --i)
        if (item(i)->property("explore").toBool()) // not ChartBase's own empty message
            removeItem(i);
    m_knee = m_saturation = nullptr;
    for (auto& g : m_percentiles)
        g = nullptr;
    const bool empty = m_curve.points.empty();
    if (empty)
        setTitleText(tr("Load curve"));
    setEmptyMessage(empty ? tr("Click a deployment in the scatter to see its load curve") : QString());
    legend->setVisible(!empty);
    if (empty) {
        queueReplot();
        return;
    }
    // The x range first: where a vertical line's label goes depends on it (addVertical).
    const double xMax = std::max(m_curve.points.back().offeredPerSecond, m_curve.saturationPerSecond);
    xAxis->setRange(0, xMax * 1.08);
    double yMin = 0, yMax = 0;
    addPercentiles(&yMin, &yMax);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    const QColor red = isDark() ? QColor(255, 120, 110) : QColor(200, 40, 30);
    if (m_curve.kneePerSecond > 0)
        m_knee = addVertical(m_curve.kneePerSecond, tr("knee %L1/s").arg(m_curve.kneePerSecond, 0, 'f', 0),
                             textColor(), Qt::DashLine, 0.0);
    if (m_curve.saturationPerSecond > 0)
        m_saturation = addVertical(m_curve.saturationPerSecond,
                                   tr("saturation %L1/s").arg(m_curve.saturationPerSecond, 0, 'f', 0), red,
                                   Qt::SolidLine, 0.12);
    if (m_operating > 0)
        addVertical(m_operating, tr("load per machine"), muted, Qt::DotLine, 0.24);
    if (m_maxP95Ms > 0) {
        auto* sla = new QCPItemStraightLine(this);
        sla->setProperty("explore", true);
        sla->setPen(QPen(red, 1.2, Qt::DashDotLine));
        sla->point1->setCoords(0, m_maxP95Ms);
        sla->point2->setCoords(1, m_maxP95Ms);
        auto* label = new QCPItemText(this);
        label->setProperty("explore", true);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(0.995, m_maxP95Ms);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setColor(red);
        label->setText(tr("max p95 %1 ms").arg(m_maxP95Ms, 0, 'g', 4));
        yMin = std::min(yMin, m_maxP95Ms);
        yMax = std::max(yMax, m_maxP95Ms);
    }
    yAxis->setRange(yMin / 1.4, yMax * 1.4);
    setOneTwoFiveTicks(yAxis);
    setTitleText(tr("Load curve: %1").arg(m_label));
    queueReplot();
}

QString LoadCurveChart::toolTipAtCoords(double key, double) const {
    if (m_curve.points.empty())
        return {};
    const sweep::ClosedLoopPoint& closed = m_curve.closedLoop;
    if (closed.clients > 0 &&
        std::abs(xAxis->coordToPixel(closed.throughputPerSecond) - xAxis->coordToPixel(key)) <= 6)
        return tr("%1\nclosed loop, %2 clients: served %L3/s\np50 %4 / p95 %5 / p99 %6 ms")
            .arg(m_label)
            .arg(closed.clients)
            .arg(closed.throughputPerSecond, 0, 'f', 0)
            .arg(closed.latencyMs.p50, 0, 'f', 2)
            .arg(closed.latencyMs.p95, 0, 'f', 2)
            .arg(closed.latencyMs.p99, 0, 'f', 2);
    const auto nearest =
        std::min_element(m_curve.points.begin(), m_curve.points.end(), [&](const auto& a, const auto& b) {
            return std::abs(a.offeredPerSecond - key) < std::abs(b.offeredPerSecond - key);
        });
    const double pixels = std::abs(xAxis->coordToPixel(nearest->offeredPerSecond) - xAxis->coordToPixel(key));
    if (pixels > 12)
        return {};
    return tr("%1\noffered %L2/s, served %L3/s%4\np50 %5 / p95 %6 / p99 %7 ms")
        .arg(m_label)
        .arg(nearest->offeredPerSecond, 0, 'f', 0)
        .arg(nearest->throughputPerSecond, 0, 'f', 0)
        .arg(nearest->overloaded ? tr(" (overloaded)") : QString())
        .arg(nearest->latencyMs.p50, 0, 'f', 2)
        .arg(nearest->latencyMs.p95, 0, 'f', 2)
        .arg(nearest->latencyMs.p99, 0, 'f', 2);
}

void LoadCurveChart::paletteChanged() {
    if (!m_curve.points.empty())
        rebuild();
}

} // namespace pipescope::widgets
