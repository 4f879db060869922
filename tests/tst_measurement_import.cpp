// Importing a user's measurements: format detection, the project's reference CSV (the study's own
// files import without a skipped row), NeuronPerf's CSV and JSON reports mapped to deployments,
// plain CSVs with a column mapping, every skip reason with its line, and junk refused quickly.
#include "calibrate/measurement_import.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;
using calibrate::MeasurementSet;

namespace {

const QByteArray kHeader = "instance,mode,group_sizes,pipeline_cores,batch,clients,throughput_per_s,"
                           "latency_p50_ms,latency_p95_ms,latency_p99_ms\n";
// A row the built-in catalog accepts: line 2 of every file below.
const QByteArray kGoodRow = "inf1.xlarge,data_parallel,\"1,1,1,1\",1,1,4,245,15.0,16.5,17.2\n";

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

calibrate::ImportDefaults onXlarge() {
    calibrate::ImportDefaults defaults;
    defaults.instance = QStringLiteral("inf1.xlarge");
    return defaults;
}

QString describe(const Result<MeasurementSet>& set) {
    if (!set)
        return set.error().toString();
    QStringList lines;
    for (const auto& s : set->skipped)
        lines << s.reason;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestMeasurementImport : public QObject {
    Q_OBJECT
private slots:
    void detectsFormat_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("format");
        QTest::newRow("pipescope") << kHeader + kGoodRow << "pipescope-csv";
        QTest::newRow("pipescope after comments, BOM")
            << QByteArray("\xEF\xBB\xBF# measured 2026-11\n\n") + kHeader + kGoodRow << "pipescope-csv";
        QTest::newRow("neuronperf csv")
            << readFile(PIPESCOPE_TEST_DATA "/measurements/neuronperf_report.csv") << "neuronperf-csv";
        QTest::newRow("neuronperf json")
            << readFile(PIPESCOPE_TEST_DATA "/measurements/neuronperf_report.json") << "neuronperf-json";
        QTest::newRow("other csv") << readFile(PIPESCOPE_TEST_DATA "/measurements/loadtest_mapped.csv") << "";
        QTest::newRow("other json") << QByteArray("{\"a\": 1}") << "";
        QTest::newRow("empty") << QByteArray() << "";
        QTest::newRow("binary") << QByteArray("throughput_per_s,latency_p95_ms\0\x01", 34) << "";
    }
    void detectsFormat() {
        QFETCH(QByteArray, data);
        QFETCH(QString, format);
        QCOMPARE(calibrate::detectMeasurementFormat(data), format);
    }

    void csvColumnsSkipsComments() {
        const QStringList columns = calibrate::csvColumns("# note\n\n a , \"b,c\" ,d\n1,2,3\n");
        QCOMPARE(columns, (QStringList{"a", "b,c", "d"}));
        QVERIFY(calibrate::csvColumns(QByteArray(100 * 1024, 'x')).isEmpty());
    }

    // The study's own files, on disk and as shipped in the binary, import with nothing skipped.
    void studyFilesImportCleanly_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("rows");
        QTest::newRow("shared seed") << PIPESCOPE_REFERENCE_DIR "/seed-measurements.csv" << 6;
        QTest::newRow("shared 6xlarge") << PIPESCOPE_REFERENCE_DIR "/seed-measurements-6xlarge.csv" << 4;
        QTest::newRow("built-in seed") << ":/pipescope/reference/seed-measurements.csv" << 6;
        QTest::newRow("built-in 6xlarge") << ":/pipescope/reference/seed-measurements-6xlarge.csv" << 4;
    }
    void studyFilesImportCleanly() {
        QFETCH(QString, path);
        QFETCH(int, rows);
        const auto set = calibrate::readMeasurementsFile(path, hardware::Catalog::builtIn());
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        QCOMPARE(set->format, QStringLiteral("pipescope-csv"));
        QVERIFY2(set->skipped.empty(), qPrintable(describe(set)));
        QCOMPARE(int(set->rows.size()), rows);
        QCOMPARE(set->origin, QFileInfo(path).fileName());
    }

