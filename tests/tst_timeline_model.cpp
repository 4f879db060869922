// Timeline presentation model: lane kinds, groups and labels decoded once from the trace, the
// occupancy prefix sums per core and per chip, the folded-row density against the events, and
// the session holding one model per run and the one view range every view follows.
#include "session.h"
#include "timeline/lane_density.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_model.h"
#include "timeline/timeline_view.h"
#include "timeline_fixtures.h"

#include <QSignalSpy>
#include <QTest>

using namespace pipescope;
using namespace pipescope::widgets;

class TimelineModelTest : public QObject {
    Q_OBJECT
private slots:
    void kindsGroupsAndLabels();
    void everyHostWorkerHasItsOwnLane();
    void occupancyPerCoreAndPerChip();
    void densityMatchesEvents_data();
    void densityMatchesEvents();
    void sessionKeepsOneModelPerRun();
    void sessionRangeDrivesEveryView();
};

void TimelineModelTest::kindsGroupsAndLabels() {
    const auto model = TimelineModel::build(testing::make64CoreRun(10));
    QVERIFY(model);
    QCOMPARE(model->groups().size(), std::size_t(17)); // 16 chips, then the host
    QCOMPARE(model->lanes().size(), std::size_t(17 + 66));
    for (std::size_t g = 0; g < 16; ++g) {
        const auto& group = model->groups()[g];
        QCOMPARE(group.label, QStringLiteral("Chip %1").arg(g));
        QCOMPARE(group.kind, LaneKind::NeuronCore);
        QCOMPARE(group.count, 4);
        QCOMPARE(model->lanes()[std::size_t(group.header)].kind, LaneKind::ChipHeader);
        for (int i = group.first; i < group.first + group.count; ++i) {
            const auto& lane = model->lanes()[std::size_t(i)];
            QCOMPARE(lane.kind, LaneKind::NeuronCore);
            QCOMPARE(lane.chip, int(g));
            QCOMPARE(lane.colour, group.colour);
            QCOMPARE(model->laneOfTrace(lane.traceLane), i);
        }
    }
    QVERIFY(model->groups()[0].colour != model->groups()[1].colour);
    QCOMPARE(model->summaries().size(), model->trace().lanes.size());
    QCOMPARE(model->extent(), model->trace().endNs);
    QCOMPARE(model->laneOfTrace(-1), -1);
    QCOMPARE(model->laneOfTrace(1000), -1);
}

void TimelineModelTest::everyHostWorkerHasItsOwnLane() {
    const auto model = TimelineModel::build(testing::make64CoreRun(10));
    const auto& host = model->groups().back();
    QCOMPARE(host.label, QStringLiteral("Host"));
    QCOMPARE(host.kind, LaneKind::HostWorker);
    QCOMPARE(host.count, 2);
    QCOMPARE(model->lanes()[std::size_t(host.first)].label, QStringLiteral("host 0"));
    QCOMPARE(model->lanes()[std::size_t(host.first + 1)].label, QStringLiteral("host 1"));
    QCOMPARE(model->lanes()[std::size_t(host.first)].traceLane, 64);
    QCOMPARE(model->lanes()[std::size_t(host.first + 1)].traceLane, 65);
}

void TimelineModelTest::occupancyPerCoreAndPerChip() {
    const auto run = testing::make64CoreRun(50);
    const auto model = TimelineModel::build(run);
    const OccupancySeries& occ = model->occupancy();
    QCOMPARE(occ.coreRows.size(), std::size_t(64)); // host workers have no occupancy row
    QCOMPARE(occ.groupRows.size(), std::size_t(16));
    QCOMPARE(occ.coreRows[5].label, QStringLiteral("NC 5"));
    QCOMPARE(occ.groupRows[3].cores, 4);
    QVERIFY(occ.groupRows[3].label.startsWith(QStringLiteral("Chip 3")));
    // A chip's row is the mean of its cores' rows, over any range of bins.
    for (const auto& bins : {std::pair{0, 100}, std::pair{10, 11}, std::pair{37, 64}}) {
        double mean = 0;
        for (int c = 12; c < 16; ++c)
            mean += OccupancySeries::meanOf(occ.coreRows[std::size_t(c)].prefix, bins) / 4;
        QVERIFY(std::abs(OccupancySeries::meanOf(occ.groupRows[3].prefix, bins) - mean) < 1e-9);
    }
    QVERIFY(std::abs(OccupancySeries::meanOf(occ.coreRows[0].prefix, {0, 50}) - 0.6) < 0.02);
}

