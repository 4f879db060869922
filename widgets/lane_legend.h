#pragma once

#include <QWidget>

namespace pipescope::widgets {

// One line under the timeline saying how its blocks read: solid for compute, pale and hatched
// for a core stalled on weights streaming from DRAM, a lower-half block for a transfer and a
// greyed block for host work. The colour is the stage's (or request's), so the swatches use one
// sample hue; the styles mirror TimelineView's painting and must follow it.
class LaneLegend : public QWidget {
    Q_OBJECT
public:
    enum class Entry { Compute, WeightStreaming, Transfer, Host };
    static constexpr int kEntryCount = 4;

    explicit LaneLegend(QWidget* parent = nullptr);

    static QString entryName(Entry entry);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    // Where an entry's swatch is drawn, for tests.
    QRect swatchRect(Entry entry) const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int entryWidth(Entry entry) const;
};

} // namespace pipescope::widgets
