#pragma once

#include "chart_base.h"
#include "sim/run.h"

namespace pipescope::widgets {

// Completed inferences per second over the selected run's simulated time (the engine's
// Occupancy::throughputPerSec bins), with the run's measured mean as a dashed line.
class ThroughputChart : public ChartBase {
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget* parent = nullptr);

    void setRun(sim::RunPtr run);
    sim::RunPtr run() const { return m_run; }
    QCPGraph* series() const { return m_series; }

protected:
    void paletteChanged() override;
    QString toolTipAtCoords(double key, double value) const override;

private:
    void rebuild();

    sim::RunPtr m_run;
    QCPGraph* m_series = nullptr;
    QCPItemStraightLine* m_mean = nullptr;
    QCPItemText* m_meanLabel = nullptr;
};

} // namespace pipescope::widgets
