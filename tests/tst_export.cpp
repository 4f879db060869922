// CSV of the runs table and Chrome Trace Event JSON of a run's timeline.
#include "io/chrome_trace_export.h"
#include "io/csv_export.h"
#include "tst_profile_fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <map>

using namespace pipescope;

namespace {

// Splits RFC 4180 text into rows of fields, honouring quotes, so the test does not trust the
// writer's own idea of quoting.
std::vector<QStringList> parseCsv(const QString& text) {
    std::vector<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            row << field;
            rows.push_back(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

// Microseconds with three decimals back to whole nanoseconds.
qint64 toNs(const QJsonValue& micros) {
    return std::llround(micros.toDouble() * 1000.0);
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void csvField_data();
    void csvField();
    void csvTable();
    void csvWithoutBaseline();
    void csvExplainsEachRun();
    void chromeTraceIsValidJson();
    void chromeTraceMetadata();
    void chromeTraceEventsDoNotOverlap();
    void chromeTraceTimesAreMicroseconds();
    void chromeTraceCounters();
    void chromeTraceGpuLane();
    void chromeTraceHostLane();
};

void TestExport::csvField_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << "inf1.xlarge"
                           << "inf1.xlarge";
    QTest::newRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "two\nlines"
                             << "\"two\nlines\"";
    QTest::newRow("carriage return") << "x\ry"
                                     << "\"x\ry\"";
    QTest::newRow("empty") << ""
                           << "";
}

void TestExport::csvField() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(io::csvField(in), out);
}

void TestExport::csvTable() {
    const auto a = testing::makeRunPtr(2, 3, 0);
    const auto b = testing::makeRunPtr(2, 3, 1); // instance name with a comma and quotes
    const QString text = QString::fromUtf8(io::runsToCsv({a, b}, 0));
    QVERIFY(text.endsWith(QStringLiteral("\r\n")));
    const auto rows = parseCsv(text);
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[0],
             QStringList({"instance", "batch", "mode", "neuroncores_per_model", "throughput_per_s",
                          "latency_p95_ms", "cost_per_million_usd", "throughput_ratio", "cost_ratio",
                          "throughput_low_per_s", "throughput_high_per_s", "latency_p95_low_ms",
                          "latency_p95_high_ms", "cost_per_million_low_usd", "cost_per_million_high_usd",
                          "workers", "bound_by", "bound_by_reason", "interval_notes"}));
    for (const auto& row : rows)
        QCOMPARE(row.size(), 19);
    QCOMPARE(rows[2][0], QStringLiteral("inf1, \"6xl\""));
    QCOMPARE(rows[1][1], QStringLiteral("4"));
    QCOMPARE(rows[2][1], QStringLiteral("5"));
    QCOMPARE(rows[1][2], compile::deploymentMode(a->inputs.config, false));
    QCOMPARE(rows[1][3], QStringLiteral("2"));
    QCOMPARE(rows[1][4].toDouble(), std::round(a->summary.throughputPerSecond * 100) / 100);
    QCOMPARE(rows[1][5].toDouble(), a->summary.latencyMs.p95);
    QCOMPARE(rows[1][7], QStringLiteral("1.0000"));
    QCOMPARE(rows[2][7], QStringLiteral("2.0000")); // twice the baseline's throughput
    QCOMPARE(rows[2][8], QStringLiteral("0.5000")); // half its cost
}

void TestExport::csvWithoutBaseline() {
    sim::Run gpu = testing::makeRun(1, 1);
    gpu.inputs.instance.kind = hardware::InstanceKind::Gpu;
    gpu.inputs.config.groupSizes.clear();
    const auto rows = parseCsv(QString::fromUtf8(io::runsToCsv({std::make_shared<const sim::Run>(gpu)}, -1)));
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1][3], QString()); // no NeuronCores on a GPU
    QCOMPARE(rows[1][7], QString());
    QCOMPARE(rows[1][8], QString());
}

