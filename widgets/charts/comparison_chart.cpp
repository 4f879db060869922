#include "comparison_chart.h"

#include "run_label.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {
namespace {
constexpr double kBase = 1.0;

const metrics::Interval& intervalOf(const metrics::RunSummary& s, int metric) {
    return metric == ComparisonChart::Throughput ? s.throughputInterval
           : metric == ComparisonChart::P95      ? s.latencyP95IntervalMs
                                                 : s.costIntervalUsd;
}
} // namespace

ComparisonChart::ComparisonChart(QWidget* parent)
    : ChartBase(tr("Runs compared"), parent) {
    m_group = new QCPBarsGroup(this);
    m_group->setSpacing(1);
    const QString names[MetricCount] = {tr("throughput"), tr("p95"), tr("cost")};
    for (int m = 0; m < MetricCount; ++m) {
        m_bars[m] = new QCPBars(xAxis, yAxis);
        m_bars[m]->setName(names[m]);
        m_bars[m]->setWidth(0.25);
        m_bars[m]->setBaseValue(kBase); // bars grow up or down from "same as the reference"
        m_bars[m]->setBarsGroup(m_group);
        // Error bars place themselves on the bar's drawn top (base value and group offset included).
        m_errors[m] = new QCPErrorBars(xAxis, yAxis);
        m_errors[m]->setDataPlottable(m_bars[m]);
        m_errors[m]->removeFromLegend();
        m_errors[m]->setWhiskerWidth(5);
    }
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_one = new QCPItemStraightLine(this);
    m_one->point1->setCoords(0, 1);
    m_one->point2->setCoords(1, 1);
    m_selection = new QCPItemRect(this);
    m_selection->setLayer(QStringLiteral("background"));
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    placeLegendAbovePlot(0.9);
    applyPalette();
    rebuild();
}

void ComparisonChart::setRuns(const std::vector<sim::RunPtr>& runs, int selected, int baseline) {
    m_runs = runs;
    m_selected = selected;
    m_reference =
        baseline >= 0 && baseline < static_cast<int>(runs.size()) ? baseline : (runs.empty() ? -1 : 0);
    rebuild();
}

void ComparisonChart::paletteChanged() {
    if (!m_bars[0])
        return;
    for (int m = 0; m < MetricCount; ++m) {
        m_bars[m]->setPen(Qt::NoPen);
        m_bars[m]->setBrush(seriesColor(m == Throughput ? 0 : m == P95 ? 1 : 2));
        m_errors[m]->setPen(QPen(textColor(), 1));
    }
    m_one->setPen(QPen(textColor(), 1));
    QColor shade = palette().color(QPalette::Highlight);
    shade.setAlpha(45);
    m_selection->setPen(Qt::NoPen);
    m_selection->setBrush(shade);
}

QString ComparisonChart::toolTipAtCoords(double key, double) const {
    const int category = categoryAt(key);
    if (category == 0 || !m_runs[category - 1] || m_reference < 0)
        return {};
    const sim::Run& run = *m_runs[category - 1];
    const auto& s = run.summary;
    const auto& r = m_runs[m_reference]->summary;
    const auto ratio = [](double value, double reference) {
        return reference > 0 ? QStringLiteral("%1×").arg(value / reference, 0, 'f', 2) : QStringLiteral("—");
    };
    return tr("#%1 %2\nthroughput %3/s (%4)\np95 %5 ms (%6)\ncost $%7 per million (%8)\nrelative to run #%9")
        .arg(category)
        .arg(runDescription(run))
        .arg(s.throughputPerSecond, 0, 'f', 1)
        .arg(ratio(s.throughputPerSecond, r.throughputPerSecond))
        .arg(s.latencyMs.p95, 0, 'f', 2)
        .arg(ratio(s.latencyMs.p95, r.latencyMs.p95))
        .arg(s.costPerMillionUsd, 0, 'f', 3)
        .arg(ratio(s.costPerMillionUsd, r.costPerMillionUsd))
        .arg(m_reference + 1);
}

void ComparisonChart::rebuild() {
    QVector<double> keys, values[MetricCount], errorMinus[MetricCount], errorPlus[MetricCount];
    QStringList labels;
    const sim::Run* ref = m_reference >= 0 ? m_runs[m_reference].get() : nullptr;
    double lo = 1, hi = 1;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const sim::Run* run = m_runs[i].get();
        labels << (run ? runAxisLabel(*run, static_cast<int>(i) + 1) : QString());
        if (!run || !ref)
            continue;
        const auto& s = run->summary;
        const auto& r = ref->summary;
        const double refValues[MetricCount] = {r.throughputPerSecond, r.latencyMs.p95, r.costPerMillionUsd};
        const double runValues[MetricCount] = {s.throughputPerSecond, s.latencyMs.p95, s.costPerMillionUsd};
        keys << static_cast<double>(i + 1);
        for (int m = 0; m < MetricCount; ++m) {
            // A zero cannot sit on a log axis; it means the reference has no value either.
            const double ratio = refValues[m] > 0 ? runValues[m] / refValues[m] : 0;
            const double v = ratio > 0 ? ratio : 1;
            values[m] << v - kBase; // QCPBars draws from its base value to base + value
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            // The run's interval over the reference's simulated value (the reference's own
            // uncertainty is not folded in: the bars compare predictions, the whiskers show one).
            const metrics::Interval& interval = intervalOf(s, m);
            const bool shown = interval.known() && ratio > 0 && interval.low > 0;
            errorMinus[m] << (shown ? v - interval.low / refValues[m] : qQNaN());
            errorPlus[m] << (shown ? interval.high / refValues[m] - v : qQNaN());
            if (shown) {
                lo = std::min(lo, interval.low / refValues[m]);
                hi = std::max(hi, interval.high / refValues[m]);
            }
        }
    }
    for (int m = 0; m < MetricCount; ++m) {
        m_bars[m]->setData(keys, values[m], true);
        m_errors[m]->setData(errorMinus[m], errorPlus[m]);
    }
    setCategoryTicks(labels);
    yAxis->setRange(lo / 1.6, hi * 1.6);
    // Ratio ticks at powers of two ("0.5×", "1×", "2×"): a log ticker labels only decades.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int e = static_cast<int>(std::floor(std::log2(lo / 1.6))); e <= std::ceil(std::log2(hi * 1.6));
         ++e) {
        const double v = std::ldexp(1.0, e);
        ticker->addTick(v, QString::number(v, 'g', 3) + QStringLiteral("×"));
    }
    ticker->setSubTickCount(0);
    yAxis->setTicker(ticker);
    yAxis->setLabel(ref ? tr("relative to run #%1").arg(m_reference + 1) : QString());
    m_selection->setVisible(m_selected >= 0 && m_selected < static_cast<int>(m_runs.size()));
    m_selection->topLeft->setCoords(m_selected + 1 - 0.45, yAxis->range().upper);
    m_selection->bottomRight->setCoords(m_selected + 1 + 0.45, yAxis->range().lower);
    setEmptyMessage(m_runs.empty() ? tr("No runs yet") : QString());
    queueReplot();
}

} // namespace pipescope::widgets
