#include "explore/label_placement.h"

#include <algorithm>
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

QRectF lineLabelBox(const QRectF& plot, double lineY, const QSizeF& text, const LineLabelSpot& spot) {
    return labelBox(QPointF(plot.left() + plot.width() * spot.ratio, lineY), text,
                    LabelSide{spot.alignment, QMargins()});
}

LineLabelSpot placeLineLabel(const QRectF& plot, double lineY, const QSizeF& text,
                             const std::vector<QRectF>& names, const std::vector<QPointF>& markers) {
    constexpr double kMarkerRadius = 6;
    constexpr double kSlideStep = 12;
    std::vector<LineLabelSpot> spots = {{0.995, Qt::AlignRight | Qt::AlignBottom},
                                        {0.005, Qt::AlignLeft | Qt::AlignBottom},
                                        {0.995, Qt::AlignRight | Qt::AlignTop},
                                        {0.005, Qt::AlignLeft | Qt::AlignTop}};
    if (!(plot.width() > 0))
        return spots.front();
    for (const Qt::Alignment side : {Qt::AlignBottom, Qt::AlignTop})
        for (double right = plot.right() - 0.005 * plot.width() - kSlideStep;
             right - text.width() >= plot.left(); right -= kSlideStep)
            spots.push_back(LineLabelSpot{(right - plot.left()) / plot.width(), Qt::AlignRight | side});
    const LineLabelSpot* chosen = &spots.front();
    std::ptrdiff_t fewest = -1;
    for (const LineLabelSpot& spot : spots) {
        const QRectF box = lineLabelBox(plot, lineY, text, spot);
        if (!plot.contains(box) || std::any_of(names.begin(), names.end(),
                                               [&box](const QRectF& name) { return name.intersects(box); }))
            continue;
        const QRectF reach = box.adjusted(-kMarkerRadius, -kMarkerRadius, kMarkerRadius, kMarkerRadius);
        const std::ptrdiff_t covered = std::count_if(
            markers.begin(), markers.end(), [&reach](const QPointF& m) { return reach.contains(m); });
        if (fewest < 0 || covered < fewest) {
            fewest = covered;
            chosen = &spot;
            if (covered == 0)
                break; // an earlier spot is never displaced by a tie
        }
    }
    return *chosen;
}

} // namespace pipescope::widgets
