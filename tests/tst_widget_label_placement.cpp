// Where the Explore scatter names its recommendations (widgets/explore/label_placement.h): inside
// the plot, clear of each other, off the latency target's line, over as few markers as can be.
#include "explore/label_placement.h"

#include <QTest>

using namespace pipescope::widgets;

namespace {

const QRectF kPlot(0, 0, 800, 500);
const QSizeF kText(180, 45); // three lines of a bold label, about

// The cheapest's order of sides (beside its point first).
std::vector<LabelSide> besideFirst() {
    return {kLabelLeft,      kLabelRight,      kLabelBelow,     kLabelAbove,
            kLabelAboveLeft, kLabelAboveRight, kLabelBelowLeft, kLabelBelowRight};
}

// The text part of a placed label (its box without the padding that keeps it off the point).
QRectF placedText(const LabelRequest& request, std::size_t side) {
    const LabelSide& s = request.sides[side];
    return labelBox(request.at, request.text, s).marginsRemoved(QMarginsF(s.padding));
}

} // namespace

class TestLabelPlacement : public QObject {
    Q_OBJECT
private slots:
    void nothingToPlace() { QVERIFY(placeLabels(kPlot, {}, {}, {}).empty()); }

    void firstSideWhenNothingIsInTheWay() {
        const std::vector<LabelRequest> labels{{QPointF(400, 250), kText, besideFirst()}};
        QCOMPARE(placeLabels(kPlot, labels, {}, {}), std::vector<std::size_t>{0});
    }

    // The cheapest deployment sits on the latency target's line: beside its point the name would
    // be crossed by the line, so it goes below (the next side in its order clear of the line).
    void offTheTargetLine() {
        const std::vector<LabelRequest> labels{{QPointF(400, 250), kText, besideFirst()}};
        const QRectF line(0, 248, 800, 4);
        const auto choice = placeLabels(kPlot, labels, {line}, {});
        QCOMPARE(choice.size(), std::size_t{1});
        QCOMPARE(choice[0], std::size_t{2}); // below
        QVERIFY(!placedText(labels[0], choice[0]).intersects(line));
    }

    // Inside the plot comes first: at the left edge the name goes right of its point.
    void insideThePlot() {
        const std::vector<LabelRequest> labels{{QPointF(30, 250), kText, besideFirst()}};
        const auto choice = placeLabels(kPlot, labels, {}, {});
        QCOMPARE(choice[0], std::size_t{1}); // right
        QVERIFY(kPlot.contains(labelBox(labels[0].at, kText, labels[0].sides[choice[0]])));
    }

    // ... even when the only sides inside cross the line: the line is drawn over, the name is not cut.
    void insideBeforeOffTheLine() {
        // At the left edge with the line through the point: only right (crossed) is inside.
        // A two-line name in a plot 40 px high: only beside its point does it fit the height.
        const std::vector<LabelRequest> labels{{QPointF(30, 20), QSizeF(180, 30), besideFirst()}};
        const QRectF line(0, 18, 800, 4);
        const auto choice = placeLabels(QRectF(0, 0, 800, 40), labels, {line}, {});
        QCOMPARE(choice[0], std::size_t{1}); // right, crossed, but whole
    }

    void clearOfEachOther() {
        // Two points close together: the second name cannot take its first side (below), which
        // would overlap the first's (left of its point, reaching under the second).
        const std::vector<LabelRequest> labels{
            {QPointF(400, 250), kText, besideFirst()},
            {QPointF(330, 240), kText, {kLabelBelow, kLabelAbove, kLabelRight, kLabelLeft}}};
        const auto choice = placeLabels(kPlot, labels, {}, {});
        QCOMPARE(choice.size(), std::size_t{2});
        const QRectF a = labelBox(labels[0].at, kText, labels[0].sides[choice[0]]);
        const QRectF b = labelBox(labels[1].at, kText, labels[1].sides[choice[1]]);
        QVERIFY(!a.intersects(b));
        QVERIFY(choice != (std::vector<std::size_t>{0, 0}));
    }

