// The Chrome trace's times read back as viewers read them (JSON numbers into IEEE doubles): no two
// events of a thread overlap however a viewer adds ts and dur, also hours into a run; each time is
// the simulator's integer nanoseconds (a duration at most 1 ns short); none is 0.
#include "chrome_trace_reading.h"
#include "hardware/catalog.h"
#include "io/chrome_trace_export.h"
#include "io/chrome_trace_times.h"
#include "simulate_or_die.h"
#include "tst_profile_fixtures.h"

#include <QTest>

#include <cmath>

using namespace pipescope;
using testing::ParsedSpan;
using testing::toNs;
using testing::traceScenario;

namespace {
// Open-loop arrivals half a second apart on average: 8000 requests take hours of simulated time,
// where a double keeps fewer decimals of a microsecond.
sim::Scenario hoursScenario() {
    sim::Scenario s = traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 1);
    s.workload.kind = sim::Workload::Kind::OpenLoop;
    s.workload.ratePerSecond = 0.5;
    s.workload.requests = 8000;
    return s;
}

// The hand-built run moved hours into the simulation, durations with awkward sub-microsecond parts.
sim::Run hoursFixture() {
    sim::Run run = testing::makeRun(4, 3000);
    const std::int64_t hours = 5LL * 3600 * 1000 * 1000 * 1000;
    for (auto& lane : run.trace.lanes) {
        sim::Lane moved;
        moved.core = lane.core;
        moved.chip = lane.chip;
        moved.label = lane.label;
        for (const sim::TraceEvent& e : lane.events())
            moved.append(e.start() + hours, e.duration(), e.request(), e.kind(), e.stage());
        lane = moved;
    }
    for (auto& r : run.requests) {
        r.issueNs += hours;
        r.completeNs += hours;
    }
    return run;
}

// How many back-to-back pairs a viewer would see overlap, with each viewer's arithmetic.
QString overlapReport(const std::map<std::pair<int, int>, std::vector<ParsedSpan>>& threads) {
    qint64 plain = 0, shifted = 0, millis = 0, pairs = 0;
    for (const auto& [thread, spans] : threads) {
        const double origin = spans.empty() ? 0 : spans.front().ts;
        for (std::size_t i = 1; i < spans.size(); ++i) {
            const ParsedSpan& a = spans[i - 1];
            const ParsedSpan& b = spans[i];
            ++pairs;
            plain += a.ts + a.dur > b.ts ? 1 : 0;                             // Perfetto, DevTools
            shifted += (a.ts - origin) + a.dur > b.ts - origin ? 1 : 0;       // speedscope
            millis += a.ts / 1000.0 + a.dur / 1000.0 > b.ts / 1000.0 ? 1 : 0; // catapult
        }
    }
    if (plain + shifted + millis == 0)
        return {};
    return QStringLiteral("%1 of %2 pairs overlap as ts+dur, %3 relative to the thread's start, %4 in ms")
        .arg(plain)
        .arg(pairs)
        .arg(shifted)
        .arg(millis);
}

// A GPU event lies within its request's slice however a viewer computes the ends, and the slice
} // namespace

class TestChromeTraceTimes : public QObject {
    Q_OBJECT
private slots:
    void viewerSafeDuration_data();
    void viewerSafeDuration();
    void noOverlapAsDoubles_data();
    void noOverlapAsDoubles();
    void timesAreTheSimulatorsNanoseconds();
    void noTimestampAtZero();
};

void TestChromeTraceTimes::viewerSafeDuration_data() {
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::newRow("small") << qint64(7) << qint64(1008);
    QTest::newRow("a known hair") << qint64(1234567) << qint64(1234690);
    QTest::newRow("hours") << qint64(18'000'000'000'123) << qint64(18'000'000'001'124);
    QTest::newRow("days") << qint64(864'000'000'000'001) << qint64(864'000'000'000'002);
    QTest::newRow("zero length") << qint64(5000) << qint64(5000);
}

// Whatever the times, the duration returned is exact or 1 ns short, and its end parsed as a
// double is not past the end's own value in any viewer's arithmetic.
void TestChromeTraceTimes::viewerSafeDuration() {
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    for (qint64 shift = 0; shift < 2000; ++shift) {
        const std::int64_t s = start + shift * 997;
        const std::int64_t e = end + shift * 997 + shift % 7;
        const std::int64_t dur = io::viewerSafeDurationNs(s, e, start);
        QVERIFY2(dur == e - s || dur == e - s - 1, qPrintable(QString::number(dur)));
        const double ts = static_cast<double>(s) / 1000.0, d = static_cast<double>(dur) / 1000.0;
        const double stop = static_cast<double>(e) / 1000.0, origin = static_cast<double>(start) / 1000.0;
        QVERIFY(ts + d <= stop);
        QVERIFY((ts - origin) + d <= stop - origin);
        QVERIFY(ts / 1000.0 + d / 1000.0 <= stop / 1000.0);
    }
}

