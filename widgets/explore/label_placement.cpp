#include "explore/label_placement.h"

#include <tuple>

namespace pipescope::widgets {

const LabelSide kLabelLeft{Qt::AlignRight | Qt::AlignVCenter, QMargins(4, 2, 18, 2)};
const LabelSide kLabelRight{Qt::AlignLeft | Qt::AlignVCenter, QMargins(18, 2, 4, 2)};
const LabelSide kLabelBelow{Qt::AlignHCenter | Qt::AlignTop, QMargins(4, 16, 4, 2)};
const LabelSide kLabelAbove{Qt::AlignHCenter | Qt::AlignBottom, QMargins(4, 2, 4, 16)};
const LabelSide kLabelAboveLeft{Qt::AlignRight | Qt::AlignBottom, QMargins(4, 2, 12, 12)};
const LabelSide kLabelAboveRight{Qt::AlignLeft | Qt::AlignBottom, QMargins(12, 2, 4, 12)};
const LabelSide kLabelBelowLeft{Qt::AlignRight | Qt::AlignTop, QMargins(4, 12, 12, 2)};
const LabelSide kLabelBelowRight{Qt::AlignLeft | Qt::AlignTop, QMargins(12, 12, 4, 2)};

QRectF labelBox(const QPointF& at, const QSizeF& text, const LabelSide& side) {
    const QSizeF box(text.width() + side.padding.left() + side.padding.right(),
                     text.height() + side.padding.top() + side.padding.bottom());
    double x = at.x() - box.width() / 2, y = at.y() - box.height() / 2;
    if (side.alignment & Qt::AlignRight)
        x = at.x() - box.width();
    else if (side.alignment & Qt::AlignLeft)
        x = at.x();
    if (side.alignment & Qt::AlignTop)
        y = at.y();
    else if (side.alignment & Qt::AlignBottom)
        y = at.y() - box.height();
    return QRectF(QPointF(x, y), box);
}

namespace {

// What is wrong with one placement of everything, worst first (compared lexicographically).
using Badness = std::tuple<int, int, int, int>; // outside, overlapping, crossing, covering

// The padding is the gap kept from the point: only the text itself hides anything.
QRectF textPart(const QRectF& box, const LabelSide& side) {
    return box.marginsRemoved(QMarginsF(side.padding));
}

} // namespace

std::vector<std::size_t> placeLabels(const QRectF& plot, const std::vector<LabelRequest>& labels,
                                     const std::vector<QRectF>& obstacles,
                                     const std::vector<QPointF>& markers) {
    const std::size_t n = labels.size();
    if (n == 0)
        return {};
    // Each side's box and what it costs on its own, computed once.
    struct Option {
        QRectF box, text;
        int outside = 0, crossing = 0, covering = 0;
    };
    std::vector<std::vector<Option>> options(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (const LabelSide& side : labels[i].sides) {
            Option o;
            o.box = labelBox(labels[i].at, labels[i].text, side);
            o.text = textPart(o.box, side);
            o.outside = plot.contains(o.box) ? 0 : 1;
            for (const QRectF& obstacle : obstacles)
                o.crossing += o.text.intersects(obstacle) ? 1 : 0;
            for (const QPointF& marker : markers)
                o.covering += o.text.contains(marker) ? 1 : 0;
            options[i].push_back(o);
        }
    }
    std::vector<std::size_t> choice(n, 0), best(n, 0);
    for (const auto& o : options)
        if (o.empty())
            return best; // a label without sides: nothing to choose
    Badness bestBadness{};
    bool first = true;
    // An odometer over the combinations, the first label's side the most significant digit, so
    // the first combination met among equals is the one preferred.
    for (;;) {
        Badness badness{};
        auto& [outside, overlapping, crossing, covering] = badness;
        for (std::size_t i = 0; i < n; ++i) {
            const Option& o = options[i][choice[i]];
            outside += o.outside;
            crossing += o.crossing;
            covering += o.covering;
            for (std::size_t j = 0; j < i; ++j)
                overlapping += options[j][choice[j]].box.intersects(o.box) ? 1 : 0;
        }
        if (first || badness < bestBadness) {
            bestBadness = badness;
            best = choice;
            first = false;
        }
        std::size_t digit = n;
        while (digit > 0) {
            --digit;
            if (++choice[digit] < options[digit].size())
                break;
            choice[digit] = 0;
            if (digit == 0)
                return best;
        }
    }
}

} // namespace pipescope::widgets
