#pragma once

#include "charts/chart_base.h"
#include "sweep/load_curve.h"

namespace pipescope::widgets {

// One deployment's latency-vs-load curve: p50, p95 and p99 against the offered load (inferences
// per second), the knee and the saturation throughput as vertical lines, the latency target as a
// horizontal one and the load each machine carries as a dotted line. Overloaded points (the
// deployment does not keep up) are hollow.
class LoadCurveChart : public ChartBase {
    Q_OBJECT
public:
    explicit LoadCurveChart(QWidget* parent = nullptr);

    // `curve` empty clears the chart. `operatingPerSecond` <= 0 draws no operating line.
    void setCurve(const QString& label, const sweep::LoadCurve& curve, double maxP95Ms,
                  double operatingPerSecond);
    void clear();

    QCPGraph* percentileGraph(int i) const { return i >= 0 && i < 3 ? m_percentiles[i] : nullptr; }
    bool hasKnee() const { return m_knee != nullptr; }
    bool hasSaturation() const { return m_saturation != nullptr; }

protected:
    QString toolTipAtCoords(double key, double value) const override;
    void paletteChanged() override;

private:
    void rebuild();
    void addPercentiles(double* yMin, double* yMax); // p50/p95/p99 lines and the overloaded points
    void setTitleText(const QString& text);
    QCPItemStraightLine* addVertical(double x, const QString& text, const QColor& color, Qt::PenStyle style,
                                     double labelY);

    QString m_label;
    sweep::LoadCurve m_curve;
    double m_maxP95Ms = 0;
    double m_operating = 0;
    QCPGraph* m_percentiles[3] = {nullptr, nullptr, nullptr};
    QCPItemStraightLine* m_knee = nullptr;
    QCPItemStraightLine* m_saturation = nullptr;
};

} // namespace pipescope::widgets
