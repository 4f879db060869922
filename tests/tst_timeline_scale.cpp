// The timeline at inf1.24xlarge scale (64 NeuronCores on 16 chips, two host workers): lanes keep
// a readable height and scroll, chips fold into a density row with a hover that counts the
// events it holds, the keyboard zooms, pans, scrolls and fits, and the occupancy strip switches
// to a row per chip. Hit-testing and model checks, not pixels.
#include "timeline/lane_density.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"
#include "timeline_fixtures.h"

#include <QApplication>
#include <QDir>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QWheelEvent>

using namespace pipescope;
using namespace pipescope::widgets;

namespace {

void wheel(QWidget* w, QPoint pos, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, delta), Qt::NoButton,
                  modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

// The middle of event `index` of trace lane `lane`, in widget coordinates.
QPoint pointOf(const TimelineView& view, int lane, std::size_t index) {
    const sim::Lane& l = view.run()->trace.lanes[std::size_t(lane)];
    const qint64 mid = l.start(index) + l.duration(index) / 2;
    return {view.labelWidth() + int(view.mapping().toX(mid)), view.laneRect(lane).center().y()};
}

} // namespace

class TimelineScaleTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void lanesStayReadableAndScroll();
    void wheelOverLabelsScrollsAndOverEventsZooms();
    void keyboardZoomsPansAndFits_data();
    void keyboardZoomsPansAndFits();
    void clickingAHeaderFoldsItsChip();
    void foldingEveryChipFitsWithoutScrolling();
    void foldedRowCountsItsEvents();
    void foldedRowShowsDensity();
    void occupancyStripHasARowPerChipWhenCoresDoNotFit();

private:
    std::unique_ptr<TimelineView> m_view;
};

void TimelineScaleTest::init() {
    m_view = std::make_unique<TimelineView>();
    m_view->resize(1200, 500);
    m_view->setRun(testing::make64CoreRun(200));
    m_view->setVisibleRange(0, 20'000);
}

void TimelineScaleTest::lanesStayReadableAndScroll() {
    TimelineView& view = *m_view;
    const TimelineLayout& layout = view.currentLayout();
    const int text = QFontMetrics(view.font()).height();
    for (const auto& row : layout.rows) {
        if (row.type == TimelineLayout::RowType::Lane)
            QVERIFY2(row.height >= text, qPrintable(QStringLiteral("%1 px lanes").arg(row.height)));
    }
    QVERIFY(layout.maxScroll() > 0);
    QVERIFY(view.laneRect(0).isValid());
    QVERIFY(!view.laneRect(63).isValid()); // below the fold until scrolled to
    QVERIFY(!view.hitTest({view.labelWidth() + 100, view.height() + 50}));

    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.verticalScroll(), layout.laneHeight);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.verticalScroll(), 0);
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.verticalScroll(), view.currentLayout().maxScroll());
    QVERIFY(view.laneRect(63).isValid());
    QVERIFY(!view.laneRect(0).isValid());
    const auto hit = view.hitTest(pointOf(view, 63, 3));
    QVERIFY(hit.has_value());
    QCOMPARE(hit->lane, 63);
    QCOMPARE(hit->index, std::size_t(3));
    // The host workers come last, one lane each.
    const auto host = view.hitTest(pointOf(view, 65, 2));
    QVERIFY(host.has_value());
    QCOMPARE(host->lane, 65);
}

void TimelineScaleTest::wheelOverLabelsScrollsAndOverEventsZooms() {
    TimelineView& view = *m_view;
    const qint64 span = view.visibleEnd() - view.visibleBegin();
    wheel(&view, {20, 200}, -120); // over the labels: scrolls down
    QVERIFY(view.verticalScroll() > 0);
    QCOMPARE(view.visibleEnd() - view.visibleBegin(), span);
    const int scroll = view.verticalScroll();
    wheel(&view, {600, 200}, -120, Qt::ShiftModifier); // Shift over the events: scrolls too
    QVERIFY(view.verticalScroll() > scroll);
    const int scrolled = view.verticalScroll();
    wheel(&view, {600, 200}, 120); // over the events: zooms in, lanes stay put
    QVERIFY(view.visibleEnd() - view.visibleBegin() < span);
    QCOMPARE(view.verticalScroll(), scrolled);
}

void TimelineScaleTest::keyboardZoomsPansAndFits_data() {
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("spanChange"); // -1 narrower, 0 same, 1 wider
    QTest::addColumn<int>("beginChange");
    QTest::newRow("W zooms in") << int(Qt::Key_W) << -1 << 1;
    QTest::newRow("S zooms out") << int(Qt::Key_S) << 1 << -1;
    QTest::newRow("A pans left") << int(Qt::Key_A) << 0 << -1;
    QTest::newRow("D pans right") << int(Qt::Key_D) << 0 << 1;
    QTest::newRow("Left pans left") << int(Qt::Key_Left) << 0 << -1;
    QTest::newRow("Right pans right") << int(Qt::Key_Right) << 0 << 1;
    QTest::newRow("F fits") << int(Qt::Key_F) << 1 << -1;
}

