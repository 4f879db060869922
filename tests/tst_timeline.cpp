// Timeline view: time/pixel arithmetic, axis ticks, hit-testing, clicks, fit and the shared range.
#include "sim/run.h"
#include "timeline/occupancy_view.h"
#include "timeline/time_mapping.h"
#include "timeline/timeline_view.h"
#include "timeline/view_range.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace pipescope;
using namespace pipescope::widgets;

namespace {

// Two chips of two cores running a 4-stage pipeline, plus a GPU lane: on core k, request r waits
// for weights [s, s+200), computes [s+200, s+800) and transfers [s+800, s+900), s = (r+k)*1000.
sim::RunPtr makeRun(int requests = 100) {
    auto run = std::make_shared<sim::Run>();
    for (int k = 0; k < 4; ++k) {
        sim::Lane lane;
        lane.core = k;
        lane.chip = k / 2;
        lane.label = QStringLiteral("nc%1").arg(k);
        for (int r = 0; r < requests; ++r) {
            const qint64 s = (r + k) * 1000;
            lane.append(s, 200, r, sim::EventKind::WeightWait, std::uint8_t(k));
            lane.append(s + 200, 600, r, sim::EventKind::Compute, std::uint8_t(k));
            lane.append(s + 800, 100, r, sim::EventKind::Transfer, std::uint8_t(k));
        }
        run->trace.lanes.push_back(std::move(lane));
    }
    sim::Lane gpu;
    gpu.core = -1;
    gpu.label = QStringLiteral("T4");
    for (int r = 0; r < requests; ++r)
        gpu.append(r * 1000 + 100, 500, 1000 + r, sim::EventKind::Kernel, 0);
    run->trace.lanes.push_back(std::move(gpu));
    run->trace.endNs = (requests + 3) * 1000;
    return run;
}

QPoint pointOf(const TimelineView& view, int lane, std::size_t index) {
    const sim::Lane& l = view.run()->trace.lanes[static_cast<std::size_t>(lane)];
    const qint64 mid = l.start(index) + l.duration(index) / 2;
    const QRect r = view.laneRect(lane);
    return {view.labelWidth() + static_cast<int>(view.mapping().toX(mid)), r.center().y()};
}

void wheel(QWidget* w, QPoint pos, int delta) {
    QWheelEvent e(QPointF(pos), QPointF(w->mapToGlobal(pos)), QPoint(), QPoint(0, delta), Qt::NoButton,
                  Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TimelineTest : public QObject {
    Q_OBJECT
private slots:
    void toX_data();
    void toX();
    void toTimeInvertsToX_data();
    void toTimeInvertsToX();
    void zoomKeepsTimeUnderCursor_data();
    void zoomKeepsTimeUnderCursor();
    void zoomClamps();
    void panClamps();
    void tickSteps_data();
    void tickSteps();
    void tickLabels_data();
    void tickLabels();
    void laneLayoutGroupsByChip();
    void hitTestFindsEvent_data();
    void hitTestFindsEvent();
    void hitTestMisses();
    void clickEmitsRequest();
    void fitSetsRangeToTrace();
    void setVisibleRangeClampsAndSignalsOnce();
    void sharedRangeKeepsViewsEqual();
    void denseLaneMergesWithoutGaps_data();
    void denseLaneMergesWithoutGaps();
    void paintsEmptyAndFull();
    void followsPaletteChange();
};

void TimelineTest::toX_data() {
    QTest::addColumn<qint64>("begin");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<double>("x");
    QTest::newRow("start") << qint64(0) << qint64(1000) << 100.0 << qint64(0) << 0.0;
    QTest::newRow("middle") << qint64(0) << qint64(1000) << 100.0 << qint64(500) << 50.0;
    QTest::newRow("end") << qint64(0) << qint64(1000) << 100.0 << qint64(1000) << 100.0;
    QTest::newRow("offset") << qint64(1000) << qint64(3000) << 400.0 << qint64(1500) << 100.0;
    QTest::newRow("left of range") << qint64(1000) << qint64(2000) << 100.0 << qint64(0) << -100.0;
    QTest::newRow("large times") << qint64(60'000'000'000) << qint64(60'000'001'000) << 1000.0
                                 << qint64(60'000'000'250) << 250.0;
    QTest::newRow("zero width") << qint64(0) << qint64(1000) << 0.0 << qint64(500) << 0.0;
    QTest::newRow("negative width") << qint64(0) << qint64(1000) << -5.0 << qint64(500) << 0.0;
    QTest::newRow("empty range") << qint64(500) << qint64(500) << 100.0 << qint64(700) << 0.0;
    QTest::newRow("reversed range") << qint64(900) << qint64(100) << 100.0 << qint64(500) << 0.0;
}

void TimelineTest::toX() {
    QFETCH(qint64, begin);
    QFETCH(qint64, end);
    QFETCH(double, width);
    QFETCH(qint64, t);
    QFETCH(double, x);
    const TimeMapping m{begin, end, width};
    QVERIFY2(std::abs(m.toX(t) - x) < 1e-6, qPrintable(QString::number(m.toX(t))));
}

void TimelineTest::toTimeInvertsToX_data() {
    QTest::addColumn<qint64>("begin");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("x");
    QTest::addColumn<qint64>("t");
    QTest::newRow("middle") << qint64(0) << qint64(1000) << 100.0 << 50.0 << qint64(500);
    QTest::newRow("fraction of a pixel") << qint64(0) << qint64(1000) << 100.0 << 12.34 << qint64(123);
    QTest::newRow("zoomed out") << qint64(0) << qint64(10'000'000'000) << 1920.0 << 960.0
                                << qint64(5'000'000'000);
    QTest::newRow("zero width gives begin") << qint64(40) << qint64(1000) << 0.0 << 50.0 << qint64(40);
    QTest::newRow("empty range gives begin") << qint64(40) << qint64(40) << 100.0 << 50.0 << qint64(40);
}

void TimelineTest::toTimeInvertsToX() {
    QFETCH(qint64, begin);
    QFETCH(qint64, end);
    QFETCH(double, width);
    QFETCH(double, x);
    QFETCH(qint64, t);
    const TimeMapping m{begin, end, width};
    QCOMPARE(m.toTime(x), t);
    if (m.isValid())
        QVERIFY(std::abs(m.toX(m.toTime(x)) - x) <= 0.5 * width / double(end - begin) + 1e-9);
}

void TimelineTest::zoomKeepsTimeUnderCursor_data() {
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at left third") << 300.0 << 2.0;
    QTest::newRow("in at centre, one notch") << 450.0 << 1.197;
    QTest::newRow("in deep") << 10.0 << 1000.0;
    QTest::newRow("out at right") << 800.0 << 0.5;
}

void TimelineTest::zoomKeepsTimeUnderCursor() {
    QFETCH(double, x);
    QFETCH(double, factor);
    const TimeMapping m{1'000'000, 2'000'000, 900.0};
    const qint64 total = 10'000'000;
    const TimeMapping z = m.zoomAround(x, factor, total);
    QVERIFY(std::abs(double(z.span()) - double(m.span()) / factor) <= 1.0);
    // The time under the cursor moves by less than a nanosecond per pixel of the new mapping.
    QVERIFY2(std::abs(z.toTime(x) - m.toTime(x)) <= std::max<qint64>(1, qint64(z.nsPerPixel())),
             qPrintable(QStringLiteral("%1 vs %2").arg(z.toTime(x)).arg(m.toTime(x))));
}

void TimelineTest::zoomClamps() {
    const TimeMapping m{0, 1000, 100.0};
    const TimeMapping in = m.zoomAround(50, 1e9, 5000);
    QCOMPARE(in.span(), kMinSpanNs);
    const TimeMapping out = m.zoomAround(90, 1e-6, 5000);
    QCOMPARE(out.begin, qint64(0));
    QCOMPARE(out.end, qint64(5000));
    // Zooming out near the start never goes below zero.
    const TimeMapping edge = TimeMapping{0, 1000, 100.0}.zoomAround(0, 0.5, 10'000);
    QCOMPARE(edge.begin, qint64(0));
    QCOMPARE(edge.span(), qint64(2000));
    // Degenerate mappings still zoom: a zero span is treated as the minimum.
    const TimeMapping fromEmpty = TimeMapping{0, 0, 0.0}.zoomAround(0, 0.1, 10'000);
    QCOMPARE(fromEmpty.span(), 10 * kMinSpanNs);
    // A bad factor changes nothing.
    const TimeMapping same = m.zoomAround(50, std::nan(""), 5000);
    QCOMPARE(same.begin, m.begin);
    QCOMPARE(same.end, m.end);
}

void TimelineTest::panClamps() {
    const TimeMapping m{1000, 2000, 100.0};
    const TimeMapping right = m.pan(10, 5000);
    QCOMPARE(right.begin, qint64(1100));
    QCOMPARE(right.end, qint64(2100));
    const TimeMapping left = m.pan(-1000, 5000);
    QCOMPARE(left.begin, qint64(0));
    QCOMPARE(left.end, qint64(1000));
    const TimeMapping past = m.pan(1000, 5000);
    QCOMPARE(past.end, qint64(5000));
    QCOMPARE(past.span(), qint64(1000));
}

void TimelineTest::tickSteps_data() {
    QTest::addColumn<qint64>("span");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("step");
    QTest::newRow("1 us over 900 px") << qint64(1000) << 900.0 << qint64(100);
    QTest::newRow("1 s over 1800 px") << qint64(1'000'000'000) << 1800.0 << qint64(50'000'000);
    QTest::newRow("tiny") << qint64(100) << 1920.0 << qint64(5);
    QTest::newRow("degenerate") << qint64(0) << 100.0 << qint64(1);
}

void TimelineTest::tickSteps() {
    QFETCH(qint64, span);
    QFETCH(double, width);
    QFETCH(qint64, step);
    QCOMPARE(niceTickStep(span, width), step);
}

void TimelineTest::tickLabels_data() {
    QTest::addColumn<qint64>("t");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("label");
    QTest::newRow("ns") << qint64(150) << qint64(50) << QStringLiteral("150 ns");
    QTest::newRow("us") << qint64(5000) << qint64(5000) << QString::fromUtf8("5 \u00b5s");
    QTest::newRow("fraction of us") << qint64(1200) << qint64(200) << QString::fromUtf8("1.2 \u00b5s");
    QTest::newRow("ms") << qint64(1'200'000) << qint64(200'000) << QStringLiteral("1.2 ms");
    QTest::newRow("s") << qint64(3'000'000'000) << qint64(1'000'000'000) << QStringLiteral("3 s");
    QTest::newRow("tenths of s") << qint64(2'500'000'000) << qint64(100'000'000) << QStringLiteral("2.5 s");
}

void TimelineTest::tickLabels() {
    QFETCH(qint64, t);
    QFETCH(qint64, step);
    QFETCH(QString, label);
    QCOMPARE(formatTickLabel(t, step), label);
}

void TimelineTest::laneLayoutGroupsByChip() {
    auto model = TimelineModel::build(makeRun(10));
    LayoutRequest request;
    request.top = 24;
    request.height = 400;
    const TimelineLayout layout = layoutLanes(*model, request);
    QCOMPARE(model->groups().size(), std::size_t(3)); // chip 0, chip 1, GPU
    QCOMPARE(model->groups()[0].label, QStringLiteral("Chip 0"));
    QCOMPARE(model->groups()[2].label, QStringLiteral("GPU"));
    QCOMPARE(layout.rows.size(), std::size_t(8)); // 3 headers + 5 lanes
    QCOMPARE(layout.rows.back().lane, 4);         // the GPU lane comes last
    // Rows stack without overlap below the axis.
    for (std::size_t i = 1; i < layout.rows.size(); ++i)
        QVERIFY(layout.rows[i].y >= layout.rows[i - 1].y + layout.rows[i - 1].height);
    const auto& chip1 = layout.rows[std::size_t(layout.rowOfLane[2] - 1)];
    QCOMPARE(chip1.type, TimelineLayout::RowType::Header);
    QCOMPARE(layout.laneAt(chip1.y + 1), -1);
}

void TimelineTest::hitTestFindsEvent_data() {
    QTest::addColumn<int>("lane");
    QTest::addColumn<int>("index");
    QTest::newRow("weight wait on nc0") << 0 << 0;
    QTest::newRow("compute on nc1") << 1 << 4;
    QTest::newRow("transfer on nc3") << 3 << 8;
    QTest::newRow("gpu kernel") << 4 << 2;
}

void TimelineTest::hitTestFindsEvent() {
    QFETCH(int, lane);
    QFETCH(int, index);
    TimelineView view;
    view.resize(1000, 400);
    view.setRun(makeRun());
    view.setVisibleRange(0, 8000);
    const auto hit = view.hitTest(pointOf(view, lane, std::size_t(index)));
    QVERIFY(hit.has_value());
    QCOMPARE(hit->lane, lane);
    QCOMPARE(hit->index, std::size_t(index));
}

void TimelineTest::hitTestMisses() {
    TimelineView view;
    view.resize(1000, 400);
    view.setRun(makeRun());
    view.setVisibleRange(0, 8000);
    const QRect gpu = view.laneRect(4);
    // The GPU lane is idle in [600, 1100): a point at 850 ns is far from any kernel.
    const int x = view.labelWidth() + int(view.mapping().toX(850));
    QVERIFY(!view.hitTest({x, gpu.center().y()}));
    QVERIFY(!view.hitTest({5, gpu.center().y()}));           // label column
    QVERIFY(!view.hitTest({x, 3}));                          // time axis
    QVERIFY(!view.hitTest({x, view.laneRect(2).top() - 4})); // chip 1 header
    TimelineView empty;
    empty.resize(400, 200);
    QVERIFY(!empty.hitTest({200, 100}));
}

void TimelineTest::clickEmitsRequest() {
    TimelineView view;
    view.resize(1000, 400);
    view.setRun(makeRun());
    view.setVisibleRange(0, 8000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &TimelineView::requestClicked);
    // Lane 2 (stage 2) index 7 belongs to request 2.
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, pointOf(view, 2, 7));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
    QCOMPARE(view.highlightedRequest(), 2);
    // A click on nothing clears the highlight and says so.
    const int x = view.labelWidth() + int(view.mapping().toX(850));
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, {x, view.laneRect(4).center().y()});
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), -1);
    QCOMPARE(view.highlightedRequest(), -1);
}

void TimelineTest::fitSetsRangeToTrace() {
    TimelineView view;
    view.resize(800, 300);
    auto run = makeRun();
    view.setRun(run);
    QCOMPARE(view.visibleBegin(), qint64(0));
    QCOMPARE(view.visibleEnd(), run->trace.endNs);
    view.setVisibleRange(1000, 2000);
    QCOMPARE(view.visibleEnd(), qint64(2000));
    QTest::keyClick(&view, Qt::Key_F);
    QCOMPARE(view.visibleBegin(), qint64(0));
    QCOMPARE(view.visibleEnd(), run->trace.endNs);
    view.setVisibleRange(1000, 2000);
    view.fitAll();
    QCOMPARE(view.visibleEnd(), run->trace.endNs);
}

void TimelineTest::setVisibleRangeClampsAndSignalsOnce() {
    TimelineView view;
    view.resize(800, 300);
    view.setRun(makeRun());
    QSignalSpy spy(&view, &TimelineView::visibleRangeChanged);
    view.setVisibleRange(-500, 1500);
    QCOMPARE(view.visibleBegin(), qint64(0));
    QCOMPARE(view.visibleEnd(), qint64(2000));
    view.setVisibleRange(-500, 1500); // same result: no second signal
    QCOMPARE(spy.count(), 1);
    view.setVisibleRange(10, 20); // narrower than the minimum span
    QCOMPARE(view.visibleEnd() - view.visibleBegin(), kMinSpanNs);
}

void TimelineTest::sharedRangeKeepsViewsEqual() {
    auto run = makeRun();
    ViewRange range;
    TimelineView timeline;
    OccupancyView occupancy;
    timeline.resize(900, 300);
    occupancy.resize(900, 150);
    timeline.setViewRange(&range);
    occupancy.setViewRange(&range);
    timeline.setRun(run);
    occupancy.setRun(run);
    QSignalSpy timelineSpy(&timeline, &TimelineView::visibleRangeChanged);
    QSignalSpy occupancySpy(&occupancy, &OccupancyView::visibleRangeChanged);

    wheel(&timeline, {400, 100}, 240);
    QVERIFY(timeline.visibleEnd() - timeline.visibleBegin() < run->trace.endNs);
    QCOMPARE(occupancy.visibleBegin(), timeline.visibleBegin());
    QCOMPARE(occupancy.visibleEnd(), timeline.visibleEnd());

    wheel(&occupancy, {700, 50}, 360);
    QCOMPARE(timeline.visibleBegin(), occupancy.visibleBegin());
    QCOMPARE(timeline.visibleEnd(), occupancy.visibleEnd());
    // One signal per view per gesture: no echo loop.
    QCOMPARE(timelineSpy.count(), 2);
    QCOMPARE(occupancySpy.count(), 2);

    QTest::keyClick(&occupancy, Qt::Key_F);
    QCOMPARE(timeline.visibleEnd(), run->trace.endNs);
    QCOMPARE(range.end(), run->trace.endNs);
}

void TimelineTest::denseLaneMergesWithoutGaps_data() {
    QTest::addColumn<int>("events");
    QTest::newRow("about 200 events per column") << 200'000;
    // Fewer events per column than a summary block holds: blocks straddle columns.
    QTest::newRow("about 40 events per column") << 40'000;
}

void TimelineTest::denseLaneMergesWithoutGaps() {
    // Contiguous 10 ns events with one 100 us event (stage 5) in the middle: at 1000 px the
    // merged boxes must cover every column, and the long event must keep its width.
    QFETCH(int, events);
    sim::Trace trace;
    sim::Lane lane;
    lane.core = 0;
    qint64 t = 0;
    for (int i = 0; i < events; ++i) {
        if (i == events / 2) {
            lane.append(t, 100'000, i, sim::EventKind::Compute, 5);
            t += 100'000;
        }
        lane.append(t, 10, i, sim::EventKind::Compute, 1);
        t += 10;
    }
    trace.lanes.push_back(std::move(lane));
    trace.endNs = t;
    auto run = std::make_shared<sim::Run>();
    run->trace = trace;
    const auto model = TimelineModel::build(run);
    LayoutRequest request;
    request.height = 100;
    const TimelineLayout layout = layoutLanes(*model, request);
    const std::vector<LaneSummary> summaries{LaneSummary::build(trace.lanes[0])};
    for (const bool useSummary : {false, true}) {
        GeometryInput in;
        in.trace = &trace;
        in.layout = &layout;
        in.mapping = TimeMapping{0, t, 1000.0};
        in.summaries = useSummary ? &summaries : nullptr;
        TimelineGeometry geometry;
        buildGeometry(in, geometry);
        std::vector<bool> covered(1000, false);
        int longest = 0;
        for (int b = 0; b < kBucketCount; ++b) {
            for (const QRect& r : geometry.buckets[std::size_t(b)]) {
                for (int x = std::max(r.left(), 0); x <= std::min(r.right(), 999); ++x)
                    covered[std::size_t(x)] = true;
                if (b == bucketOf(5, EventStyle::Solid, false))
                    longest = std::max(longest, r.width());
            }
        }
        QVERIFY2(std::all_of(covered.begin(), covered.end(), [](bool c) { return c; }),
                 useSummary ? "gap with the lane summary" : "gap without the lane summary");
        const double expected = 100'000.0 * 1000.0 / double(t); // the long event's width in px
        QVERIFY2(std::abs(longest - expected) <= 1.5,
                 qPrintable(QStringLiteral("%1 px, expected %2").arg(longest).arg(expected)));
        QVERIFY(geometry.rectCount() < 100); // merged: a handful of boxes, not 200k
    }
}

void TimelineTest::paintsEmptyAndFull() {
    // Not a pixel comparison: checks that painting works with and without a run, that a
    // highlight changes what is drawn, and leaves PNGs in the temp dir for a human to look at.
    TimelineView view;
    view.resize(900, 320);
    QImage empty(view.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&empty);
        view.paintTo(p, view.size());
    }
    view.setRun(makeRun(300));
    view.setVisibleRange(0, 30'000);
    QImage plain(view.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&plain);
        view.paintTo(p, view.size());
    }
    QVERIFY(plain != empty);
    QVERIFY(view.cachedRectCount() > 0);
    view.setHighlightedRequest(5);
    view.setColorMode(TimelineView::ColorMode::ByRequest);
    QImage highlighted(view.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&highlighted);
        view.paintTo(p, view.size());
    }
    QVERIFY(highlighted != plain);
    plain.save(QDir::temp().filePath(QStringLiteral("pipescope-tst-timeline.png")));
    highlighted.save(QDir::temp().filePath(QStringLiteral("pipescope-tst-timeline-highlight.png")));
}

void TimelineTest::followsPaletteChange() {
    TimelineView view;
    OccupancyView occupancy;
    view.resize(900, 320);
    occupancy.resize(900, 160);
    auto run = std::make_shared<sim::Run>(*makeRun(300));
    // A little occupancy so the dark rendering shows both views.
    run->occupancy.binNs = 1000;
    run->occupancy.bins = 303;
    run->occupancy.laneCores = {0, 1, 2, 3};
    for (int lane = 0; lane < 4; ++lane)
        for (int b = 0; b < 303; ++b)
            run->occupancy.busy.push_back(b >= lane && b < 300 + lane ? 0.9f : 0.0f);
    for (int b = 0; b < 303; ++b)
        run->occupancy.inFlight.push_back(b < 3 ? float(b + 1) : (b < 300 ? 4.0f : float(303 - b)));
    ViewRange range;
    view.setViewRange(&range);
    occupancy.setViewRange(&range);
    view.setRun(run);
    occupancy.setRun(run);
    view.setVisibleRange(0, 30'000);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(45, 45, 45));
    dark.setColor(QPalette::Window, QColor(50, 50, 50));
    dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Mid, QColor(90, 90, 90));
    dark.setColor(QPalette::Highlight, QColor(60, 140, 230));
    view.setPalette(dark);
    occupancy.setPalette(dark);
    QImage image(900, 480, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&image);
        view.paintTo(p, view.size());
        p.translate(0, 320);
        occupancy.paintTo(p, occupancy.size());
    }
    // Below the last lane the timeline shows its Base colour: the dark one, not a cached light one.
    QCOMPARE(image.pixelColor(890, 310), QColor(30, 30, 30));
    image.save(QDir::temp().filePath(QStringLiteral("pipescope-tst-timeline-dark.png")));
}

QTEST_MAIN(TimelineTest)
#include "tst_timeline.moc"
