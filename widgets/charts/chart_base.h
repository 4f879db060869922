#pragma once

#include <qcustomplot.h>

namespace pipescope::widgets {

// Shared look of the charts: a title, colours taken from the widget's palette (so light and dark
// palettes are both readable), a message when there is nothing to show, and queued replots.
class ChartBase : public QCustomPlot {
    Q_OBJECT
public:
    explicit ChartBase(const QString& title, QWidget* parent = nullptr);

    QString title() const;
    // Text shown in the middle of the plot when it has no data; empty hides it.
    QString emptyMessage() const;
    QSize minimumSizeHint() const override { return {220, 180}; }
    QSize sizeHint() const override { return {360, 260}; }

    // Series colour i of a qualitative set chosen for the current palette (light or dark).
    QColor seriesColor(int i) const;
    bool isDark() const;
    QColor textColor() const;

    // What hovering at `pos` (widget pixels) shows: the bar, bin or point under the pointer;
    // empty outside the plot or where there is nothing.
    QString toolTipAt(const QPoint& pos) const;
    // True when the category axis shows run numbers only ("#3"), because the full labels would
    // overlap at this width; the runs table and the tooltips give the rest.
    bool compactCategoryLabels() const { return m_compactLabels; }

protected:
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    // The tooltip for plot coordinates (key on xAxis, value on yAxis) inside the axis rect.
    virtual QString toolTipAtCoords(double key, double value) const;
    // Called after the category labels were laid out for a new width (compact or not).
    virtual void categoryLayoutChanged() {}
    void setEmptyMessage(const QString& text);
    // Restyles axes and grid from the palette, then lets the chart recolour its plottables.
    void applyPalette();
    virtual void paletteChanged() {}
    void queueReplot() { replot(QCustomPlot::rpQueuedReplot); }
    // Category ticks 1..n on xAxis labelled with `labels` (one per run, several lines each) where
    // they fit side by side; otherwise "#n" (rotated, and only every k-th, when even that is too
    // wide), so labels never overlap. Re-laid out on every resize.
    void setCategoryTicks(const QStringList& labels);
    // Shows the legend in a row of its own under the title, above the plot, so it never hides a
    // bar or point; small icons, its font scaled by `fontScale`. Set its wrap and fill order first.
    void placeLegendAbovePlot(double fontScale);
    // Pixels one category gets on xAxis at the current size.
    double categoryWidth() const;
    // The category (1-based run number) at plot key `key`, or 0 when there is none.
    int categoryAt(double key) const;

private:
    void layoutCategoryTicks();
    void fitTickCounts();

    QCPTextElement* m_title = nullptr;
    QCPItemText* m_empty = nullptr;
    QStringList m_categoryLabels;
    bool m_compactLabels = false;
};

} // namespace pipescope::widgets
