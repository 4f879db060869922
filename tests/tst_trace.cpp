// The trace's packed event (sim::TraceEvent, 16 bytes) and the lane that holds them: every field
// survives the packing over the ranges the simulator produces, what does not fit is split
// (durations) or refused loudly (times past 78 hours), and the simulator fails such a run.
#include "sim/trace.h"

#include "simulate_or_die.h"

#include <QTest>

#include <limits>

using namespace pipescope;

namespace {
// QTest data columns are qint64 (long long), std::int64_t is long: name the limits in qint64.
constexpr qint64 kMaxStart = sim::TraceEvent::kMaxStartNs;
constexpr qint64 kMaxDuration = sim::TraceEvent::kMaxDurationNs;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kHour = 3600 * kSecond;
} // namespace

class TestTrace : public QObject {
    Q_OBJECT
private slots:
    void sixteenBytesPerEvent();
    void fieldsSurviveThePacking_data();
    void fieldsSurviveThePacking();
    void longEventIsSplitLosslessly();
    void outOfRangeIsRefused_data();
    void outOfRangeIsRefused();
    void searchesFollowStarts();
    void simulatorRefusesARunPastTheRange();
    void pipelinesOfMoreStagesThanAByteAreRefused();
    void largeLanesLieOnHugePages();
};

void TestTrace::sixteenBytesPerEvent() {
    QCOMPARE(sizeof(sim::TraceEvent), std::size_t(16));
    QCOMPARE(sim::kBytesPerEvent, std::size_t(16));
    // 78 hours of simulated ns, and 4.29 s per event.
    QVERIFY(sim::TraceEvent::kMaxStartNs >= 78 * kHour);
    QCOMPARE(sim::TraceEvent::kMaxDurationNs, std::int64_t(std::numeric_limits<std::uint32_t>::max()));
}

void TestTrace::fieldsSurviveThePacking_data() {
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<int>("request");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("stage");
    QTest::newRow("zero") << qint64(0) << qint64(0) << 0 << 0 << 0;
    QTest::newRow("typical") << qint64(123'456'789) << qint64(4'321) << 17 << 2 << 5;
    // Stage 63 of a 64-core pipeline, the last kind, millions of requests.
    QTest::newRow("64 cores, millions of requests")
        << qint64(3 * kHour + 1) << qint64(999'999) << 9'999'999 << int(sim::EventKind::Host) << 63;
    QTest::newRow("largest of each") << kMaxStart - kMaxDuration << kMaxDuration
                                     << std::numeric_limits<int>::max() << 255 << 255;
    QTest::newRow("request -1") << qint64(5) << qint64(1) << -1 << 1 << 0;
}

void TestTrace::fieldsSurviveThePacking() {
    QFETCH(qint64, start);
    QFETCH(qint64, duration);
    QFETCH(int, request);
    QFETCH(int, kind);
    QFETCH(int, stage);
    sim::Lane lane;
    QVERIFY(lane.append(start, duration, request, static_cast<std::uint8_t>(kind),
                        static_cast<std::uint8_t>(stage)));
    QCOMPARE(lane.size(), std::size_t(1));
    QCOMPARE(lane.start(0), start);
    QCOMPARE(lane.duration(0), duration);
    QCOMPARE(lane.end(0), start + duration);
    QCOMPARE(lane.request(0), request);
    QCOMPARE(int(lane.kind(0)), kind);
    QCOMPARE(int(lane.stage(0)), stage);
    QCOMPARE(lane.refusedEvents(), 0);
}

// A 10 s compute (a huge batch on a small device) does not fit 32 bits of ns: it is kept as
// back-to-back pieces with the same request, kind and stage, so busy time is unchanged.
void TestTrace::longEventIsSplitLosslessly() {
    sim::Lane lane;
    const std::int64_t start = 2 * kSecond;
    const std::int64_t duration = 10 * kSecond + 7;
    QVERIFY(lane.append(start, duration, 42, sim::EventKind::Compute, 3));
    QVERIFY(lane.append(start + duration, 5, 43, sim::EventKind::Transfer, 3));
    QCOMPARE(lane.size(), std::size_t(4)); // 4.29 + 4.29 + 1.41 s, then the transfer
    std::int64_t busy = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(lane.start(i), start + busy);
        QCOMPARE(lane.request(i), 42);
        QCOMPARE(lane.kind(i), std::uint8_t(sim::EventKind::Compute));
        QCOMPARE(lane.stage(i), std::uint8_t(3));
        busy += lane.duration(i);
    }
    QCOMPARE(busy, duration);
    QCOMPARE(lane.start(3), start + duration);
    QCOMPARE(lane.refusedEvents(), 0);
}

void TestTrace::outOfRangeIsRefused_data() {
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("duration");
    QTest::newRow("negative start") << qint64(-1) << qint64(10);
    QTest::newRow("negative duration") << qint64(10) << qint64(-1);
    QTest::newRow("starts after 78 hours") << kMaxStart + 1 << qint64(0);
    QTest::newRow("ends after 78 hours") << kMaxStart - 5 << qint64(6);
    QTest::newRow("int64 overflow") << std::numeric_limits<qint64>::max()
                                    << std::numeric_limits<qint64>::max();
}

void TestTrace::outOfRangeIsRefused() {
    QFETCH(qint64, start);
    QFETCH(qint64, duration);
    sim::Trace trace;
    trace.lanes.resize(2);
    QVERIFY(trace.lanes[1].append(0, 10, 0, sim::EventKind::Compute, 0));
    QVERIFY(!trace.lanes[1].append(start, duration, 1, sim::EventKind::Compute, 0));
    QCOMPARE(trace.lanes[1].size(), std::size_t(1)); // nothing wrapped around into a small time
    QCOMPARE(trace.lanes[1].refusedEvents(), 1);
    QCOMPARE(trace.refusedEvents(), 1);
}

void TestTrace::searchesFollowStarts() {
    sim::Lane lane;
    for (int i = 0; i < 100; ++i)
        QVERIFY(lane.append(i * 100, 50, i, sim::EventKind::Compute, 0));
    QCOMPARE(lane.firstEndingAfter(0), std::size_t(0));
    QCOMPARE(lane.firstEndingAfter(150), std::size_t(2)); // event 1 ends at 150: not after it
    QCOMPARE(lane.firstEndingAfter(149), std::size_t(1));
    QCOMPARE(lane.lastStartingBefore(200), std::size_t(2));
    QCOMPARE(lane.lastStartingBefore(201), std::size_t(3));
    QCOMPARE(lane.lastStartingBefore(1'000'000), std::size_t(100));
}

// Open loop at one request per 2000 s: 300 requests take about 170 hours of simulated time,
// beyond what a trace holds. The run fails with a message saying so instead of keeping times that
// wrapped around; summary-only it still simulates.
void TestTrace::simulatorRefusesARunPastTheRange() {
    sim::Scenario s;
    s.instance = QStringLiteral("inf1.xlarge");
    s.groupSizes = QStringLiteral("1");
    s.pipelineCores = 1;
    s.batch = 1;
    s.workload.kind = sim::Workload::Kind::OpenLoop;
    s.workload.ratePerSecond = 0.0005;
    s.workload.requests = 300;
    s.workload.warmup = 0;
    const auto inputs = sim::buildInputs(s, hardware::Catalog::builtIn());
    QVERIFY2(inputs.ok(), qPrintable(inputs.ok() ? QString() : inputs.error().toString()));
    const auto run = sim::simulate(inputs.value());
    QVERIFY(!run.ok());
    QVERIFY2(run.error().toString().contains(QLatin1String("78 hours")), qPrintable(run.error().toString()));
    sim::RunControl summaryOnly;
    summaryOnly.keepTrace = false;
    const auto summary = sim::simulate(inputs.value(), summaryOnly);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().toString()));
    QVERIFY(summary.value()->summary.simulatedNs > sim::TraceEvent::kMaxStartNs);
}

