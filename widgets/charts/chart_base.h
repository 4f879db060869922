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

protected:
    void changeEvent(QEvent* event) override;
    void setEmptyMessage(const QString& text);
    // Restyles axes and grid from the palette, then lets the chart recolour its plottables.
    void applyPalette();
    virtual void paletteChanged() {}
    void queueReplot() { replot(QCustomPlot::rpQueuedReplot); }
    // Category ticks 1..n labelled with `labels` (one per run).
    static void setCategoryTicks(QCPAxis* axis, const QStringList& labels);

private:
    QCPTextElement* m_title = nullptr;
    QCPItemText* m_empty = nullptr;
};

} // namespace pipescope::widgets
