#pragma once

#include "chart_base.h"
#include "sim/run.h"

#include <vector>

namespace pipescope::widgets {

// Cost per million inferences of every run of the session, one bar each, the selected run's bar
// highlighted and the baseline's value drawn as a reference line. Error bars show each run's
// prediction interval (about 90%) when it has one.
class CostChart : public ChartBase {
    Q_OBJECT
public:
    explicit CostChart(QWidget* parent = nullptr);

    void setRuns(const std::vector<sim::RunPtr>& runs, int selected, int baseline);
    QCPBars* bars() const { return m_bars; }
    QCPErrorBars* errorBars() const { return m_errors; }

protected:
    void paletteChanged() override;
    QString toolTipAtCoords(double key, double value) const override;
    void categoryLayoutChanged() override;

private:
    void rebuild();

    std::vector<sim::RunPtr> m_runs;
    int m_selected = -1;
    int m_baseline = -1;
    QCPBars* m_bars = nullptr;        // every run
    QCPBars* m_selectedBar = nullptr; // drawn over the selected run's bar in the accent colour
    QCPErrorBars* m_errors = nullptr; // on m_bars, drawn over both bar series
    QCPItemStraightLine* m_baselineLine = nullptr;
    QList<QCPItemText*> m_values;
};

} // namespace pipescope::widgets