void TimelineScaleTest::keyboardZoomsPansAndFits() {
    QFETCH(int, key);
    QFETCH(int, spanChange);
    QFETCH(int, beginChange);
    TimelineView& view = *m_view;
    view.setVisibleRange(50'000, 80'000);
    const qint64 begin = view.visibleBegin();
    const qint64 span = view.visibleEnd() - begin;
    QTest::keyClick(&view, Qt::Key(key));
    const qint64 newSpan = view.visibleEnd() - view.visibleBegin();
    QCOMPARE(newSpan < span ? -1 : (newSpan > span ? 1 : 0), spanChange);
    const qint64 newBegin = view.visibleBegin();
    QCOMPARE(newBegin < begin ? -1 : (newBegin > begin ? 1 : 0), beginChange);
    if (key == Qt::Key_F)
        QCOMPARE(view.visibleEnd(), view.totalNs());
}

void TimelineScaleTest::clickingAHeaderFoldsItsChip() {
    TimelineView& view = *m_view;
    const QRect header = view.groupRect(1);
    QVERIFY(header.isValid());
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, header.center());
    QVERIFY(view.isGroupFolded(1));
    for (int lane = 4; lane < 8; ++lane)
        QVERIFY(!view.laneRect(lane).isValid());
    QVERIFY(view.laneRect(8).isValid());
    const QRect folded = view.groupRect(1);
    QCOMPARE(folded.height(), view.currentLayout().laneHeight);
    QCOMPARE(view.groupAt(folded.center()), 1);
    QVERIFY(!view.hitTest({view.labelWidth() + 50, folded.center().y()})); // no single event there
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, {20, folded.center().y()});
    QVERIFY(!view.isGroupFolded(1));
    QVERIFY(view.laneRect(5).isValid());
}

void TimelineScaleTest::foldingEveryChipFitsWithoutScrolling() {
    TimelineView& view = *m_view;
    QTest::keyClick(&view, Qt::Key_End);
    view.setAllFolded(true);
    const TimelineLayout& layout = view.currentLayout();
    QCOMPARE(layout.rows.size(), std::size_t(17));
    QCOMPARE(layout.maxScroll(), 0);
    QCOMPARE(view.verticalScroll(), 0);
    for (int g = 0; g < 17; ++g)
        QVERIFY(view.groupRect(g).isValid());
}

void TimelineScaleTest::foldedRowCountsItsEvents() {
    TimelineView& view = *m_view;
    view.setGroupFolded(2, true);
    view.setVisibleRange(0, 200'000); // ~190 ns per pixel: several events per column
    const QPoint pos(view.labelWidth() + 333, view.groupRect(2).center().y());
    const auto hit = view.foldedHitTest(pos);
    QVERIFY(hit.has_value());
    QCOMPARE(hit->group, 2);
    std::size_t expected = 0;
    for (int lane = 8; lane < 12; ++lane)
        expected += eventsOverlapping(view.run()->trace.lanes[std::size_t(lane)], hit->begin, hit->end);
    QVERIFY(expected > 0);
    QCOMPARE(hit->events, expected);
    const QString tip = view.toolTipAt(pos);
    QVERIFY2(tip.contains(QString::number(expected) + QStringLiteral(" events")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("Chip 2")));
    // A merged box in an unfolded lane says how many events it stands for.
    TimelineView dense;
    dense.resize(1200, 500);
    dense.setRun(testing::make64CoreRun(5000)); // ~5 events per pixel column when fitted
    const QString merged = dense.toolTipAt(pointOf(dense, 0, 2500));
    QVERIFY2(merged.contains(QStringLiteral("this pixel holds")), qPrintable(merged));
}

void TimelineScaleTest::foldedRowShowsDensity() {
    TimelineView& view = *m_view;
    view.setAllFolded(true);
    view.setVisibleRange(0, 10'000);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    view.paintTo(p, view.size());
    p.end();
    QVERIFY(view.cachedRectCount() > 0);
    // Chip 0's cores are all busy at 300 ns (each core k from k to k + 600): a full-height bar;
    // all idle at 800 ns: none. Checked through the tooltip's busy share.
    const int y = view.groupRect(0).center().y();
    const auto busy = view.foldedHitTest({view.labelWidth() + int(view.mapping().toX(300)), y});
    const auto idle = view.foldedHitTest({view.labelWidth() + int(view.mapping().toX(850)), y});
    QVERIFY(busy && idle);
    QVERIFY(busy->busy > 0.99);
    QCOMPARE(idle->busy, 0.0);
    // For a human to look at: chip 1 unfolded among folded chips.
    view.setGroupFolded(1, false);
    QPainter again(&image);
    view.paintTo(again, view.size());
    again.end();
    image.save(QDir::temp().filePath(QStringLiteral("pipescope-tst-timeline-64-folded.png")));
}

void TimelineScaleTest::occupancyStripHasARowPerChipWhenCoresDoNotFit() {
    OccupancyView strip;
    strip.resize(1200, 150);
    strip.setRun(testing::make64CoreRun(200));
    QVERIFY(strip.rowsPerGroup());
    QCOMPARE(strip.rows().size(), std::size_t(16));
    QVERIFY(strip.rowRect(0).height() >= 5);
    QVERIFY(strip.labelStride() <= 2); // at least every other chip is labelled
    QVERIFY(strip.rows()[3].label.startsWith(QStringLiteral("Chip 3")));
    strip.resize(1200, 1400);
    QVERIFY(!strip.rowsPerGroup());
    QCOMPARE(strip.rows().size(), std::size_t(64));
    QCOMPARE(strip.labelStride(), 1);
}

QTEST_MAIN(TimelineScaleTest)
#include "tst_timeline_scale.moc"