    // A name does not hide a deployment when another side is free.
    void overFewestMarkers() {
        const std::vector<LabelRequest> labels{{QPointF(400, 250), kText, besideFirst()}};
        const std::vector<QPointF> markers{QPointF(300, 250), QPointF(320, 245)}; // left of the point
        const auto choice = placeLabels(kPlot, labels, {}, markers);
        QCOMPARE(choice[0], std::size_t{1}); // right
        for (const QPointF& m : markers)
            QVERIFY(!placedText(labels[0], choice[0]).contains(m));
    }

    // The line matters more than markers: below covers one marker, above is clear of both.
    void lineBeforeMarkers() {
        const std::vector<LabelRequest> labels{{QPointF(400, 250), kText, besideFirst()}};
        const QRectF line(0, 248, 800, 4);
        const std::vector<QPointF> markers{QPointF(400, 280)}; // under the point
        const auto choice = placeLabels(kPlot, labels, {line}, markers);
        QCOMPARE(choice[0], std::size_t{3}); // above
    }

    // The latency target's label (placeLineLabel): at the line's right end, above it, when nothing
    // is in the way.
    void lineLabelAtTheRightEnd() {
        const QSizeF text(110, 16);
        const LineLabelSpot spot = placeLineLabel(kPlot, 200, text, {}, {});
        QCOMPARE(spot.alignment, Qt::AlignRight | Qt::AlignBottom);
        const QRectF box = lineLabelBox(kPlot, 200, text, spot);
        QVERIFY(box.right() > kPlot.right() - 0.01 * kPlot.width());
        QCOMPARE(box.bottom(), 200.0);
    }

    // Seen at 20,000/s on 537 deployments: the markers crowd along the target at both ends, and the
    // label sat on the cheapest's ring. It slides along the line to the gap between them.
    void lineLabelSlidesToAGap() {
        const QSizeF text(110, 16);
        const double y = 200;
        std::vector<QPointF> markers;
        for (double x = 5; x < 800; x += 10)
            if (x < 300 || x > 560) // a gap from 300 to 560 px
                for (const double dy : {-8.0, 8.0})
                    markers.emplace_back(x, y + dy);
        const LineLabelSpot spot = placeLineLabel(kPlot, y, text, {}, markers);
        const QRectF box = lineLabelBox(kPlot, y, text, spot);
        // The last markers before and after the gap are at 295 and 565 px: none within 6 px of it.
        QVERIFY2(box.left() > 295 + 6 && box.right() < 565 - 6,
                 qPrintable(QStringLiteral("label from %1 to %2 px").arg(box.left()).arg(box.right())));
        QCOMPARE(spot.alignment, Qt::AlignRight | Qt::AlignBottom); // above, the first side
    }

    // A name over the right end's spot: the label goes to the left end rather than under it, and
    // never onto a name even when that would cover fewer markers.
    void lineLabelKeepsOffNames() {
        const QSizeF text(110, 16);
        const std::vector<QRectF> names{QRectF(600, 150, 200, 60)};
        LineLabelSpot spot = placeLineLabel(kPlot, 200, text, names, {});
        QCOMPARE(spot.alignment, Qt::AlignLeft | Qt::AlignBottom);
        std::vector<QPointF> crowdedLeft;
        for (double x = 0; x < 600; x += 8)
            for (const double dy : {-8.0, 8.0})
                crowdedLeft.emplace_back(x, 200 + dy);
        spot = placeLineLabel(kPlot, 200, text, names, crowdedLeft);
        QVERIFY(!lineLabelBox(kPlot, 200, text, spot).intersects(names.front()));
    }

    // Nowhere clear of the names (a name across the whole line): the usual spot.
    void lineLabelStaysWhenNothingIsClear() {
        const QSizeF text(110, 16);
        const LineLabelSpot spot = placeLineLabel(kPlot, 200, text, {QRectF(0, 150, 800, 100)}, {});
        QCOMPARE(spot.ratio, LineLabelSpot{}.ratio);
        QCOMPARE(spot.alignment, LineLabelSpot{}.alignment);
    }
};

QTEST_GUILESS_MAIN(TestLabelPlacement)
#include "tst_widget_label_placement.moc"
