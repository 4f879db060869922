// The held-out published figures (resources/reference/published-figures.csv): bad rows are refused
// with their line and column, every shipped row names its source and is simulated, and a row the
// simulator cannot build is reported with its reason instead of being dropped.
#include "calibrate/published_figures.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace pipescope;

namespace {

const QByteArray kHeader = "model,sequence_length,instance,mode,group_sizes,pipeline_cores,batch,split_batch,"
                           "clients,dtype,throughput_per_s,latency_p50_ms,latency_p99_ms,sdk,source\n";
const QByteArray kGoodRow =
    "bert-base-uncased,128,inf1.xlarge,data_parallel,\"1,1,1,1\",1,6,,4,fp32,967,22,23,1.17.0,https://x\n";

calibrate::PublishedFigure figure(const QString& instance, const QString& mode, const QString& groups,
                                  int pipelineCores, int batch) {
    calibrate::PublishedFigure f;
    f.model = QStringLiteral("bert-base-uncased");
    f.sequenceLength = 128;
    f.instance = instance;
    f.mode = mode;
    f.groupSizes = groups;
    f.pipelineCores = pipelineCores;
    f.batch = batch;
    f.dtype = QStringLiteral("fp32");
    f.throughputPerSecond = 100;
    f.source = QStringLiteral("https://example.org");
    return f;
}

} // namespace