// A user catalog may describe an instance of hundreds of chips; a pipeline longer than 256 stages
// would wrap the stage byte of its events, so it is refused up front with the limit named.
void TestTrace::pipelinesOfMoreStagesThanAByteAreRefused() {
    sim::Scenario s;
    s.instance = QStringLiteral("inf1.24xlarge");
    s.groupSizes = QStringLiteral("64");
    s.pipelineCores = 64;
    auto inputs = sim::buildInputs(s, hardware::Catalog::builtIn());
    QVERIFY(inputs.ok());
    sim::RunInputs huge = inputs.value();
    huge.instance.chips = 128; // 512 NeuronCores
    huge.config.pipelineCores = 300;
    huge.config.groupSizes = {300};
    const auto run = sim::simulate(huge);
    QVERIFY(!run.ok());
    QCOMPARE(run.error().where, QStringLiteral("pipeline cores"));
    QVERIFY2(run.error().message.contains(QLatin1String("at most 256")), qPrintable(run.error().toString()));
}

// A lane's events grow from the ordinary heap into 2 MiB-aligned blocks (where the kernel may
// back them with huge pages) once they need 4 MiB, and keep every event on the way.
void TestTrace::largeLanesLieOnHugePages() {
    sim::Lane lane;
    const std::size_t events = 1'000'000; // 16 MB of events: past the threshold
    for (std::size_t i = 0; i < events; ++i)
        QVERIFY(lane.append(static_cast<std::int64_t>(10 * i), 7, static_cast<std::int32_t>(i),
                            sim::EventKind::Compute, static_cast<std::uint8_t>(i % 200)));
    QCOMPARE(lane.size(), events);
    QCOMPARE(reinterpret_cast<std::uintptr_t>(lane.events().data()) % (std::uintptr_t{2} << 20),
             std::uintptr_t{0});
    for (const std::size_t i : {std::size_t{0}, std::size_t{4095}, events / 2, events - 1}) {
        QCOMPARE(lane.start(i), static_cast<std::int64_t>(10 * i));
        QCOMPARE(lane.request(i), static_cast<std::int32_t>(i));
        QCOMPARE(lane.stage(i), static_cast<std::uint8_t>(i % 200));
    }
    // A small lane stays on the ordinary heap, and copies keep their events.
    sim::Lane small;
    small.reserve(10);
    QVERIFY(small.append(5, 1, 1, sim::EventKind::Transfer, 0));
    const sim::Lane copy = lane;
    QCOMPARE(copy.size(), events);
    QCOMPARE(copy.end(events - 1), lane.end(events - 1));
    QCOMPARE(small.size(), std::size_t{1});
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
