// The Chrome trace export's content read back with a JSON parser: names and order like the window,
// a category and args on every event, GPU kernels named by operator inside their request's slice,
// warm-up left out or marked, the counters, and gzip for .json.gz (times: tst_chrome_trace_times).
#include "chrome_trace_reading.h"
#include "hardware/catalog.h"
#include "io/chrome_trace_export.h"
#include "simulate_or_die.h"
#include "tst_profile_fixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace pipescope;
using testing::ParsedSpan;
using testing::toNs;
using testing::traceScenario;

namespace {

// A GPU event lies within its request's slice however a viewer computes the ends, and the slice
// starts with it or before it.
bool insideItsRequest(const ParsedSpan& e, const std::map<int, ParsedSpan>& requests) {
    const auto found = requests.find(e.event[QStringLiteral("args")][QStringLiteral("request")].toInt());
    if (found == requests.end())
        return false;
    const ParsedSpan& r = found->second;
    double origin = r.ts;
    for (const auto& [id, other] : requests)
        origin = std::min(origin, other.ts); // speedscope's origin: the thread's first ts
    return r.ts <= e.ts && e.ts + e.dur <= r.ts + r.dur &&
           (e.ts - origin) + e.dur <= (r.ts - origin) + r.dur &&
           e.ts / 1000.0 + e.dur / 1000.0 <= r.ts / 1000.0 + r.dur / 1000.0 &&
           (r.ts < e.ts || e.dur <= r.dur);
}

} // namespace

class TestChromeTrace : public QObject {
    Q_OBJECT
private slots:
    void validJsonForEmptyRun();
    void namesAndOrderLikeTheWindow();
    void severalHostWorkers();
    void categoriesAndArgs();
    void gpuKernelsNamedByOperator();
    void warmupLeftOutByDefault();
    void warmupIncludedAndMarked();
    void inFlightCounter();
    void dramStreamsCounter();
    void gzipOutput_data();
    void gzipOutput();
    void unwritablePathIsAnErrorNamingIt();
};
void TestChromeTrace::validJsonForEmptyRun() {
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(io::chromeTraceJson(sim::Run{}), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc[QStringLiteral("traceEvents")].isArray());
}

void TestChromeTrace::namesAndOrderLikeTheWindow() {
    const sim::Run run = testing::makeRun(6, 4); // cores 0-3 on chip 0, 4-5 on chip 1
    std::map<int, QString> processNames;
    std::map<int, int> processOrder;
    std::map<std::pair<int, int>, QString> threadNames;
    std::map<std::pair<int, int>, int> threadOrder;
    for (const auto& v : testing::traceEvents(io::chromeTraceJson(run))) {
        const QJsonObject e = v.toObject();
        const int pid = e[QStringLiteral("pid")].toInt();
        const int tid = e[QStringLiteral("tid")].toInt();
        const QJsonObject args = e[QStringLiteral("args")].toObject();
        const QString name = e[QStringLiteral("name")].toString();
        if (name == QLatin1String("process_name"))
            processNames[pid] = args[QStringLiteral("name")].toString();
        else if (name == QLatin1String("process_sort_index"))
            processOrder[pid] = args[QStringLiteral("sort_index")].toInt();
        else if (name == QLatin1String("thread_name"))
            threadNames[{pid, tid}] = args[QStringLiteral("name")].toString();
        else if (name == QLatin1String("thread_sort_index"))
            threadOrder[{pid, tid}] = args[QStringLiteral("sort_index")].toInt();
    }
    QCOMPARE(processNames[0], QStringLiteral("Requests"));
    QCOMPARE(processNames[1], QStringLiteral("Inferentia chip 0"));
    QCOMPARE(processNames[2], QStringLiteral("Inferentia chip 1"));
    QVERIFY(processOrder[0] < processOrder[1] && processOrder[1] < processOrder[2]);
    QCOMPARE(threadNames.size(), std::size_t(6));
    for (const auto& lane : run.trace.lanes) {
        const std::pair<int, int> key{lane.chip + 1, lane.core};
        QCOMPARE(threadNames[key], lane.label);
        QCOMPARE(threadOrder[key], lane.core);
    }
}