class TestPublishedFigures : public QObject {
    Q_OBJECT
private slots:
    void badRowsNameTheirLineAndColumn_data() {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("mentions");
        const QByteArray comment = "# a comment line still counts as a line\n";
        QTest::newRow("missing column") << QByteArray("model,instance\nbert-base-uncased,inf1.xlarge\n")
                                        << "t.csv:1: the header has no column 'sequence_length'";
        QTest::newRow("field count") << kHeader + "bert-base-uncased,128\n"
                                     << "t.csv:2: has 2 fields";
        QTest::newRow("batch") << comment + kHeader + QByteArray(kGoodRow).replace(",6,", ",zero,")
                               << "t.csv:3: column 'batch': 'zero'";
        QTest::newRow("mode") << kHeader + kGoodRow + QByteArray(kGoodRow).replace("data_parallel", "sharded")
                              << "t.csv:3: column 'mode': 'sharded' is not one of";
        QTest::newRow("dtype") << kHeader + QByteArray(kGoodRow).replace("fp32", "fp64")
                               << "t.csv:2: column 'dtype'";
        QTest::newRow("throughput") << kHeader + QByteArray(kGoodRow).replace(",967,", ",-5,")
                                    << "t.csv:2: column 'throughput_per_s': '-5' is not a positive number";
        QTest::newRow("no figure") << kHeader + QByteArray(kGoodRow).replace(",967,22,23,", ",,,,")
                                   << "t.csv:2: column 'throughput_per_s': the row publishes no";
        QTest::newRow("clients") << kHeader + QByteArray(kGoodRow).replace(",,4,", ",,0,")
                                 << "t.csv:2: column 'clients': '0'";
        QTest::newRow("split") << kHeader + QByteArray(kGoodRow).replace(",6,,", ",6,yes,")
                               << "t.csv:2: column 'split_batch': batch 6 does not divide evenly";
        QTest::newRow("source") << kHeader + QByteArray(kGoodRow).replace("https://x", "")
                                << "t.csv:2: column 'source': is empty";
        QTest::newRow("sequence") << kHeader + QByteArray(kGoodRow).replace(",128,", ",,")
                                  << "t.csv:2: column 'sequence_length'";
        QTest::newRow("no header") << QByteArray("# only comments\n") << "t.csv: has no header line";
    }
    void badRowsNameTheirLineAndColumn() {
        QFETCH(QByteArray, csv);
        QFETCH(QString, mentions);
        const auto parsed = calibrate::parsePublishedFigures(csv, QStringLiteral("t.csv"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().toString().startsWith(mentions), qPrintable(parsed.error().toString()));
    }

    void goodRowParses() {
        const auto parsed = calibrate::parsePublishedFigures(kHeader + kGoodRow, QStringLiteral("t.csv"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QCOMPARE(parsed->size(), std::size_t{1});
        const auto& f = parsed->front();
        QCOMPARE(f.line, 2);
        QCOMPARE(f.groupSizes, QStringLiteral("1,1,1,1"));
        QCOMPARE(f.clients.value_or(-1), 4);
        QCOMPARE(f.throughputPerSecond.value_or(0), 967.0);
        QVERIFY(!f.latencyP95Ms.has_value());
    }

    void shippedFileParsesAndCitesItsSources() {
        QFile file(QStringLiteral(":/pipescope/reference/published-figures.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto parsed =
            calibrate::parsePublishedFigures(file.readAll(), QStringLiteral("published-figures.csv"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QVERIFY(parsed->size() >= 15);
        QCOMPARE(calibrate::builtInPublishedFigures().size(), parsed->size());
        for (const auto& f : parsed.value()) {
            QVERIFY2(f.source.startsWith(QLatin1String("https://")), qPrintable(f.label()));
            QVERIFY2(!f.sdk.isEmpty() && !f.title.isEmpty(), qPrintable(f.label()));
        }
    }

    void everyShippedRowBuildsAndSimulates() {
        const auto& figures = calibrate::builtInPublishedFigures();
        const auto report = calibrate::checkPublishedFigures(figures, hardware::Catalog::builtIn(), 400, 1);
        QCOMPARE(report.rows.size(), figures.size());
        for (const auto& check : report.rows) {
            const QString what = QStringLiteral("line %1 %2: %3")
                                     .arg(check.figure.line)
                                     .arg(check.figure.label(), check.failure);
            QVERIFY2(check.simulated, qPrintable(what));
            QVERIFY2(check.predicted.throughputPerSecond > 0, qPrintable(what));
            QVERIFY2(!check.comparisons.empty(), qPrintable(what));
            for (const auto& c : check.comparisons)
                QVERIFY2(std::isfinite(c.errorPercent) && c.predicted > 0, qPrintable(what + c.quantity));
            QCOMPARE(check.clientsStated, check.figure.clients.has_value());
        }
        QVERIFY(report.mape.count(QStringLiteral("throughput_per_s")) == 1);
        QVERIFY(report.mape.count(QStringLiteral("latency_p99_ms")) == 1);
    }

    void rowsTheSimulatorCannotBuildAreKeptWithTheirReason() {
        auto unknownInstance =
            figure(QStringLiteral("inf9.huge"), QStringLiteral("data_parallel"), QStringLiteral("1"), 1, 1);
        auto unknownModel =
            figure(QStringLiteral("inf1.xlarge"), QStringLiteral("data_parallel"), QStringLiteral("1"), 1, 1);
        unknownModel.model = QStringLiteral("gpt-17");
        auto tooManyCores =
            figure(QStringLiteral("inf1.xlarge"), QStringLiteral("pipeline"), QStringLiteral("16"), 16, 1);
        const auto report = calibrate::checkPublishedFigures({unknownInstance, unknownModel, tooManyCores},
                                                             hardware::Catalog::builtIn(), 200, 1);
        QCOMPARE(report.rows.size(), std::size_t{3});
        QVERIFY(!report.rows[0].simulated && report.rows[0].failure.contains(QStringLiteral("inf9.huge")));
        QVERIFY(!report.rows[1].simulated && report.rows[1].failure.contains(QStringLiteral("gpt-17")));
        QVERIFY(!report.rows[2].simulated && !report.rows[2].failure.isEmpty());
        QVERIFY(report.mape.empty());
    }

    void unstatedClientsFillTheDeployment() {
        const auto& catalog = hardware::Catalog::builtIn();
        const auto* xlarge = catalog.find(QStringLiteral("inf1.xlarge"));
        const auto* sixXl = catalog.find(QStringLiteral("inf1.6xlarge"));
        const auto* gpu = catalog.find(QStringLiteral("g4dn.xlarge"));
        QVERIFY(xlarge && sixXl && gpu);
        const int extra = sixXl->neuron.extraInFlight;
        QCOMPARE(calibrate::defaultClients(figure(QStringLiteral("inf1.6xlarge"), QStringLiteral("pipeline"),
                                                  QStringLiteral("16"), 16, 1),
                                           *sixXl),
                 16 + extra);
        QCOMPARE(
            calibrate::defaultClients(figure(QStringLiteral("inf1.xlarge"), QStringLiteral("data_parallel"),
                                             QStringLiteral("1,1,1,1"), 1, 6),
                                      *xlarge),
            4 * (1 + xlarge->neuron.extraInFlight));
        QCOMPARE(calibrate::defaultClients(
                     figure(QStringLiteral("g4dn.xlarge"), QStringLiteral("gpu"), {}, 1, 1), *gpu),
                 1);
        // A split batch is one call at a time over all groups: one client per group at batch / groups.
        auto split = figure(QStringLiteral("inf1.6xlarge"), QStringLiteral("data_parallel"),
                            QStringLiteral("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"), 1, 128);
        split.splitBatch = true;
        const auto scenario = calibrate::publishedScenario(split, *sixXl, 500, 1);
        QCOMPARE(scenario.batch, 8);
        QCOMPARE(scenario.workload.clients, 16);
        split.clients = 2;
        QCOMPARE(calibrate::publishedScenario(split, *sixXl, 500, 1).workload.clients, 32);
    }

    void fp32ModelsRunAsBf16() {
        QCOMPARE(calibrate::simulatedDataType(QStringLiteral("fp32")), compile::DataType::BF16);
        QCOMPARE(calibrate::simulatedDataType(QStringLiteral("fp16")), compile::DataType::FP16);
        QCOMPARE(calibrate::simulatedDataType(QStringLiteral("bf16")), compile::DataType::BF16);
    }
};

QTEST_GUILESS_MAIN(TestPublishedFigures)
#include "tst_published_figures.moc"