    void studyRowBecomesScenario() {
        const auto set = calibrate::readMeasurementsFile(PIPESCOPE_REFERENCE_DIR "/seed-measurements.csv",
                                                         hardware::Catalog::builtIn());
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        const calibrate::Measurement& pipeline = set->rows[1]; // inf1.xlarge,pipeline,4,4,1,4,291,13.8
        QCOMPARE(pipeline.line, 7);
        QCOMPARE(pipeline.scenario.instance, QStringLiteral("inf1.xlarge"));
        QCOMPARE(pipeline.scenario.groupSizes, QStringLiteral("4"));
        QCOMPARE(pipeline.scenario.pipelineCores, 4);
        QCOMPARE(pipeline.scenario.batch, 1);
        QCOMPARE(pipeline.scenario.workload.kind, sim::Workload::Kind::ClosedLoop);
        QCOMPARE(pipeline.scenario.workload.clients, 4);
        QCOMPARE(pipeline.scenario.workload.requests, 3000);
        QCOMPARE(pipeline.scenario.workload.warmup, 150);
        QCOMPARE(pipeline.scenario.model, QStringLiteral("bert-base-uncased"));
        QCOMPARE(pipeline.throughputPerSecond, 291.0);
        QCOMPARE(pipeline.latencyP95Ms, 13.8);
        QCOMPARE(pipeline.latencyP50Ms, 0.0); // not given
        const calibrate::Measurement& gpu = set->rows[4];
        QCOMPARE(gpu.scenario.instance, QStringLiteral("g4dn.xlarge"));
        QCOMPARE(gpu.scenario.groupSizes, QString());
    }

    // The example in docs/measurements-format.md imports as it stands.
    void documentedExampleImports() {
        const QString doc =
            QString::fromUtf8(readFile(PIPESCOPE_TEST_DATA "/../../docs/measurements-format.md"));
        const qsizetype start = doc.indexOf(QLatin1String("```\n"), doc.indexOf(QLatin1String("Example:")));
        const qsizetype end = doc.indexOf(QLatin1String("```"), start + 4);
        QVERIFY(start > 0 && end > start);
        const QByteArray example = doc.mid(start + 4, end - start - 4).toUtf8();
        const auto set = calibrate::importMeasurements(example, "example.csv", hardware::Catalog::builtIn());
        QVERIFY2(set.ok() && set->skipped.empty(), qPrintable(describe(set)));
        QCOMPARE(int(set->rows.size()), 4);
        QCOMPARE(set->rows[3].scenario.instance, QStringLiteral("g4dn.xlarge"));
    }

    void optionalColumns() {
        const QByteArray csv = "instance,group_sizes,batch,rate_per_s,throughput_per_s,latency_p95_ms,model,"
                               "sequence_length,workers\n"
                               "inf1.xlarge,\"1,1,1,1\",1,100,99.5,20,distilbert-base-uncased,64,2\n";
        const auto set = calibrate::importMeasurements(csv, "open.csv", hardware::Catalog::builtIn());
        QVERIFY2(set.ok() && set->skipped.empty(), qPrintable(describe(set)));
        const sim::Scenario& s = set->rows[0].scenario;
        QCOMPARE(s.workload.kind, sim::Workload::Kind::OpenLoop);
        QCOMPARE(s.workload.ratePerSecond, 100.0);
        QCOMPARE(s.model, QStringLiteral("distilbert-base-uncased"));
        QCOMPARE(s.sequenceLength, 64);
        QCOMPARE(s.workers, 2);
    }

    // A model named by a path must be a file or folder (a device would be read without end) or exist.
    void modelMustBeFileOrFolder() {
        const QByteArray csv = "instance,group_sizes,batch,clients,throughput_per_s,latency_p95_ms,model\n"
                               "inf1.xlarge,\"1,1,1,1\",1,4,245,16.5,/dev/zero\n"
                               "inf1.xlarge,\"1,1,1,1\",1,4,245,16.5,no-such-model\n"
                               "inf1.xlarge,\"1,1,1,1\",1,4,245,16.5,\n";
        const auto set = calibrate::importMeasurements(csv, "models.csv", hardware::Catalog::builtIn());
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        QCOMPARE(int(set->rows.size()), 1);
        QCOMPARE(int(set->skipped.size()), 2);
        QCOMPARE(set->skipped[0].reason,
                 QStringLiteral("line 2: model '/dev/zero' is neither a file nor a folder"));
        QVERIFY2(set->skipped[1].reason.startsWith("line 3: 'no-such-model' is neither a built-in model"),
                 qPrintable(set->skipped[1].reason));
    }