// After the serving model's change a run may have a host lane per worker process: each is its
// own thread of the Host process, named as in the window, none merged into another.
void TestChromeTrace::severalHostWorkers() {
    sim::Run run = testing::makeRun(4, 3);
    for (int i = 2; i < 4; ++i) {
        const sim::Lane& old = run.trace.lanes[static_cast<std::size_t>(i)];
        sim::Lane host;
        host.core = -2;
        host.label = QStringLiteral("host %1").arg(i - 2);
        for (const sim::TraceEvent& e : old.events())
            host.append(e.start(), e.duration(), e.request(), sim::EventKind::Host, e.stage());
        run.trace.lanes[static_cast<std::size_t>(i)] = host;
    }
    const QJsonArray events = testing::traceEvents(io::chromeTraceJson(run, {true}));
    std::map<int, QString> hostThreads;
    QString process;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("pid")].toInt() != io::kChromeHostPid)
            continue;
        if (e[QStringLiteral("name")] == QStringLiteral("process_name"))
            process = e[QStringLiteral("args")][QStringLiteral("name")].toString();
        if (e[QStringLiteral("name")] == QStringLiteral("thread_name"))
            hostThreads[e[QStringLiteral("tid")].toInt()] =
                e[QStringLiteral("args")][QStringLiteral("name")].toString();
    }
    QCOMPARE(process, QStringLiteral("Host"));
    QCOMPARE(hostThreads,
             (std::map<int, QString>{{0, QStringLiteral("host 0")}, {1, QStringLiteral("host 1")}}));
    const auto threads = testing::spansByThread(events);
    QCOMPARE(threads.at({io::kChromeHostPid, 0}).size(), std::size_t(3));
    QCOMPARE(threads.at({io::kChromeHostPid, 1}).size(), std::size_t(3));
    QCOMPARE(threads.at({io::kChromeHostPid, 1}).front().event[QStringLiteral("cat")].toString(),
             QStringLiteral("host"));
}

void TestChromeTrace::categoriesAndArgs() {
    sim::Scenario s = traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4, 4);
    s.workload.requests = 200;
    s.batch = 2;
    const sim::RunPtr run = simulateOrDie(s, hardware::Catalog::builtIn());
    const std::set<QString> categories{QStringLiteral("compute"), QStringLiteral("weight-stream"),
                                       QStringLiteral("transfer"), QStringLiteral("host"),
                                       QStringLiteral("queue")};
    std::set<QString> seen;
    for (const auto& v : testing::traceEvents(io::chromeTraceJson(*run))) {
        const QJsonObject e = v.toObject();
        const QString ph = e[QStringLiteral("ph")].toString();
        if (ph == QLatin1String("M"))
            continue;
        const QString cat = e[QStringLiteral("cat")].toString();
        QVERIFY2(categories.count(cat), qPrintable(cat));
        seen.insert(cat);
        if (ph != QLatin1String("X"))
            continue;
        const QJsonObject args = e[QStringLiteral("args")].toObject();
        QCOMPARE(args[QStringLiteral("batch")].toInt(), 2);
        QVERIFY(args.contains(QStringLiteral("request")));
        if (cat == QLatin1String("host"))
            continue;
        const int stage = args[QStringLiteral("stage")].toInt(-1);
        QCOMPARE(stage, e[QStringLiteral("tid")].toInt()); // one stage per core in a 4-core pipeline
        if (cat == QLatin1String("transfer")) {
            const auto& st = run->placement.groups[0].stages[static_cast<std::size_t>(stage)];
            QCOMPARE(args[QStringLiteral("bytes")].toInteger(), st.outputBytes);
        }
    }
    QVERIFY(seen.count(QStringLiteral("compute")) && seen.count(QStringLiteral("transfer")) &&
            seen.count(QStringLiteral("host")) && seen.count(QStringLiteral("queue")));
}

