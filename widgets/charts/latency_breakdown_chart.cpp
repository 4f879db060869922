#include "latency_breakdown_chart.h"

#include "run_label.h"

#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {
namespace {
constexpr double kBarWidth = 0.6;

// Run i (0-based) sits at key n - i, so the first run is at the top like the runs table.
double keyOf(int run, int runs) {
    return static_cast<double>(runs - run);
}

// "#1\nxlarge\n1,1,1,1" on fewer lines: "#1 xlarge\n1,1,1,1", or "#1" alone (the tooltip names
// the run).
QString shortened(const QString& label, int lines) {
    const QStringList parts = label.split(QLatin1Char('\n'));
    if (lines >= parts.size())
        return label;
    if (lines <= 1)
        return parts.front();
    return parts.mid(0, parts.size() - 1).join(QLatin1Char(' ')) + QLatin1Char('\n') + parts.back();
}

QFont tickFont(const QFont& base) {
    QFont small = base;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    return small;
}
} // namespace

LatencyBreakdownChart::LatencyBreakdownChart(QWidget* parent)
    : ChartBase(tr("Where a request's time goes"), parent) {
    // Runs down the left axis, milliseconds along the bottom: horizontal bars.
    for (int p = 0; p < PartCount; ++p) {
        m_bars[p] = new QCPBars(yAxis, xAxis);
        m_bars[p]->setName(partName(static_cast<Part>(p)));
        m_bars[p]->setWidth(kBarWidth);
        m_bars[p]->setStackingGap(0);
        if (p > 0)
            m_bars[p]->moveAbove(m_bars[p - 1]);
    }
    xAxis->setLabel(tr("mean latency, ms"));
    xAxis->ticker()->setTickCount(4); // a narrow chart: fewer, rounder ticks
    // Two columns of four: eight names side by side do not fit a chart of this width.
    legend->setWrap(2);
    legend->setFillOrder(QCPLegend::foColumnsFirst); // after setWrap: rearranges the items added above
    placeLegendAbovePlot(0.85);
    applyPalette();
    rebuild();
}

QString LatencyBreakdownChart::partName(Part part) {
    switch (part) {
    case HostQueue:
        return tr("host queue");
    case HostSerialised:
        return tr("host, lock held");
    case AdmissionWait:
        return tr("admission");
    case Runtime:
        return tr("runtime, PCIe in");
    case StageQueue:
        return tr("core queue");
    case Compute:
        return tr("compute");
    case WeightStream:
        return tr("weight stream");
    case Transfer:
        return tr("transfers");
    default:
        return {};
    }
}

double LatencyBreakdownChart::partMs(const metrics::LatencyBreakdown& b, Part part) {
    const double parts[PartCount] = {b.hostQueue,  b.hostSerialised, b.admissionWait, b.runtime,
                                     b.stageQueue, b.compute,        b.weightStream,  b.transfer};
    return part >= 0 && part < PartCount ? parts[part] : 0;
}

void LatencyBreakdownChart::setRuns(const std::vector<sim::RunPtr>& runs, int selected) {
    m_runs = runs;
    m_selected = selected;
    m_labelLines = linesThatFit();
    rebuild();
}

void LatencyBreakdownChart::paletteChanged() {
    if (!m_bars[0])
        return;
    // Host parts in warm colours, device parts in cool ones, waits lighter than work.
    static const QColor light[PartCount] = {QColor(240, 190, 120), QColor(213, 94, 0),    QColor(230, 159, 0),
                                            QColor(204, 121, 167), QColor(150, 200, 235), QColor(0, 114, 178),
                                            QColor(0, 158, 115),   QColor(120, 120, 120)};
    static const QColor dark[PartCount] = {QColor(170, 120, 60),  QColor(240, 140, 60), QColor(240, 200, 60),
                                           QColor(230, 160, 200), QColor(70, 120, 160), QColor(86, 180, 233),
                                           QColor(60, 200, 150),  QColor(170, 170, 170)};
    for (int p = 0; p < PartCount; ++p) {
        m_bars[p]->setPen(Qt::NoPen);
        m_bars[p]->setBrush(isDark() ? dark[p] : light[p]);
    }
}

