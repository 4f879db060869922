// `pipescope simulate`, `validate`, `models` and `instances` run as a user runs them: the JSON
// carries the documented keys, the same inputs and seed print byte-identical JSON, and every bad
// flag or value is one line on stderr naming the flag, with exit code 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "run_pipescope.h"

namespace {

Outcome run(const QStringList& args) {
    return runPipescope(args);
}

const QStringList kStudyPipeline = {QStringLiteral("simulate"),
                                    QStringLiteral("--model"),
                                    QStringLiteral("bert-base-uncased"),
                                    QStringLiteral("--instance"),
                                    QStringLiteral("inf1.xlarge"),
                                    QStringLiteral("--group-sizes"),
                                    QStringLiteral("4"),
                                    QStringLiteral("--pipeline-cores"),
                                    QStringLiteral("4"),
                                    QStringLiteral("--batch"),
                                    QStringLiteral("1"),
                                    QStringLiteral("--seq-len"),
                                    QStringLiteral("128"),
                                    QStringLiteral("--clients"),
                                    QStringLiteral("4"),
                                    QStringLiteral("--requests"),
                                    QStringLiteral("3000"),
                                    QStringLiteral("--json")};

} // namespace

class TestCliSimulate : public QObject {
    Q_OBJECT
private slots:
    void jsonHasTheDocumentedKeys() {
        const Outcome o = run(kStudyPipeline);
        QCOMPARE(o.exitCode, 0);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(o.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(json.value(QStringLiteral("throughput_per_s")).toDouble() > 0);
        const QJsonObject latency = json.value(QStringLiteral("latency_ms")).toObject();
        for (const char* key : {"mean", "p50", "p90", "p95", "p99", "max"})
            QVERIFY2(latency.value(QLatin1String(key)).toDouble() > 0, key);
        // How far the p95 would move with another seed: known for 3,000 requests, and a small part
        // of the p95 itself.
        const double p95Error = latency.value(QStringLiteral("p95_standard_error")).toDouble();
        QVERIFY2(p95Error > 0 && p95Error < 0.05 * latency.value(QStringLiteral("p95")).toDouble(),
                 qPrintable(QString::number(p95Error)));
        QVERIFY(json.value(QStringLiteral("cost_per_million_usd")).toDouble() > 0);
        const QJsonArray cores = json.value(QStringLiteral("cores")).toArray();
        QCOMPARE(cores.size(), 4);
        for (const auto& c : cores) {
            const QJsonObject core = c.toObject();
            QVERIFY(core.contains(QStringLiteral("id")) && core.contains(QStringLiteral("chip")));
            const double u = core.value(QStringLiteral("utilization")).toDouble(-1);
            QVERIFY(u > 0 && u <= 1);
        }
        QVERIFY(json.value(QStringLiteral("events")).toDouble() > 0);
        QVERIFY(json.contains(QStringLiteral("wall_seconds")));
    }

    void sameSeedSameBytes() {
        auto strip = [](const QByteArray& out) {
            QJsonObject json = QJsonDocument::fromJson(out).object();
            json.remove(QStringLiteral("wall_seconds"));
            return QJsonDocument(json).toJson();
        };
        const Outcome a = run(kStudyPipeline);
        const Outcome b = run(kStudyPipeline);
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(strip(a.out), strip(b.out));
        // Everything but the wall time is printed byte for byte the same.
        QByteArrayList la = a.out.split('\n'), lb = b.out.split('\n');
        QCOMPARE(la.size(), lb.size());
        for (int i = 0; i < la.size(); ++i)
            if (!la[i].contains("wall_seconds"))
                QCOMPARE(la[i], lb[i]);
        QStringList other = kStudyPipeline;
        other << QStringLiteral("--seed") << QStringLiteral("99");
        QVERIFY(strip(run(other).out) != strip(a.out));
    }

    void openLoopAndGpu() {
        const Outcome open =
            run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("inf1.xlarge"),
                 QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--json")});
        QCOMPARE(open.exitCode, 0);
        const double thr =
            QJsonDocument::fromJson(open.out).object().value(QStringLiteral("throughput_per_s")).toDouble();
        QVERIFY2(std::abs(thr - 100) < 10, qPrintable(QString::number(thr)));
        const Outcome gpu =
            run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("g4dn.xlarge"),
                 QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--json")});
        QCOMPARE(gpu.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(gpu.out).object().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("gpu"));
        // The text report says how sure its p95 is; a run too short to tell says nothing.
        const Outcome text =
            run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("inf1.xlarge"),
                 QStringLiteral("--rate"), QStringLiteral("100")});
        QVERIFY2(text.out.contains("p95 sampling    ± "), text.out.constData());
        const Outcome shortRun =
            run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("inf1.xlarge"),
                 QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--requests"),
                 QStringLiteral("200")});
        QCOMPARE(shortRun.exitCode, 0);
        QVERIFY(!shortRun.out.contains("p95 sampling"));
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        const QString sim = QStringLiteral("simulate");
        QTest::newRow("unknown flag") << QStringList{sim, QStringLiteral("--bogus")} << "--bogus";
        QTest::newRow("missing value") << QStringList{sim, QStringLiteral("--batch")} << "--batch";
        QTest::newRow("batch 0") << QStringList{sim, QStringLiteral("--batch"), QStringLiteral("0")}
                                 << "--batch";
        QTest::newRow("batch word") << QStringList{sim, QStringLiteral("--batch"), QStringLiteral("six")}
                                    << "--batch";
        QTest::newRow("absurd batch")
            << QStringList{sim, QStringLiteral("--batch"), QStringLiteral("1000000000000")} << "--batch";
        QTest::newRow("instance") << QStringList{sim, QStringLiteral("--instance"), QStringLiteral("p9.huge")}
                                  << "--instance";
        QTest::newRow("dtype") << QStringList{sim, QStringLiteral("--dtype"), QStringLiteral("fp8")}
                               << "--dtype";
        QTest::newRow("prices") << QStringList{sim, QStringLiteral("--prices"), QStringLiteral("2030")}
                                << "--prices";
        QTest::newRow("rate negative")
            << QStringList{sim, QStringLiteral("--rate"), QStringLiteral("-5")} << "--rate";
        QTest::newRow("clients and rate")
            << QStringList{sim, QStringLiteral("--clients"), QStringLiteral("2"), QStringLiteral("--rate"),
                           QStringLiteral("5")}
            << "--clients";
        QTest::newRow("group string")
            << QStringList{sim, QStringLiteral("--group-sizes"), QStringLiteral("1,,1")}
            << "NEURONCORE_GROUP_SIZES";
        QTest::newRow("too many cores")
            << QStringList{sim, QStringLiteral("--group-sizes"), QStringLiteral("8"),
                           QStringLiteral("--pipeline-cores"), QStringLiteral("8")}
            << "pipeline cores";
        QTest::newRow("gpu pipeline")
            << QStringList{sim, QStringLiteral("--instance"), QStringLiteral("g4dn.xlarge"),
                           QStringLiteral("--pipeline-cores"), QStringLiteral("4")}
            << "--pipeline-cores";
        QTest::newRow("unknown model")
            << QStringList{sim, QStringLiteral("--model"), QStringLiteral("gpt-17")} << "gpt-17";
        QTest::newRow("positional") << QStringList{sim, QStringLiteral("inf1")} << "inf1";
        QTest::newRow("validate flag")
            << QStringList{QStringLiteral("validate"), QStringLiteral("--requests"), QStringLiteral("-1")}
            << "--requests";
        QTest::newRow("instances flag")
            << QStringList{QStringLiteral("instances"), QStringLiteral("--all")} << "--all";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Outcome o = run(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.out.isEmpty());
        const QStringList errLines = o.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.first().contains(mentions), qPrintable(errLines.first()));
    }

    void validateReportsEveryRow() {
        const Outcome o = run({QStringLiteral("validate"), QStringLiteral("--json"),
                               QStringLiteral("--requests"), QStringLiteral("5000")});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(o.out).object();
        const QJsonArray rows = json.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 10); // all ten rows of the 2021 study
        for (const auto& r : rows) {
            const QJsonObject row = r.toObject();
            QVERIFY(row.value(QStringLiteral("measured"))
                        .toObject()
                        .contains(QStringLiteral("throughput_per_s")));
            QVERIFY(
                row.value(QStringLiteral("simulated")).toObject().contains(QStringLiteral("latency_p95_ms")));
            QVERIFY(row.contains(QStringLiteral("throughput_error_percent")));
            QVERIFY(!row.value(QStringLiteral("bottleneck")).toString().isEmpty());
        }
        // The study's headline ratios and the targets come with the rows.
        const QJsonArray claims = json.value(QStringLiteral("claims")).toArray();
        QCOMPARE(claims.size(), 7);
        QVERIFY(claims.first()
                    .toObject()
                    .value(QStringLiteral("claim"))
                    .toString()
                    .startsWith(QLatin1String("PP16")));
        QVERIFY(json.value(QStringLiteral("targets"))
                    .toObject()
                    .contains(QStringLiteral("headline_between_10x_and_14x")));
        QVERIFY(!json.contains(QStringLiteral("cross_validation")));
        QVERIFY(json.value(QStringLiteral("throughput_mape_percent")).toDouble(100) < 5);
        QVERIFY(json.value(QStringLiteral("p95_mape_percent")).toDouble(100) < 10);
        const Outcome text =
            run({QStringLiteral("validate"), QStringLiteral("--requests"), QStringLiteral("2000")});
        QVERIFY(text.out.contains("mean absolute percentage error"));
    }

    void catalogListings() {
        const Outcome models = run({QStringLiteral("models")});
        QCOMPARE(models.exitCode, 0);
        QVERIFY(models.out.contains("bert-base-uncased"));
        QVERIFY(models.out.contains("109.48M"));
        const Outcome instances = run({QStringLiteral("instances")});
        QCOMPARE(instances.exitCode, 0);
        for (const char* name :
             {"inf1.xlarge", "inf1.2xlarge", "inf1.6xlarge", "inf1.24xlarge", "g4dn.xlarge"})
            QVERIFY2(instances.out.contains(name), name);
        QVERIFY(instances.out.contains("0.368"));
    }
};

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "tst_cli_simulate.moc"