// Each request's kernels are the model's operators in order, so the k-th is named ops[k].
void TestChromeTrace::gpuKernelsNamedByOperator() {
    sim::Scenario s = traceScenario(QStringLiteral("g4dn.xlarge"), {}, 1, 2);
    s.workload.requests = 50;
    const sim::RunPtr run = simulateOrDie(s, hardware::Catalog::builtIn());
    const auto& ops = run->inputs.model.ops;
    const QJsonArray events = testing::traceEvents(io::chromeTraceJson(*run));
    const auto threads = testing::spansByThread(events);
    const auto& kernels = threads.at({io::kChromeGpuPid, 0});
    std::map<int, ParsedSpan> requests;
    const auto slices = testing::spansByThread(events, true);
    for (const ParsedSpan& r : slices.at({io::kChromeGpuPid, 0}))
        requests[r.event[QStringLiteral("args")][QStringLiteral("request")].toInt()] = r;
    QVERIFY(kernels.size() >= 50 * ops.size());
    std::map<int, std::size_t> next;
    std::size_t kernelCount = 0;
    for (const ParsedSpan& k : kernels) {
        const int request = k.event[QStringLiteral("args")][QStringLiteral("request")].toInt();
        QVERIFY2(insideItsRequest(k, requests), qPrintable(k.event[QStringLiteral("name")].toString()));
        if (k.event[QStringLiteral("cat")].toString() == QLatin1String("transfer"))
            continue; // the output copy to the host after the last kernel
        const std::size_t index = next[request]++;
        QVERIFY2(index < ops.size(), qPrintable(QString::number(request)));
        QCOMPARE(k.event[QStringLiteral("name")].toString(), ops[index].name);
        QCOMPARE(k.event[QStringLiteral("cat")].toString(), QStringLiteral("kernel"));
        ++kernelCount;
        QCOMPARE(k.event[QStringLiteral("args")][QStringLiteral("op")].toInt(), int(index));
    }
    QCOMPARE(kernelCount, next.size() * ops.size()); // every measured request ran every operator
    QVERIFY(ops[40].name.startsWith(QStringLiteral("layer.")));
}

void TestChromeTrace::warmupLeftOutByDefault() {
    sim::Scenario s = traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 4);
    s.workload.requests = 300;
    const sim::RunPtr run = simulateOrDie(s, hardware::Catalog::builtIn());
    const QJsonArray events = testing::traceEvents(io::chromeTraceJson(*run));
    std::size_t complete = 0;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        QVERIFY(e[QStringLiteral("name")].toString() != QLatin1String("warm-up"));
        if (e[QStringLiteral("ph")].toString() != QLatin1String("X"))
            continue;
        ++complete;
        const int request = e[QStringLiteral("args")][QStringLiteral("request")].toInt();
        QVERIFY2(!run->requests[static_cast<std::size_t>(request)].warmup,
                 qPrintable(QString::number(request)));
    }
    std::size_t measured = 0;
    for (const auto& lane : run->trace.lanes)
        for (const sim::TraceEvent& e : lane.events())
            measured += run->requests[static_cast<std::size_t>(e.request())].warmup ? 0 : 1;
    QCOMPARE(complete, measured);
    QVERIFY(measured < run->trace.eventCount());
}

void TestChromeTrace::warmupIncludedAndMarked() {
    sim::Scenario s = traceScenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 4);
    s.workload.requests = 300;
    const sim::RunPtr run = simulateOrDie(s, hardware::Catalog::builtIn());
    const QJsonArray events = testing::traceEvents(io::chromeTraceJson(*run, {true}));
    const auto threads = testing::spansByThread(events);
    const auto& phases = threads.at({io::kChromeRequestsPid, 1});
    QCOMPARE(phases.size(), std::size_t(1));
    QCOMPARE(phases[0].event[QStringLiteral("name")].toString(), QStringLiteral("warm-up"));
    QCOMPARE(phases[0].event[QStringLiteral("args")][QStringLiteral("requests")].toInt(), 100);
    std::int64_t lastWarmup = 0;
    for (const auto& r : run->requests)
        lastWarmup = r.warmup ? std::max(lastWarmup, r.completeNs) : lastWarmup;
    // The range ends at the last warm-up completion (times shifted by the 1 us offset).
    QCOMPARE(toNs(phases[0].ts + phases[0].dur) - 1000, lastWarmup);
    std::size_t complete = 0;
    for (const auto& [thread, spans] : threads)
        complete += thread.first == io::kChromeRequestsPid ? 0 : spans.size();
    QCOMPARE(complete, run->trace.eventCount());
}

void TestChromeTrace::inFlightCounter() {
    const sim::Run run = testing::makeRun(1, 1);
    std::vector<std::pair<qint64, int>> samples;
    for (const auto& v : testing::traceEvents(io::chromeTraceJson(run, {true}))) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() == QLatin1String("C") &&
            e[QStringLiteral("pid")].toInt() == io::kChromeRequestsPid)
            samples.push_back({toNs(e[QStringLiteral("ts")].toDouble()),
                               e[QStringLiteral("args")][QStringLiteral("in_flight")].toInt()});
    }
    // Requests issue every 1500 ns from 0 (shifted 1 us) and take 4000 ns: up to 3, back to 0.
    QVERIFY(!samples.empty());
    QCOMPARE(samples.front(), std::make_pair(qint64(1000), 1));
    QCOMPARE(samples.back().second, 0);
    int peak = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        peak = std::max(peak, samples[i].second);
        if (i > 0)
            QVERIFY(samples[i - 1].first < samples[i].first);
    }
    QCOMPARE(peak, 3);
}