void LatencyBreakdownChart::rebuild() {
    const int n = static_cast<int>(m_runs.size());
    QVector<double> keys, values[PartCount];
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double widest = 0;
    for (int i = n - 1; i >= 0; --i) { // ascending keys
        const sim::Run* run = m_runs[static_cast<std::size_t>(i)].get();
        const double key = keyOf(i, n);
        QString label = run ? shortened(runAxisLabel(*run, i + 1), m_labelLines) : QString();
        if (i == m_selected)
            label = QStringLiteral("▶ ") + label;
        ticker->addTick(key, label);
        if (!run)
            continue;
        keys << key;
        for (int p = 0; p < PartCount; ++p)
            values[p] << partMs(run->summary.breakdownMs, static_cast<Part>(p));
        widest = std::max(widest, run->summary.breakdownMs.total());
    }
    for (int p = 0; p < PartCount; ++p)
        m_bars[p]->setData(keys, values[p], true);
    yAxis->setTicker(ticker);
    yAxis->setSubTicks(false);
    yAxis->setTickLength(0, 4);
    yAxis->grid()->setVisible(false);
    yAxis->setTickLabelFont(tickFont(font()));
    yAxis->setRange(0.4, n + 0.6);
    xAxis->setRange(0, widest > 0 ? widest * 1.05 : 1);
    // Profiles saved before the breakdown existed have none to show.
    setEmptyMessage(n == 0        ? tr("No runs yet")
                    : widest <= 0 ? tr("No breakdown saved\nwith these runs")
                                  : QString());
    queueReplot();
}

// Three-line labels overlap once five or six runs share a short chart: fewer lines then.
int LatencyBreakdownChart::linesThatFit() const {
    const int rows = std::max<int>(1, static_cast<int>(m_runs.size()));
    const int height = axisRect()->height();
    if (height <= 0)
        return 3; // not laid out yet
    const double pitch = static_cast<double>(height) / rows;
    const int lineHeight = std::max(1, QFontMetrics(tickFont(font())).lineSpacing());
    return std::clamp(static_cast<int>(pitch / lineHeight), 1, 3);
}

void LatencyBreakdownChart::resizeEvent(QResizeEvent* event) {
    ChartBase::resizeEvent(event);
    // The axis rect takes its new height at the next layout: lay out now to know it.
    plotLayout()->update(QCPLayoutElement::upLayout);
    if (const int lines = linesThatFit(); lines != m_labelLines) {
        m_labelLines = lines;
        rebuild();
    }
}

QString LatencyBreakdownChart::toolTipAt(const QPointF& pos) const {
    const int n = static_cast<int>(m_runs.size());
    if (n == 0 || !axisRect()->rect().contains(pos.toPoint()))
        return {};
    const double key = yAxis->pixelToCoord(pos.y());
    const int run = n - static_cast<int>(std::lround(key));
    if (run < 0 || run >= n || std::abs(key - std::round(key)) > kBarWidth / 2 || !m_runs[run])
        return {};
    const metrics::LatencyBreakdown& b = m_runs[static_cast<std::size_t>(run)]->summary.breakdownMs;
    const double total = b.total();
    const double ms = xAxis->pixelToCoord(pos.x());
    double start = 0;
    for (int p = 0; p < PartCount; ++p) {
        const double part = partMs(b, static_cast<Part>(p));
        if (part > 0 && ms >= start && ms <= start + part)
            return tr("Run #%1, %2: %3 ms (%4% of %5 ms)")
                .arg(run + 1)
                .arg(partName(static_cast<Part>(p)))
                .arg(part, 0, 'f', part < 1 ? 3 : 2)
                .arg(100.0 * part / total, 0, 'f', 1)
                .arg(total, 0, 'f', 2);
        start += part;
    }
    return {};
}

bool LatencyBreakdownChart::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return ChartBase::event(event);
}

} // namespace pipescope::widgets