void TestExport::csvExplainsEachRun() {
    sim::Run explained = testing::makeRun(2, 3);
    explained.inputs.config.workers = 1;
    explained.summary.throughputInterval = {1222.5, 2484.25};
    explained.summary.latencyP95IntervalMs = {12.5, 21.25};
    explained.summary.costIntervalUsd = {0.19, 0.385};
    explained.summary.bottleneck = {QStringLiteral("host"), 0.97, QStringLiteral("Host busy, \"97%\"")};
    explained.summary.intervalNotes = {QStringLiteral("batch 12 is outside 1-6"), QStringLiteral("seq 512")};
    const sim::Run old = testing::makeRun(2, 3); // saved before intervals: empty fields
    const auto rows = parseCsv(QString::fromUtf8(io::runsToCsv(
        {std::make_shared<const sim::Run>(explained), std::make_shared<const sim::Run>(old)}, -1)));
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[1].mid(9), QStringList({"1222.50", "2484.25", "12.500", "21.250", "0.1900", "0.3850", "1",
                                          "host", "Host busy, \"97%\"", "batch 12 is outside 1-6; seq 512"}));
    QCOMPARE(rows[2].mid(9, 6), QStringList(6, QString()));
    // Default workers: one per group.
    QCOMPARE(rows[2][15], QString::number(old.inputs.config.groupSizes.size()));
}

void TestExport::chromeTraceIsValidJson() {
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(io::chromeTraceJson(testing::makeRun(6, 50)), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc[QStringLiteral("traceEvents")].isArray());
    // An empty run is still a valid document.
    QVERIFY(!QJsonDocument::fromJson(io::chromeTraceJson(sim::Run{})).isNull());
}

void TestExport::chromeTraceMetadata() {
    const sim::Run run = testing::makeRun(6, 4); // cores 0-3 on chip 0, 4-5 on chip 1
    const QJsonArray events =
        QJsonDocument::fromJson(io::chromeTraceJson(run))[QStringLiteral("traceEvents")].toArray();
    std::map<int, QString> processNames;
    std::map<std::pair<int, int>, QString> threadNames;
    std::map<std::pair<int, int>, int> threadOrder;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() != QLatin1String("M"))
            continue;
        const int pid = e[QStringLiteral("pid")].toInt();
        const int tid = e[QStringLiteral("tid")].toInt();
        const QJsonObject args = e[QStringLiteral("args")].toObject();
        const QString name = e[QStringLiteral("name")].toString();
        if (name == QLatin1String("process_name"))
            processNames[pid] = args[QStringLiteral("name")].toString();
        else if (name == QLatin1String("thread_name"))
            threadNames[{pid, tid}] = args[QStringLiteral("name")].toString();
        else if (name == QLatin1String("thread_sort_index"))
            threadOrder[{pid, tid}] = args[QStringLiteral("sort_index")].toInt();
    }
    QCOMPARE(processNames[1], QStringLiteral("Inferentia chip 0"));
    QCOMPARE(processNames[2], QStringLiteral("Inferentia chip 1"));
    QCOMPARE(threadNames.size(), std::size_t(6));
    for (const auto& lane : run.trace.lanes) {
        const std::pair<int, int> key{lane.chip + 1, lane.core};
        QCOMPARE(threadNames[key], lane.label);
        QCOMPARE(threadOrder[key], lane.core);
    }
}

void TestExport::chromeTraceEventsDoNotOverlap() {
    sim::Run run = testing::makeRun(4, 200);
    const QJsonArray events =
        QJsonDocument::fromJson(io::chromeTraceJson(run))[QStringLiteral("traceEvents")].toArray();
    std::map<std::pair<int, int>, std::vector<std::pair<qint64, qint64>>> perThread;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() == QLatin1String("X"))
            perThread[{e[QStringLiteral("pid")].toInt(), e[QStringLiteral("tid")].toInt()}].push_back(
                {toNs(e[QStringLiteral("ts")]), toNs(e[QStringLiteral("dur")])});
    }
    QCOMPARE(perThread.size(), std::size_t(4));
    std::size_t total = 0;
    for (const auto& [thread, spans] : perThread) {
        total += spans.size();
        for (std::size_t i = 1; i < spans.size(); ++i)
            QVERIFY2(spans[i - 1].first + spans[i - 1].second <= spans[i].first,
                     qPrintable(QStringLiteral("tid %1 event %2").arg(thread.second).arg(i)));
    }
    QCOMPARE(total, run.trace.eventCount());
}

