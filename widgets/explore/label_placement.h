#pragma once

#include <QMargins>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <cstddef>
#include <vector>

namespace pipescope::widgets {

// Where a chart's name for a point can go around it: the alignment of the text box to the point
// and the padding that keeps it off the point's marker (and ring).
struct LabelSide {
    Qt::Alignment alignment;
    QMargins padding;
};

// The eight usual sides: beside (vertically centred), above and below (centred), the corners.
extern const LabelSide kLabelLeft, kLabelRight, kLabelBelow, kLabelAbove, kLabelAboveLeft, kLabelAboveRight,
    kLabelBelowLeft, kLabelBelowRight;

// The box a text of `text` size takes at `side` of the point `at`, padding included.
QRectF labelBox(const QPointF& at, const QSizeF& text, const LabelSide& side);

struct LabelRequest {
    QPointF at;                   // the point named, in pixels
    QSizeF text;                  // its text's size
    std::vector<LabelSide> sides; // in order of preference
};

// A side for each label (an index into its `sides`). Pure: no widget is needed to decide it.
// Over every combination of sides, the least bad by, in order: labels outside `plot`; labels
// overlapping each other; labels crossing an obstacle (a line the chart draws, another text);
// markers the labels cover (a label should not hide a deployment). Ties go to the combination
// earliest in the labels' orders of preference (the first label's first). At most a few labels:
// the combinations are counted, not searched.
std::vector<std::size_t> placeLabels(const QRectF& plot, const std::vector<LabelRequest>& labels,
                                     const std::vector<QRectF>& obstacles,
                                     const std::vector<QPointF>& markers);

// Where the label of a line across the plot goes (the latency target's): its anchor on the line,
// as a share of the plot's width, and its box's alignment to it (right or left end; above the line
// with AlignBottom, below it with AlignTop).
struct LineLabelSpot {
    double ratio = 0.995;
    Qt::Alignment alignment = Qt::AlignRight | Qt::AlignBottom;
};

// The box a label of `text` size takes at `spot` on the line at height `lineY`.
QRectF lineLabelBox(const QRectF& plot, double lineY, const QSizeF& text, const LineLabelSpot& spot);

// Above the line at the right end by preference, else above at the left, else below at the right,
// then the left: off the names (`names`; a spot that crosses one is never taken) and over the
// fewest `markers` (within 6 px), ties to that order. Failing a clear end, along the line every
// 12 px from right to left, above then below: the deployments crowd along the target, but
// seldom without a gap. When no spot is clear of the names and inside the plot, the first.
LineLabelSpot placeLineLabel(const QRectF& plot, double lineY, const QSizeF& text,
                             const std::vector<QRectF>& names, const std::vector<QPointF>& markers);

} // namespace pipescope::widgets