void TestChromeTraceTimes::noOverlapAsDoubles_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("includeWarmup");
    QTest::newRow("data parallel inf1.xlarge") << "data-parallel" << false;
    QTest::newRow("pipeline 16 inf1.6xlarge") << "pp16" << true;
    QTest::newRow("gpu g4dn.xlarge") << "gpu" << true;
    QTest::newRow("hours of simulated time") << "hours" << false;
    QTest::newRow("hand-built, hours in") << "fixture" << true;
}

void TestChromeTraceTimes::noOverlapAsDoubles() {
    QFETCH(QString, kind);
    QFETCH(bool, includeWarmup);
    sim::RunPtr run;
    if (kind == QLatin1String("fixture"))
        run = std::make_shared<const sim::Run>(hoursFixture());
    else if (kind == QLatin1String("hours"))
        run = simulateOrDie(hoursScenario(), hardware::Catalog::builtIn());
    else if (kind == QLatin1String("gpu"))
        run = simulateOrDie(traceScenario(QStringLiteral("g4dn.xlarge"), {}, 1, 4),
                            hardware::Catalog::builtIn());
    else if (kind == QLatin1String("pp16"))
        run = simulateOrDie(traceScenario(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 16),
                            hardware::Catalog::builtIn());
    else
        run = simulateOrDie(traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 8),
                            hardware::Catalog::builtIn());
    io::ChromeTraceOptions options;
    options.includeWarmup = includeWarmup;
    const QJsonArray events = testing::traceEvents(io::chromeTraceJson(*run, options));
    const auto threads = testing::spansByThread(events);
    QVERIFY(threads.size() >= 2);
    const QString report = overlapReport(threads);
    QVERIFY2(report.isEmpty(), qPrintable(report));
    const QString requests = overlapReport(testing::spansByThread(events, true)); // GPU request slices
    QVERIFY2(requests.isEmpty(), qPrintable(requests));
    double last = 0;
    for (const auto& [thread, spans] : threads)
        last = std::max(last, spans.back().ts);
    if (kind == QLatin1String("hours") || kind == QLatin1String("fixture"))
        QVERIFY2(last > 3600e6, qPrintable(QString::number(last))); // more than an hour in
}

// Each exported time is the simulator's integer nanoseconds (a duration at most 1 ns short).
void TestChromeTraceTimes::timesAreTheSimulatorsNanoseconds() {
    const sim::Run run = testing::makeRun(1, 40);
    const QByteArray json = io::chromeTraceJson(run, {true});
    // The fixture's first event starts at 7 ns (+1 us: warm-up starts at 0) and lasts 1001 ns.
    QVERIFY2(json.contains("\"ts\":1.007,\"dur\":1.001}"), json.left(2000).constData());
    const auto threads = testing::spansByThread(testing::traceEvents(json));
    const auto& spans = threads.at({1, 0});
    QCOMPARE(spans.size(), run.trace.lanes[0].size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        QCOMPARE(toNs(spans[i].ts) - 1000, run.trace.lanes[0].start(i));
        const std::int64_t dur = toNs(spans[i].dur);
        QVERIFY(dur == run.trace.lanes[0].duration(i) || dur + 1 == run.trace.lanes[0].duration(i));
    }
}

// DevTools drops events at ts 0: a run whose first event is at 0 is shifted by 1 us, and says so.
void TestChromeTraceTimes::noTimestampAtZero() {
    sim::Scenario s = traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 4);
    s.workload.requests = 100;
    const sim::RunPtr run = simulateOrDie(s, hardware::Catalog::builtIn());
    const QJsonDocument doc = QJsonDocument::fromJson(io::chromeTraceJson(*run, {true}));
    QCOMPARE(doc[QStringLiteral("otherData")][QStringLiteral("time_offset_us")].toInt(), 1);
    double first = 1e300;
    for (const auto& v : doc[QStringLiteral("traceEvents")].toArray())
        if (v[QStringLiteral("ph")].toString() != QLatin1String("M"))
            first = std::min(first, v[QStringLiteral("ts")].toDouble());
    QCOMPARE(first, 1.0);
    // Without warm-up the first event is well after 0: no shift.
    const QJsonDocument measured = QJsonDocument::fromJson(io::chromeTraceJson(*run));
    QCOMPARE(measured[QStringLiteral("otherData")][QStringLiteral("time_offset_us")].toInt(), 0);
}

QTEST_GUILESS_MAIN(TestChromeTraceTimes)
#include "tst_chrome_trace_times.moc"
