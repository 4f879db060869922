#pragma once

#include "sim/run.h"
#include "timeline/time_range_widget.h"

#include <QColor>

#include <optional>
#include <vector>

namespace pipescope::widgets {

// Pipeline occupancy under the timeline, on the same time axis: a heat map of each core's busy
// fraction over time (one row per core of metrics::Occupancy) and a line of requests in flight.
// Values are averaged over the bins under each pixel column, from prefix sums, so a repaint costs
// one lookup per column and row whatever the number of bins.
class OccupancyView : public TimeRangeWidget {
    Q_OBJECT
public:
    // What is drawn at a point: a heat map cell (row >= 0) or the in-flight line (row == -1).
    struct Sample {
        int row = -1;     // heat map row (index into Occupancy::laneCores), -1 for in flight
        int core = -1;    // core id of the row (-1 = GPU or the in-flight line)
        int firstBin = 0; // bins averaged for this pixel column: [firstBin, lastBin)
        int lastBin = 0;
        double value = 0; // busy fraction 0..1, or mean requests in flight
    };

    explicit OccupancyView(QWidget* parent = nullptr);

    void setRun(sim::RunPtr run); // null: empty view with a hint
    sim::RunPtr run() const { return m_run; }

    std::optional<Sample> sampleAt(QPoint pos) const;
    // Mean over the bins overlapping [t0, t1) (at least one bin); 0 outside the data.
    double busyBetween(int row, qint64 t0, qint64 t1) const;
    double inFlightBetween(qint64 t0, qint64 t1) const;
    // Where heat map row `row` is drawn, and the in-flight chart's area, at the current size.
    QRect rowRect(int row) const;
    QRect inFlightRect() const;
    double inFlightScale() const { return m_inFlightScale; } // value at the top of the chart

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
        QRect chart;
        int axisTop = 0;
    };
    Layout layoutFor(QSize size) const;
    std::pair<int, int> binsFor(qint64 t0, qint64 t1) const;
    QString rowLabel(int row) const;

    sim::RunPtr m_run;
    std::vector<std::vector<double>> m_busyPrefix; // per row, bins + 1
    std::vector<double> m_inFlightPrefix;
    double m_inFlightScale = 1;
    std::vector<QString> m_labels;
};

} // namespace pipescope::widgets