    // Each bad row is skipped with its line and why; the good row on line 2 is kept.
    void skipsBadRows_data() {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        const auto add = [](const char* name, const char* row, const char* reason) {
            QTest::newRow(name) << QByteArray(row) << QString::fromUtf8(reason);
        };
        add("p95 below p50", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,985,4.0,3.1,30\n",
            "line 3: latency_p95_ms 3.1 is below latency_p50_ms 4");
        add("p99 below p95", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,985,20,25,24\n",
            "line 3: latency_p99_ms 24 is below latency_p95_ms 25");
        add("not a number", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,abc,20,25,30\n",
            "line 3: throughput_per_s is not a number ('abc')");
        add("not finite", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,inf,20,25,30\n",
            "line 3: throughput_per_s is not a finite number ('inf')");
        add("duplicate", "inf1.xlarge,data_parallel,\"1,1,1,1\",1,1,4,250,15.2,16.9,17.9\n",
            "line 3: duplicate of line 2 (the same deployment and load)");
        add("grouping too large", "inf1.xlarge,pipeline,\"4,4,4,4,4\",4,1,4,291,12,13.8,15\n",
            "line 3: group_sizes 4,4,4,4,4: asks for 20 NeuronCores; inf1.xlarge has 4");
        add("groups unlike pipeline", "inf1.xlarge,pipeline,4,2,1,4,291,12,13.8,15\n",
            "line 3: group_sizes 4: group 1 has 4 NeuronCores but the model is compiled for 2");
        add("negative", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,-985,20,25,30\n",
            "line 3: throughput_per_s -985 is negative");
        add("zero batch", "inf1.xlarge,dp,\"1,1,1,1\",1,0,4,985,20,25,30\n", "line 3: batch is 0");
        add("fractional batch", "inf1.xlarge,dp,\"1,1,1,1\",1,2.5,4,985,20,25,30\n",
            "line 3: batch 2.5 is not a whole number");
        add("absurd batch", "inf1.xlarge,dp,\"1,1,1,1\",1,5000,4,985,20,25,30\n",
            "line 3: batch 5000 is absurd (above 4096)");
        add("absurd throughput", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,2e7,20,25,30\n",
            "line 3: throughput_per_s 2e+07 is absurd (above 1e+07)");
        add("absurd latency", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,985,20,25,4e6\n",
            "line 3: latency_p99_ms 4e+06 is absurd (above 3.6e+06)");
        add("missing p95", "inf1.xlarge,dp,\"1,1,1,1\",1,6,4,985,20,,30\n",
            "line 3: latency_p95_ms is empty");
        add("unknown instance", "inf9.huge,dp,\"1,1,1,1\",1,6,4,985,20,25,30\n",
            "line 3: unknown instance 'inf9.huge'; the catalog has ");
        add("wrong field count", "inf1.xlarge,dp,1,1\n", "line 3: has 4 fields, the header has 10");
        add("zero clients", "inf1.xlarge,dp,\"1,1,1,1\",1,6,0,985,20,25,30\n", "line 3: clients is 0");
    }
    void skipsBadRows() {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        const auto set =
            calibrate::importMeasurements(kHeader + kGoodRow + row, "mine.csv", hardware::Catalog::builtIn());
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        QCOMPARE(int(set->rows.size()), 1);
        QCOMPARE(set->rows[0].line, 2);
        QCOMPARE(int(set->skipped.size()), 1);
        QCOMPARE(set->skipped[0].line, 3);
        QVERIFY2(set->skipped[0].reason.startsWith(reason), qPrintable(set->skipped[0].reason));
        QVERIFY(!set->skipped[0].reason.contains(QLatin1Char('\n')));
    }

