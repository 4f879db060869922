// CSV of the runs table (the Chrome trace export has tst_chrome_trace).
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

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void csvField_data();
    void csvField();
    void csvTable();
    void csvWithoutBaseline();
    void csvExplainsEachRun();
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

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
