#pragma once

#include "chart_base.h"
#include "sim/run.h"

#include <vector>

namespace pipescope::widgets {

// Every run's throughput, p95 latency and cost per 1M inferences relative to a reference run (the
// session's baseline, else the first run), as grouped bars on a logarithmic axis so that 2x and
// 0.5x are equally far from 1. Error bars show each run's prediction interval (about 90%) relative to
// the reference's value; runs without intervals (older profiles) have none.
class ComparisonChart : public ChartBase {
    Q_OBJECT
public:
    enum Metric { Throughput, P95, Cost, MetricCount };

    explicit ComparisonChart(QWidget* parent = nullptr);

    void setRuns(const std::vector<sim::RunPtr>& runs, int selected, int baseline);
    QCPBars* bars(Metric metric) const { return m_bars[metric]; }
    QCPErrorBars* errorBars(Metric metric) const { return m_errors[metric]; }
    // The ratio a bar shows: bars are stored relative to their base value of 1.
    static double ratioOf(const QCPBarsData& bar) { return bar.value + 1.0; }
    int referenceIndex() const { return m_reference; }

protected:
    void paletteChanged() override;
    QString toolTipAtCoords(double key, double value) const override;

private:
    void rebuild();

    std::vector<sim::RunPtr> m_runs;
    int m_selected = -1;
    int m_reference = -1;
    QCPBars* m_bars[MetricCount] = {};
    QCPErrorBars* m_errors[MetricCount] = {};
    QCPBarsGroup* m_group = nullptr;
    QCPItemStraightLine* m_one = nullptr;
    QCPItemRect* m_selection = nullptr; // shades the selected run's group
};

} // namespace pipescope::widgets