    void neuronPerfReports_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("unit");
        QTest::newRow("csv") << "neuronperf_report.csv"
                             << "neuronperf-csv"
                             << "line";
        QTest::newRow("json") << "neuronperf_report.json"
                              << "neuronperf-json"
                              << "record";
    }
    // n_models copies of pipeline_size cores, n_models x workers_per_model clients, a process per model.
    void neuronPerfReports() {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, unit);
        const auto set =
            calibrate::readMeasurementsFile(QStringLiteral(PIPESCOPE_TEST_DATA "/measurements/") + file,
                                            hardware::Catalog::builtIn(), onXlarge());
        QVERIFY2(set.ok(), qPrintable(describe(set)));
        QCOMPARE(set->format, format);
        struct Expected {
            QString groups;
            int pipeline, clients, workers;
        };
        const std::vector<Expected> expected = {
            {"1", 1, 1, 1}, {"1", 1, 2, 1}, {"1,1,1,1", 1, 4, 4}, {"1,1,1,1", 1, 8, 4}, {"4", 4, 4, 1}};
        QCOMPARE(set->rows.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const sim::Scenario& s = set->rows[i].scenario;
            QCOMPARE(s.instance, QStringLiteral("inf1.xlarge"));
            QCOMPARE(s.groupSizes, expected[i].groups);
            QCOMPARE(s.pipelineCores, expected[i].pipeline);
            QCOMPARE(s.workload.clients, expected[i].clients);
            QCOMPARE(s.workers, expected[i].workers);
            QCOMPARE(s.batch, 1);
        }
        QCOMPARE(set->rows[2].throughputPerSecond, 245.0);
        QCOMPARE(set->rows[2].latencyP50Ms, 15.2);
        QCOMPARE(set->rows[2].latencyP95Ms, 16.5);
        QCOMPARE(set->rows[2].latencyP99Ms, 17.4);
        const int errorRow = unit == QLatin1String("line") ? 7 : 6;
        QCOMPARE(int(set->skipped.size()), 1);
        QCOMPARE(set->skipped[0].line, errorRow);
        QCOMPARE(set->skipped[0].reason,
                 QStringLiteral("%1 %2: status is 'error', not finished").arg(unit).arg(errorRow));
    }

    void neuronPerfThreadsShareOneProcess() {
        const QByteArray csv =
            "n_models,workers_per_model,pipeline_size,batch_size,multiprocess,throughput_avg,"
            "latency_ms_p95\n4,2,1,1,False,250,33\n";
        const auto set =
            calibrate::importMeasurements(csv, "np.csv", hardware::Catalog::builtIn(), onXlarge());
        QVERIFY2(set.ok() && set->skipped.empty(), qPrintable(describe(set)));
        QCOMPARE(set->rows[0].scenario.workers, 1);
        QCOMPARE(set->rows[0].scenario.workload.clients, 8);
    }

    void neuronPerfNeedsAnInstance() {
        const auto set = calibrate::readMeasurementsFile(
            PIPESCOPE_TEST_DATA "/measurements/neuronperf_report.csv", hardware::Catalog::builtIn());
        QVERIFY(!set.ok());
        QVERIFY2(set.error().toString().contains("line 2: no instance"), qPrintable(set.error().toString()));
    }

    void mappedCsv() {
        const calibrate::ColumnMapping mapping = {
            {"instance", "Instance Type"},  {"group_sizes", "NEURONCORE_GROUP_SIZES"},
            {"pipeline_cores", "Pipeline"}, {"batch", "Batch"},
            {"clients", "Concurrency"},     {"throughput_per_s", "Throughput (inf/s)"},
            {"latency_p50_ms", "p50 (ms)"}, {"latency_p95_ms", "p95 (ms)"},
            {"latency_p99_ms", "p99 (ms)"}, {"workers", ""}};
        const QByteArray data = readFile(PIPESCOPE_TEST_DATA "/measurements/loadtest_mapped.csv");
        const auto set =
            calibrate::importMappedCsv(data, "loadtest.csv", mapping, hardware::Catalog::builtIn());
        QVERIFY2(set.ok() && set->skipped.empty(), qPrintable(describe(set)));
        QCOMPARE(set->format, QStringLiteral("mapped-csv"));
        QCOMPARE(int(set->rows.size()), 3);
        QCOMPARE(set->rows[1].scenario.groupSizes, QStringLiteral("4"));
        QCOMPARE(set->rows[2].scenario.batch, 6);
        QCOMPARE(set->rows[2].throughputPerSecond, 980.0);
        QCOMPARE(set->rows[2].latencyP99Ms, 26.0);

        // A bad cell is named by the user's own column.
        QByteArray bad = data;
        bad.replace("980", "fast");
        const auto skipped =
            calibrate::importMappedCsv(bad, "loadtest.csv", mapping, hardware::Catalog::builtIn());
        QVERIFY2(skipped.ok(), qPrintable(describe(skipped)));
        QCOMPARE(skipped->skipped[0].reason,
                 QStringLiteral("line 4: Throughput (inf/s) is not a number ('fast')"));
    }

    void mappingErrors_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field") << "speed"
                                       << "Batch"
                                       << "'speed' is not a measurement field";
        QTest::newRow("column not in header")
            << "batch"
            << "Batch size"
            << "the column 'Batch size' mapped to batch is not in the header";
        QTest::newRow("required field unmapped") << "latency_p95_ms"
                                                 << ""
                                                 << "gives no column for latency_p95_ms";
    }
    void mappingErrors() {
        QFETCH(QString, field);
        QFETCH(QString, column);
        QFETCH(QString, message);
        calibrate::ColumnMapping mapping = {{"instance", "Instance Type"},
                                            {"group_sizes", "NEURONCORE_GROUP_SIZES"},
                                            {"batch", "Batch"},
                                            {"clients", "Concurrency"},
                                            {"throughput_per_s", "Throughput (inf/s)"},
                                            {"latency_p95_ms", "p95 (ms)"}};
        mapping[field] = column;
        const auto set =
            calibrate::importMappedCsv(readFile(PIPESCOPE_TEST_DATA "/measurements/loadtest_mapped.csv"),
                                       "loadtest.csv", mapping, hardware::Catalog::builtIn());
        QVERIFY(!set.ok());
        QVERIFY2(set.error().toString().contains(message), qPrintable(set.error().toString()));
    }

    // Files that cannot be used at all: an Error naming the file (and the line when there is one).
    void refusesFiles_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << "bad.csv: is empty";
        QTest::newRow("blank") << QByteArray(" \n\n") << "bad.csv: is empty";
        QTest::newRow("header only") << kHeader << "bad.csv: has no measurement rows";
        QTest::newRow("missing column")
            << QByteArray("instance,group_sizes,batch,clients,throughput_per_s,latency_p50_ms\n")
            << "bad.csv:1: the header has no latency_p95_ms column";
        QTest::newRow("no usable row")
            << kHeader + "inf1.xlarge,dp,\"1,1,1,1\",1,1,4,x,1,2,3\n"
            << "bad.csv: has no usable row; line 2: throughput_per_s is not a number";
        QTest::newRow("binary") << QByteArray("\x7f"
                                              "ELF\x02\x01\x01\0\0\0",
                                              10)
                                << "is binary (a NUL byte at offset 7)";
        QTest::newRow("unknown csv") << QByteArray("a,b,c\n1,2,3\n")
                                     << "is not a known measurements format: its header (a,b,c)";
        QTest::newRow("json scalar") << QByteArray("42") << "bad.csv: is not a known measurements format";
        QTest::newRow("json object, not a report")
            << QByteArray("{\"note\": \"n_models\"}") << "bad.csv: is JSON but not a NeuronPerf report";
        QTest::newRow("json not a report")
            << QByteArray("{\"x\": 1}") << "is JSON without NeuronPerf's n_models";
        QTest::newRow("json broken") << QByteArray("[{\"n_models\": 1,") << "bad.csv: is not valid JSON";
        QTest::newRow("json deep") << "{\"n_models\": " + QByteArray(100000, '[') + QByteArray(100000, ']') +
                                          "}"
                                   << "bad.csv: is not valid JSON";
        QTest::newRow("neuronperf without p95")
            << QByteArray(
                   "n_models,workers_per_model,pipeline_size,batch_size,throughput_avg,latency_ms_p50\n")
            << "bad.csv:1: the header has no latency_ms_p95 column";
        QTest::newRow("json records not objects")
            << QByteArray("[1, \"n_models\"]") << "record 1: is not a report object";
    }
    void refusesFiles() {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        const auto set =
            calibrate::importMeasurements(data, "bad.csv", hardware::Catalog::builtIn(), onXlarge());
        QVERIFY2(!set.ok(), qPrintable(describe(set)));
        QVERIFY2(set.error().toString().contains(message), qPrintable(set.error().toString()));
        QVERIFY(!set.error().toString().contains(QLatin1Char('\n')));
    }

    void refusesBadDefaults() {
        calibrate::ImportDefaults defaults;
        defaults.requests = 0;
        const auto set = calibrate::importMeasurements(kHeader + kGoodRow, "mine.csv",
                                                       hardware::Catalog::builtIn(), defaults);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().toString(),
                 QStringLiteral("requests: must be from 1 to 10000000 simulated requests per row, got 0"));
        defaults = {};
        defaults.model = QStringLiteral(" ");
        const auto mapped = calibrate::importMappedCsv(kHeader + kGoodRow, "mine.csv", {},
                                                       hardware::Catalog::builtIn(), defaults);
        QVERIFY(!mapped.ok());
        QVERIFY2(mapped.error().toString().startsWith("model: is empty"),
                 qPrintable(mapped.error().toString()));
    }

    // A few MB of junk, bare or after a valid header, is refused in well under a second or two.
    void junkIsRefusedQuickly_data() {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QString>("message");
        QTest::newRow("bare junk") << QByteArray() << "bad.csv";
        QTest::newRow("junk after a header") << kHeader << "bad.csv:";
        QTest::newRow("junk after a NeuronPerf header")
            << QByteArray(
                   "n_models,workers_per_model,pipeline_size,batch_size,throughput_avg,latency_ms_p95\n")
            << "bad.csv:";
    }
    void junkIsRefusedQuickly() {
        QFETCH(QByteArray, prefix);
        QFETCH(QString, message);
        QRandomGenerator random(7);
        QByteArray junk = prefix;
        const char alphabet[] = "abc,,,\"\n0123456789.-e ";
        junk.reserve(4 << 20);
        while (junk.size() < (4 << 20))
            junk.append(alphabet[random.bounded(int(sizeof(alphabet) - 1))]);
        QElapsedTimer timer;
        timer.start();
        const auto set =
            calibrate::importMeasurements(junk, "bad.csv", hardware::Catalog::builtIn(), onXlarge());
        qInfo("4 MiB of junk: %lld ms", timer.elapsed());
        QVERIFY2(!set.ok(), qPrintable(describe(set).left(300)));
        QVERIFY2(set.error().toString().startsWith(message), qPrintable(set.error().toString()));
        QVERIFY(timer.elapsed() < 10000);
    }

    void largeFileIsRefusedBeforeReading() {
        QTemporaryDir dir;
        QFile file(dir.filePath("huge.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(100LL * 1024 * 1024)); // sparse: nothing is written
        file.close();
        const auto set = calibrate::readMeasurementsFile(file.fileName(), hardware::Catalog::builtIn());
        QVERIFY(!set.ok());
        QVERIFY2(set.error().toString().contains("is 100 MiB; a measurements file is at most 64 MiB"),
                 qPrintable(set.error().toString()));
        const auto missing =
            calibrate::readMeasurementsFile(dir.filePath("none.csv"), hardware::Catalog::builtIn());
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().toString().contains("cannot open"), qPrintable(missing.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestMeasurementImport)
#include "tst_measurement_import.moc"
