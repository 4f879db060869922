#pragma once

#include "chart_base.h"
#include "sim/run.h"

#include <vector>

namespace pipescope::widgets {

// Where a request's time goes, one stacked horizontal bar per run: the engine's latency breakdown
// (metrics::LatencyBreakdown, eight parts that add up to the run's mean latency), first run at the
// top, the selected run's label marked. Hovering a part shows its milliseconds and share.
class LatencyBreakdownChart : public ChartBase {
    Q_OBJECT
public:
    enum Part {
        HostQueue,
        HostSerialised,
        AdmissionWait,
        Runtime,
        StageQueue,
        Compute,
        WeightStream,
        Transfer,
        PartCount
    };

    explicit LatencyBreakdownChart(QWidget* parent = nullptr);

    void setRuns(const std::vector<sim::RunPtr>& runs, int selected);
    // What is drawn, for tests: one bar series per part, keyed by run number (1 = first run).
    QCPBars* bars(Part part) const { return m_bars[part]; }
    static QString partName(Part part);
    static double partMs(const metrics::LatencyBreakdown& breakdown, Part part);
    // The tooltip for a point in widget coordinates, empty when it is over no part.
    QString toolTipAt(const QPointF& pos) const;

    // Lines of each run's axis label (3: number, instance, deployment; fewer when the rows are
    // too close for them), for tests.
    int labelLines() const { return m_labelLines; }

protected:
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void paletteChanged() override;

private:
    void rebuild();
    int linesThatFit() const;

    std::vector<sim::RunPtr> m_runs;
    int m_selected = -1;
    int m_labelLines = 3;
    QCPBars* m_bars[PartCount] = {};
};

} // namespace pipescope::widgets
