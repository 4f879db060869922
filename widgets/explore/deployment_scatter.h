#pragma once

#include "charts/chart_base.h"
#include "explore/explore_model.h"

#include <vector>

namespace pipescope::widgets {

// Every deployment of a sweep: p95 at the target load against cost per million inferences, both
// on log axes. Colour says the instance, the marker data parallel (disc) / pipeline (triangle) /
// GPU (square), the size the batch; hollow markers miss the latency target. The Pareto front is a
// dashed staircase, the cheapest and fastest deployments meeting the target are ringed and named,
// and the target itself is a horizontal line the user drags (slaDragged) to re-rank live.
class DeploymentScatter : public ChartBase {
    Q_OBJECT
public:
    explicit DeploymentScatter(QWidget* parent = nullptr);

    // Redraws from the model (which must outlive the chart's use of it); keeps the axis ranges
    // when `keepRanges` so a drag does not make the points jump.
    void setModel(const ExploreModel* model, bool keepRanges = false);
    void setSelectedEntry(int entry);
    int selectedEntry() const { return m_selected; }

    // The deployment whose marker is within a few pixels of `pos`, or -1.
    int entryAt(const QPoint& pos) const;
    // Pixel position of a deployment's marker (for tests), or (-1, -1) when it is not drawn.
    QPointF pixelOf(int entry) const;
    double slaPixelY() const;
    // Where the latency target's label is drawn, in pixels (empty without a target).
    QRectF slaLabelRect() const;

signals:
    void entryClicked(int entry);
    void entryActivated(int entry); // double-click: simulate it in full
    void slaDragged(double maxP95Ms);
    void slaDropped(double maxP95Ms);

protected:
    QString toolTipAtCoords(double key, double value) const override;
    void paletteChanged() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void rebuild(bool keepRanges);
    void addPointGraphs();
    void addLegendEntries(const QStringList& instances);
    void addFront();
    // `beside`: the name prefers the side of its point (the cheapest's), else below it.
    void addRecommendation(int entry, const QString& title, bool beside);
    void addSlaLine();
    void placeRecommendationLabels();
    void placeSlaLabel(const std::vector<QRectF>& names, const std::vector<QPointF>& markers);
    // The target's label's box with its anchor (in pixels) at `alignment` of it.
    QRectF slaLabelBox(const QPointF& anchor, Qt::Alignment alignment) const;
    QSizeF slaLabelSize() const; // its text's, in pixels
    // On the target's line (within a few pixels) or its label, inside the plot: what takes hold of it.
    bool overSla(const QPointF& pos) const;
    void fitRanges();
    QColor instanceColor(const QString& instance) const;

    const ExploreModel* m_model = nullptr;
    int m_selected = -1;
    bool m_draggingSla = false;
    QCPItemStraightLine* m_sla = nullptr;
    QCPItemText* m_slaLabel = nullptr;
    struct RecommendationLabel {
        QCPItemText* text;
        bool beside;
        QPointF at; // the point named, in plot coordinates (the text is placed in pixels)
    };
    std::vector<RecommendationLabel> m_recommendationLabels; // the cheapest's and fastest's names
};

} // namespace pipescope::widgets