void TestExport::chromeTraceTimesAreMicroseconds() {
    const sim::Run run = testing::makeRun(1, 3);
    const QByteArray text = io::chromeTraceJson(run);
    // First event of lane 0 starts at 7 ns and lasts 1001 ns: 0.007 us and 1.001 us, exactly.
    QVERIFY2(text.contains("\"ts\":0.007,\"dur\":1.001"), text.constData());
    const QJsonArray events = QJsonDocument::fromJson(text)[QStringLiteral("traceEvents")].toArray();
    int checked = 0;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() != QLatin1String("X"))
            continue;
        QCOMPARE(toNs(e[QStringLiteral("ts")]), run.trace.lanes[0].start[checked]);
        QCOMPARE(toNs(e[QStringLiteral("dur")]), run.trace.lanes[0].duration[checked]);
        QCOMPARE(e[QStringLiteral("name")].toString(),
                 sim::eventKindName(static_cast<sim::EventKind>(run.trace.lanes[0].kind[checked])));
        ++checked;
    }
    QCOMPARE(checked, 3);
}

void TestExport::chromeTraceCounters() {
    const sim::Run run = testing::makeRun(1, 1);
    const QJsonArray events =
        QJsonDocument::fromJson(io::chromeTraceJson(run))[QStringLiteral("traceEvents")].toArray();
    std::vector<std::pair<qint64, int>> samples;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() == QLatin1String("C"))
            samples.push_back({toNs(e[QStringLiteral("ts")]),
                               e[QStringLiteral("args")][QStringLiteral("in_flight")].toInt()});
    }
    // Requests issue every 1500 ns and take 4000 ns: in flight rises to 3, ends at 0.
    QVERIFY(!samples.empty());
    QCOMPARE(samples.front(), std::make_pair(qint64(0), 1));
    QCOMPARE(samples.back().second, 0);
    int peak = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        peak = std::max(peak, samples[i].second);
        if (i > 0)
            QVERIFY(samples[i - 1].first < samples[i].first);
    }
    QCOMPARE(peak, 3);
}

void TestExport::chromeTraceGpuLane() {
    sim::Run run = testing::makeRun(1, 2);
    run.trace.lanes[0].core = -1;
    run.inputs.instance.name = QStringLiteral("g4dn.xlarge");
    const QJsonArray events =
        QJsonDocument::fromJson(io::chromeTraceJson(run))[QStringLiteral("traceEvents")].toArray();
    bool named = false;
    int kernels = 0;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("name")] == QStringLiteral("process_name") &&
            e[QStringLiteral("pid")] == io::kChromeGpuPid)
            named =
                e[QStringLiteral("args")][QStringLiteral("name")].toString().contains(QStringLiteral("GPU"));
        if (e[QStringLiteral("ph")] == QStringLiteral("X"))
            kernels += e[QStringLiteral("pid")] == io::kChromeGpuPid;
    }
    QVERIFY(named);
    QCOMPARE(kernels, 2);
}

// The simulator's host lane (core -2) is a process of its own, not a NeuronCore or the GPU.
void TestExport::chromeTraceHostLane() {
    sim::Run run = testing::makeRun(2, 3);
    run.trace.lanes[1].core = -2;
    run.trace.lanes[1].label = QStringLiteral("host");
    const QJsonArray events =
        QJsonDocument::fromJson(io::chromeTraceJson(run))[QStringLiteral("traceEvents")].toArray();
    QString processName;
    int hostEvents = 0;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("pid")] != io::kChromeHostPid)
            continue;
        if (e[QStringLiteral("name")] == QStringLiteral("process_name"))
            processName = e[QStringLiteral("args")][QStringLiteral("name")].toString();
        hostEvents += e[QStringLiteral("ph")] == QStringLiteral("X");
    }
    QCOMPARE(processName, QStringLiteral("Host"));
    QCOMPARE(hostEvents, 3);
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
