#include "cost_chart.h"

#include "run_label.h"

#include <algorithm>

namespace pipescope::widgets {

CostChart::CostChart(QWidget* parent)
    : ChartBase(tr("Cost per 1M inferences"), parent) {
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setWidth(0.6);
    m_selectedBar = new QCPBars(xAxis, yAxis);
    m_selectedBar->setWidth(0.6);
    m_errors = new QCPErrorBars(xAxis, yAxis);
    m_errors->setDataPlottable(m_bars);
    m_errors->setWhiskerWidth(6);
    yAxis->setLabel(tr("USD"));
    m_baselineLine = new QCPItemStraightLine(this);
    applyPalette();
    rebuild();
}

void CostChart::setRuns(const std::vector<sim::RunPtr>& runs, int selected, int baseline) {
    m_runs = runs;
    m_selected = selected;
    m_baseline = baseline;
    rebuild();
}

void CostChart::paletteChanged() {
    if (!m_bars)
        return;
    const QColor text = textColor();
    QColor base = text;
    base.setAlpha(isDark() ? 110 : 90);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(base);
    m_selectedBar->setPen(Qt::NoPen);
    m_selectedBar->setBrush(seriesColor(0));
    m_baselineLine->setPen(QPen(seriesColor(1), 1.5, Qt::DashLine));
    m_errors->setPen(QPen(text, 1));
    for (QCPItemText* value : m_values)
        value->setColor(text);
}

QString CostChart::toolTipAtCoords(double key, double) const {
    const int category = categoryAt(key);
    if (category == 0 || !m_runs[category - 1])
        return {};
    const sim::Run& run = *m_runs[category - 1];
    QString text = tr("#%1 %2\n$%3 per million inferences")
                       .arg(category)
                       .arg(runDescription(run))
                       .arg(run.summary.costPerMillionUsd, 0, 'f', 4);
    const auto* base =
        m_baseline >= 0 && m_baseline < static_cast<int>(m_runs.size()) ? m_runs[m_baseline].get() : nullptr;
    if (base && base->summary.costPerMillionUsd > 0)
        text += tr(" (%1× the baseline, run #%2)")
                    .arg(run.summary.costPerMillionUsd / base->summary.costPerMillionUsd, 0, 'f', 2)
                    .arg(m_baseline + 1);
    return text;
}

void CostChart::categoryLayoutChanged() {
    // "$0.17" over every bar only where each bar has room for it; the tooltip always has it.
    const QFontMetrics metrics(font());
    const bool room = categoryWidth() > metrics.horizontalAdvance(QStringLiteral("$00.00")) + 4;
    for (QCPItemText* value : m_values)
        value->setVisible(room);
}

void CostChart::rebuild() {
    for (QCPItemText* value : m_values)
        removeItem(value);
    m_values.clear();
    QVector<double> keys, costs, selKeys, selCosts, errorMinus, errorPlus;
    double top = 0;
    QStringList labels;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const double key = static_cast<double>(i + 1);
        const double cost = m_runs[i] ? m_runs[i]->summary.costPerMillionUsd : 0;
        keys << key;
        costs << cost;
        const metrics::Interval interval =
            m_runs[i] ? m_runs[i]->summary.costIntervalUsd : metrics::Interval{};
        errorMinus << (interval.known() ? cost - interval.low : qQNaN());
        errorPlus << (interval.known() ? interval.high - cost : qQNaN());
        const double valueTop = interval.known() ? std::max(cost, interval.high) : cost;
        top = std::max(top, valueTop);
        labels << (m_runs[i] ? runAxisLabel(*m_runs[i], static_cast<int>(i) + 1) : QString());
        if (static_cast<int>(i) == m_selected) {
            selKeys << key;
            selCosts << cost;
        }
        auto* value = new QCPItemText(this);
        value->position->setCoords(key, valueTop); // above the whisker, which would cross the text
        value->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        value->setText(QStringLiteral("$%1").arg(cost, 0, 'f', cost < 10 ? 2 : 1));
        value->setClipToAxisRect(false);
        m_values << value;
    }
    m_bars->setData(keys, costs, true);
    m_selectedBar->setData(selKeys, selCosts, true);
    m_errors->setData(errorMinus, errorPlus);
    setCategoryTicks(labels);
    const auto* base =
        m_baseline >= 0 && m_baseline < static_cast<int>(m_runs.size()) ? m_runs[m_baseline].get() : nullptr;
    m_baselineLine->setVisible(base != nullptr);
    if (base) {
        m_baselineLine->point1->setCoords(0, base->summary.costPerMillionUsd);
        m_baselineLine->point2->setCoords(1, base->summary.costPerMillionUsd);
    }
    yAxis->setRange(0, top > 0 ? top * 1.2 : 1);
    setEmptyMessage(m_runs.empty() ? tr("No runs yet") : QString());
    categoryLayoutChanged();
    paletteChanged();
    queueReplot();
}

} // namespace pipescope::widgets
