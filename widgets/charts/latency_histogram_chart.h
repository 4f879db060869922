#pragma once

#include "chart_base.h"
#include "sim/run.h"
#include "timeline/timeline_model.h"

namespace pipescope::widgets {

// Latency of the selected run's measured requests (warm-up excluded): a histogram, its CDF on the
// right axis and the engine's p50 / p95 / p99 as vertical markers. The bins and the CDF are the
// timeline model's (TimelineModel::latencyBins), computed once with the run on a worker thread:
// selecting a run of millions of requests sorts nothing on the GUI thread.
class LatencyHistogramChart : public ChartBase {
    Q_OBJECT
public:
    explicit LatencyHistogramChart(QWidget* parent = nullptr);

    void setModel(TimelineModelPtr model); // null: "No run selected"
    const TimelineModelPtr& model() const { return m_model; }
    // Builds the run's model here, on the calling thread: for tests and one-off charts.
    void setRun(sim::RunPtr run);
    sim::RunPtr run() const { return m_model ? m_model->run() : nullptr; }

    // What is drawn, for tests: bin counts, CDF points and marker positions (ms).
    QCPBars* bars() const { return m_bars; }
    QCPGraph* cdf() const { return m_cdf; }
    QList<double> markerPositions() const;

protected:
    void paletteChanged() override;
    QString toolTipAtCoords(double key, double value) const override;

private:
    struct Marker {
        QCPItemStraightLine* line = nullptr;
        QCPItemText* label = nullptr;
        QString name; // "p95"
        QString text; // "p95 16.63", shortened to the name where it does not fit
    };
    void rebuild();
    void placeMarkerLabels();

    TimelineModelPtr m_model;
    QCPBars* m_bars = nullptr;
    QCPGraph* m_cdf = nullptr;
    Marker m_markers[3];
};

} // namespace pipescope::widgets
