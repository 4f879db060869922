#pragma once

#include "sim/run.h"
#include "timeline/time_range_widget.h"
#include "timeline/timeline_model.h"

#include <QColor>

#include <optional>
#include <vector>

namespace pipescope::widgets {

// Pipeline occupancy under the timeline, on the same time axis: a heat map of each core's busy
// fraction over time and a line of requests in flight. When the cores do not fit at a legible
// height (64 cores in a strip), each chip gets one row, the mean of its cores. Values are averaged
// over the bins under each pixel column from the model's prefix sums, so a repaint costs one
// lookup per column and row whatever the number of bins.
class OccupancyView : public TimeRangeWidget {
    Q_OBJECT
public:
    // What is drawn at a point: a heat map cell (row >= 0) or the in-flight line (row == -1).
    struct Sample {
        int row = -1;     // heat map row (index into rows()), -1 for in flight
        int firstBin = 0; // bins averaged for this pixel column: [firstBin, lastBin)
        int lastBin = 0;
        double value = 0; // busy fraction 0..1, or mean requests in flight
    };

    explicit OccupancyView(QWidget* parent = nullptr);

    void setModel(TimelineModelPtr model); // null: empty view with a hint
    const TimelineModelPtr& model() const { return m_model; }
    // Builds the model here, on the calling thread: for tests and one-off renders.
    void setRun(sim::RunPtr run);
    sim::RunPtr run() const { return m_model ? m_model->run() : nullptr; }
    // The heat map's rows at the current size: one per core, or one per chip when they do not fit.
    const std::vector<OccupancySeries::Row>& rows() const { return rowsFor(size()); }
    bool rowsPerGroup() const;
    // Every n-th heat map row is labelled at the current size (1: all of them).
    int labelStride() const { return layoutFor(size()).labelStride; }

    std::optional<Sample> sampleAt(QPoint pos) const;
    // Mean over the bins overlapping [t0, t1) (at least one bin); 0 outside the data.
    double busyBetween(int row, qint64 t0, qint64 t1) const;
    double inFlightBetween(qint64 t0, qint64 t1) const;
    // Where heat map row `row` is drawn, and the in-flight chart's area, at the current size.
    QRect rowRect(int row) const;
    QRect inFlightRect() const;
    double inFlightScale() const { return m_inFlightScale; } // value at the top of the chart
    // The in-flight chart's scale as drawn in the label column at the current size: its top and
    // bottom values at the chart's top and bottom, or one "0–N" line when the chart is shorter
    // than two lines of text (a small window), where the two would overlap.
    struct ScaleLabel {
        QRect rect;
        QString text;
        Qt::Alignment align;
    };
    std::vector<ScaleLabel> inFlightScaleLabels() const;

    void paintTo(QPainter& painter, QSize size);

    QSize sizeHint() const override { return {900, 200}; }
    QSize minimumSizeHint() const override { return {300, 80}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layout {
        int top = 0, rowHeight = 0, rows = 0;
        int labelStride = 1; // every n-th row is labelled
        QRect chart;
        int axisTop = 0;
    };
    static int heatMapHeight(QSize size);
    Layout layoutFor(QSize size) const;
    const std::vector<OccupancySeries::Row>& rowsFor(QSize size) const;
    std::pair<int, int> binsFor(qint64 t0, qint64 t1) const;
    void paintHeatMap(QPainter& p, const TimeMapping& m, const Layout& l, QSize size) const;
    void paintInFlight(QPainter& p, const TimeMapping& m, const Layout& l) const;
    void paintLabels(QPainter& p, const Layout& l, QSize size) const;
    std::vector<ScaleLabel> scaleLabelsFor(const Layout& l, const QFontMetrics& metrics) const;

    TimelineModelPtr m_model;
    double m_inFlightScale = 1;
};

} // namespace pipescope::widgets