void TimelineModelTest::densityMatchesEvents_data() {
    QTest::addColumn<int>("columns");
    QTest::addColumn<qint64>("span");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("exact: few events per column") << 1000 << qint64(200'000) << 1e-3;
    QTest::newRow("from blocks: many events per column") << 50 << qint64(200'000) << 0.15;
}

void TimelineModelTest::densityMatchesEvents() {
    QFETCH(int, columns);
    QFETCH(qint64, span);
    QFETCH(double, tolerance);
    const auto model = TimelineModel::build(testing::make64CoreRun(200));
    const sim::Lane& lane = model->trace().lanes[7];
    const TimeMapping m{0, span, double(columns)};
    std::vector<float> density(std::size_t(columns), 0.0f);
    addLaneDensity(lane, model->summaries()[7], m, density);
    for (int c = 0; c < columns; ++c) {
        const qint64 t0 = m.toTime(c), t1 = m.toTime(c + 1);
        const double busy = double(busyBetween(lane, t0, t1)) / double(t1 - t0);
        QVERIFY2(
            std::abs(density[std::size_t(c)] - busy) <= tolerance,
            qPrintable(QStringLiteral("column %1: %2 vs %3").arg(c).arg(density[std::size_t(c)]).arg(busy)));
    }
}

void TimelineModelTest::sessionKeepsOneModelPerRun() {
    Session session;
    const auto a = testing::make64CoreRun(10);
    const auto b = testing::make64CoreRun(20);
    const auto prebuilt = TimelineModel::build(a);
    session.addRun(a, prebuilt);
    session.addRun(b); // built on a worker
    QCOMPARE(session.timelineModel(0), prebuilt);
    QVERIFY(session.timelineModel(1));
    QCOMPARE(session.timelineModel(1)->run(), b);
    QCOMPARE(session.selectedTimelineModel()->run(), b);
    // A model built for another run is not taken for this one.
    session.addRun(a, TimelineModel::build(b));
    QCOMPARE(session.timelineModel(2)->run(), a);
    QCOMPARE(session.takeRun(0), a);
    QCOMPARE(session.timelineModel(0)->run(), b);
    QVERIFY(!session.timelineModel(5));
    // An opened profile: models built by the opener are kept, the missing ones built here.
    session.reset({a, b}, 1, -1, {prebuilt});
    QCOMPARE(session.timelineModel(0), prebuilt);
    QCOMPARE(session.selectedTimelineModel()->run(), b);
}

void TimelineModelTest::sessionRangeDrivesEveryView() {
    Session session;
    TimelineView timeline;
    OccupancyView occupancy;
    timeline.resize(900, 300);
    occupancy.resize(900, 150);
    timeline.setViewRange(session.viewRange());
    occupancy.setViewRange(session.viewRange());
    const auto run = testing::make64CoreRun(100);
    session.addRun(run);
    timeline.setModel(session.selectedTimelineModel());
    occupancy.setModel(session.selectedTimelineModel());
    QSignalSpy spy(&session, &Session::viewRangeChanged);
    session.setViewRange(1000, 5000);
    QCOMPARE(timeline.visibleBegin(), 1000);
    QCOMPARE(occupancy.visibleEnd(), 5000);
    QTest::keyClick(&occupancy, Qt::Key_W); // zoom in from the occupancy strip
    QCOMPARE(session.viewEnd() - session.viewBegin(), timeline.visibleEnd() - timeline.visibleBegin());
    QVERIFY(session.viewEnd() - session.viewBegin() < 4000);
    QCOMPARE(spy.count(), 2); // once per change, no echo
}

QTEST_MAIN(TimelineModelTest)
#include "tst_timeline_model.moc"