// In the fixture only core 0's stage streams weights: chip 0's counter goes 1 during each of its
// executions (compute and the weight wait after it) and back to 0.
void TestChromeTrace::dramStreamsCounter() {
    const sim::Run run = testing::makeRun(2, 6);
    std::vector<std::pair<qint64, int>> samples;
    for (const auto& v : testing::traceEvents(io::chromeTraceJson(run, {true}))) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("name")].toString() == QLatin1String("DRAM weight streams")) {
            QCOMPARE(e[QStringLiteral("pid")].toInt(), 1);
            samples.push_back({toNs(e[QStringLiteral("ts")].toDouble()),
                               e[QStringLiteral("args")][QStringLiteral("cores")].toInt()});
        }
    }
    const sim::Lane& lane = run.trace.lanes[0];
    int computes = 0;
    for (const sim::TraceEvent& e : lane.events())
        computes += e.kind() == std::uint8_t(sim::EventKind::Compute);
    QVERIFY(computes > 0);
    QCOMPARE(samples.front(), std::make_pair(qint64(lane.start(0) + 1000), 1)); // 1 us offset
    QCOMPARE(samples.back().second, 0);
    int rises = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        QVERIFY(samples[i].second == 0 || samples[i].second == 1);
        rises += samples[i].second == 1 ? 1 : 0;
    }
    QVERIFY(rises >= 1 && rises <= computes);
}

void TestChromeTrace::gzipOutput_data() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("pipeline");
    QTest::newRow("PP16 inf1.6xlarge") << "inf1.6xlarge"
                                       << "16" << 16;
    QTest::newRow("GPU g4dn.xlarge") << "g4dn.xlarge"
                                     << "" << 1; // long kernel names: the largest
}

// .json.gz is gzip of exactly the plain document, at most 15 bytes per event.
void TestChromeTrace::gzipOutput() {
    QFETCH(QString, instance);
    QFETCH(QString, groups);
    QFETCH(int, pipeline);
    QTemporaryDir dir;
    const sim::RunPtr run =
        simulateOrDie(traceScenario(instance, groups, pipeline, 16), hardware::Catalog::builtIn());
    const QString path = dir.filePath(QStringLiteral("trace.json.gz"));
    const auto stats = io::exportChromeTrace(path, *run);
    QVERIFY2(stats.ok(), stats.ok() ? "" : qPrintable(stats.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray gz = file.readAll();
    QVERIFY(gz.startsWith("\x1f\x8b"));
    QCOMPARE(qint64(gz.size()), stats->writtenBytes);
    const QByteArray json = testing::gunzip(gz);
    QCOMPARE(json, io::chromeTraceJson(*run));
    QCOMPARE(qint64(json.size()), stats->jsonBytes);
    const double perEvent = double(stats->writtenBytes) / double(stats->events);
    qInfo("%s, 2000 requests: %lld events, %.1f bytes/event gzip, %.1f as JSON, %lld durations 1 ns short",
          QTest::currentDataTag(), qint64(stats->events), perEvent,
          double(stats->jsonBytes) / double(stats->events), qint64(stats->shortenedByOneNs));
    QVERIFY2(perEvent <= 15.0, qPrintable(QString::number(perEvent)));
    // A plain name writes plain JSON.
    const QString plain = dir.filePath(QStringLiteral("trace.json"));
    QVERIFY(io::exportChromeTrace(plain, *run).ok());
    QFile plainFile(plain);
    QVERIFY(plainFile.open(QIODevice::ReadOnly));
    QCOMPARE(plainFile.readAll(), json);
}

void TestChromeTrace::unwritablePathIsAnErrorNamingIt() {
    const QString path = QStringLiteral("/nonexistent-dir/trace.json.gz");
    const auto stats = io::exportChromeTrace(path, testing::makeRun(2, 5));
    QVERIFY(!stats.ok());
    QVERIFY2(stats.error().toString().contains(path), qPrintable(stats.error().toString()));
}

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrome_trace.moc"
