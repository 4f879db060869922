#pragma once

#include "calibrate/measurement_fit.h"
#include "charts/chart_base.h"

#include <vector>

namespace pipescope::widgets {

// Measured against simulated for each row of a measurement fit, on log-log axes: the fitted
// simulator's values, the held-out (leave-one-out) predictions and, faintly, the unfitted ones,
// with the y = x line and a +-10% band. A point on the line is a row the simulator gets right;
// held-out points far from it mean the fit does not generalise. Hovering a point names its row.
class ResidualChart : public ChartBase {
    Q_OBJECT
public:
    enum class Quantity { Throughput, P95Latency };

    explicit ResidualChart(QWidget* parent = nullptr);

    void setReport(const calibrate::MeasurementFitReport& report);
    void setQuantity(Quantity quantity);
    Quantity quantity() const { return m_quantity; }

    // Points plotted per series ("after fit", "held out", "before fit"), for tests.
    int pointCount(const QString& series) const;

protected:
    QString toolTipAtCoords(double key, double value) const override;
    void paletteChanged() override;

private:
    struct Point {
        double measured = 0, simulated = 0;
        QString label, series;
    };
    void rebuild();
    void addSeries(QCPGraph* graph, const QString& name,
                   double (*simulated)(const calibrate::RowFit&, Quantity));

    Quantity m_quantity = Quantity::Throughput;
    std::vector<calibrate::RowFit> m_rows;
    std::vector<Point> m_points;
    QCPGraph* m_before = nullptr;
    QCPGraph* m_after = nullptr;
    QCPGraph* m_heldOut = nullptr;
    QCPGraph* m_identity = nullptr;
    QCPGraph* m_bandLow = nullptr;
    QCPGraph* m_bandHigh = nullptr;
};

} // namespace pipescope::widgets
