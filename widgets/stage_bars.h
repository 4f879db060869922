#pragma once

#include "compile/placement.h"
#include "model/model_graph.h"

#include <QWidget>

#include <vector>

namespace pipescope::widgets {

// One horizontal bar per pipeline stage: its length is the stage's share of the pipeline's time
// (the slowest stage sets the pace), its colour says whether the stage's weights fit in SRAM.
class StageBars : public QWidget {
    Q_OBJECT

public:
    struct Bar {
        int stage = 0;
        int core = 0;
        int ops = 0;
        double share = 0; // of the summed stage time, 0..1
        std::int64_t weightBytes = 0;
        std::int64_t streamedBytes = 0;
        bool fits = true;
    };

    explicit StageBars(QWidget* parent = nullptr);

    // Stage time is the compiler's computeNs; when a placement has none, FLOPs stand in.
    void setPlacement(const model::ModelGraph& graph, const compile::Placement* placement);
    const std::vector<Bar>& bars() const { return m_bars; }
    // The stage whose row contains `point`, or -1.
    int stageAt(const QPoint& point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override; // tooltips

private:
    QRect rowRect(int row) const;
    static constexpr int kRowHeight = 22;
    static constexpr int kLabelWidth = 150;

    std::vector<Bar> m_bars;
};

} // namespace pipescope::widgets
