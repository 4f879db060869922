// `pipescope sweep` and `pipescope load-curve` run as a user runs them: the JSON carries the
// documented keys, the same flags print the same numbers, the CSV has a row per deployment, and
// every bad flag or value is one line on stderr naming the flag, with exit code 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "run_pipescope.h"

namespace {

Outcome run(const QStringList& args) {
    return runPipescope(args);
}

const QStringList kSweep = {
    QStringLiteral("sweep"),       QStringLiteral("--model"),      QStringLiteral("bert-base-uncased"),
    QStringLiteral("--instances"), QStringLiteral("inf1.xlarge"),  QStringLiteral("--batches"),
    QStringLiteral("1,4"),         QStringLiteral("--max-p95-ms"), QStringLiteral("40"),
    QStringLiteral("--load"),      QStringLiteral("1500"),         QStringLiteral("--json")};

QJsonObject withoutWallTime(const QByteArray& out) {
    QJsonObject json = QJsonDocument::fromJson(out).object();
    json.remove(QStringLiteral("wall_seconds"));
    return json;
}

} // namespace

class TestCliSweep : public QObject {
    Q_OBJECT
private slots:
    void sweepJsonHasTheDocumentedKeys() {
        const Outcome o = run(kSweep);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(o.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray deployments = json.value(QStringLiteral("deployments")).toArray();
        QCOMPARE(deployments.size(), 4 * 2); // groups of 1, 2, 3 and 4 cores, two batches
        int pareto = 0;
        for (const auto& d : deployments) {
            const QJsonObject o = d.toObject();
            for (const char* key : {"instance", "group_sizes", "pipeline_cores", "batch", "saturation_per_s",
                                    "max_rate_at_sla_per_s", "closed_loop", "latency_ms",
                                    "cost_per_million_usd", "pareto", "sla_within_noise", "bottleneck"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            // A rate that meets the target only within the p95's noise is flagged, and says so.
            QCOMPARE(o.value(QStringLiteral("reason"))
                         .toString()
                         .contains(QStringLiteral("only within sampling noise")),
                     o.value(QStringLiteral("sla_within_noise")).toBool());
            QCOMPARE(o.value(QStringLiteral("instance")).toString(), QStringLiteral("inf1.xlarge"));
            QVERIFY(o.value(QStringLiteral("saturation_per_s")).toDouble() > 0);
            const QJsonObject latency = o.value(QStringLiteral("latency_ms")).toObject();
            QVERIFY(latency.contains(QStringLiteral("p50")) && latency.contains(QStringLiteral("p99")));
            // 2,000 requests per point: the p95's sampling error is known, and small.
            const double error = latency.value(QStringLiteral("p95_standard_error")).toDouble();
            QVERIFY2(error > 0 && error < 0.1 * latency.value(QStringLiteral("p95")).toDouble(),
                     qPrintable(QString::number(error)));
            pareto += o.value(QStringLiteral("pareto")).toBool() ? 1 : 0;
        }
        QVERIFY(pareto >= 1);
        const QJsonObject rec = json.value(QStringLiteral("recommendation")).toObject();
        for (const char* key : {"cheapest", "fastest"}) {
            const QJsonObject pick = rec.value(QLatin1String(key)).toObject();
            QVERIFY2(!pick.isEmpty(), key);
            QVERIFY(pick.value(QStringLiteral("cost_per_million_usd")).toDouble() > 0);
            QVERIFY(
                pick.value(QStringLiteral("latency_ms")).toObject().value(QStringLiteral("p95")).toDouble() <=
                40);
            QVERIFY(pick.value(QStringLiteral("reason")).toString().contains(QStringLiteral("bound by")));
        }
        // The cheapest clear of the noise is given only when the cheapest is unsure.
        QVERIFY(rec.contains(QStringLiteral("cheapest_clear")));
        if (!rec.value(QStringLiteral("cheapest"))
                 .toObject()
                 .value(QStringLiteral("sla_within_noise"))
                 .toBool())
            QVERIFY(rec.value(QStringLiteral("cheapest_clear")).isNull());
        else if (!rec.value(QStringLiteral("cheapest_clear")).isNull())
            QVERIFY(!rec.value(QStringLiteral("cheapest_clear"))
                         .toObject()
                         .value(QStringLiteral("sla_within_noise"))
                         .toBool());
        // Those the fastest cannot be told from, by label; its reason names them when there are any.
        QVERIFY(rec.value(QStringLiteral("fastest_tied_with")).isArray());
        const QJsonArray tied = rec.value(QStringLiteral("fastest_tied_with")).toArray();
        const QString fastestReason =
            rec.value(QStringLiteral("fastest")).toObject().value(QStringLiteral("reason")).toString();
        QCOMPARE(fastestReason.contains(QStringLiteral("tied within sampling noise")), !tied.isEmpty());
        for (const auto& label : tied)
            QVERIFY2(label.toString().startsWith(QStringLiteral("inf1.xlarge ")),
                     qPrintable(label.toString()));
        // The same flags give the same numbers.
        QCOMPARE(withoutWallTime(run(kSweep).out), withoutWallTime(o.out));
        QCOMPARE(json.value(QStringLiteral("requests_per_point")).toInt(), 2000);
        QCOMPARE(json.value(QStringLiteral("points_per_curve")).toInt(), 8);
    }

    // --requests and --points set every curve: the runs and requests counted are what they ask for
    // (a probe of half a point's requests, warm-ups of 100 and a tenth of the probe's), and
    // `load-curve` with the same flags draws the same curve for a deployment of the sweep.
    void requestsAndPointsSetTheCurves() {
        const QStringList quick = {
            QStringLiteral("--instances"), QStringLiteral("inf1.xlarge"), QStringLiteral("--batches"),
            QStringLiteral("1"),           QStringLiteral("--requests"),  QStringLiteral("500"),
            QStringLiteral("--points"),    QStringLiteral("4"),           QStringLiteral("--json")};
        const Outcome o = run(QStringList{QStringLiteral("sweep")} + quick);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject json = QJsonDocument::fromJson(o.out).object();
        QCOMPARE(json.value(QStringLiteral("requests_per_point")).toInt(), 500);
        QCOMPARE(json.value(QStringLiteral("points_per_curve")).toInt(), 4);
        const QJsonArray deployments = json.value(QStringLiteral("deployments")).toArray();
        QCOMPARE(deployments.size(), 4);
        QCOMPARE(json.value(QStringLiteral("simulations")).toInt(), 4 * (1 + 1 + 4));
        QCOMPARE(json.value(QStringLiteral("simulated_requests")).toDouble(),
                 4.0 * ((250 + 25) + (500 + 100) + 4 * (500 + 100)));

        QJsonObject pipeline;
        for (const auto& d : deployments)
            if (d.toObject().value(QStringLiteral("group_sizes")).toString() == QStringLiteral("4"))
                pipeline = d.toObject();
        QVERIFY(!pipeline.isEmpty());
        const QStringList curveArgs = {QStringLiteral("load-curve"),  QStringLiteral("--instance"),
                                       QStringLiteral("inf1.xlarge"), QStringLiteral("--group-sizes"),
                                       QStringLiteral("4"),           QStringLiteral("--pipeline-cores"),
                                       QStringLiteral("4"),           QStringLiteral("--batch"),
                                       QStringLiteral("1"),           QStringLiteral("--json")};
        const Outcome c = run(curveArgs + QStringList{QStringLiteral("--requests"), QStringLiteral("500"),
                                                      QStringLiteral("--points"), QStringLiteral("4")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        const QJsonObject curve = QJsonDocument::fromJson(c.out).object();
        QCOMPARE(curve.value(QStringLiteral("requests_per_point")).toInt(), 500);
        QCOMPARE(curve.value(QStringLiteral("points")).toArray().size(), 4);
        QCOMPARE(curve.value(QStringLiteral("saturation_per_s")).toDouble(),
                 pipeline.value(QStringLiteral("saturation_per_s")).toDouble());
        QCOMPARE(curve.value(QStringLiteral("knee_per_s")).toDouble(),
                 pipeline.value(QStringLiteral("knee_per_s")).toDouble());

        // Fewer requests, a less certain p95: the same offered rate measured with 500 and 5,000
        // (ten times the requests: about a third of the error).
        const auto p95Error = [&](const QString& requests) {
            const Outcome r = run(curveArgs + QStringList{QStringLiteral("--rates"), QStringLiteral("200"),
                                                          QStringLiteral("--requests"), requests});
            return QJsonDocument::fromJson(r.out)
                .object()
                .value(QStringLiteral("points"))
                .toArray()
                .at(0)
                .toObject()
                .value(QStringLiteral("latency_ms"))
                .toObject()
                .value(QStringLiteral("p95_standard_error"))
                .toDouble();
        };
        const double few = p95Error(QStringLiteral("500")), many = p95Error(QStringLiteral("5000"));
        QVERIFY2(many > 0 && few > 1.5 * many, qPrintable(QStringLiteral("%1 vs %2").arg(few).arg(many)));
    }

    void sweepCsvAndText() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sweep.csv"));
        QStringList args = kSweep.mid(0, kSweep.size() - 1);
        args << QStringLiteral("--csv") << path;
        const Outcome o = run(args);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(o.out.contains("cheapest:"));
        QVERIFY(o.out.contains("Pareto front"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 8);
        QVERIFY(lines.front().startsWith("instance,mode,group_sizes"));
        QVERIFY(lines.front().endsWith(",bottleneck,sla_within_noise"));
        QVERIFY(lines[1].endsWith(",true") || lines[1].endsWith(",false"));
    }

    void loadCurveJson() {
        const Outcome o =
            run({QStringLiteral("load-curve"), QStringLiteral("--instance"), QStringLiteral("inf1.xlarge"),
                 QStringLiteral("--group-sizes"), QStringLiteral("4"), QStringLiteral("--pipeline-cores"),
                 QStringLiteral("4"), QStringLiteral("--batch"), QStringLiteral("1"),
                 QStringLiteral("--points"), QStringLiteral("6"), QStringLiteral("--json")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject json = QJsonDocument::fromJson(o.out).object();
        const QJsonArray points = json.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 6);
        double previous = 0;
        for (const auto& p : points) {
            const QJsonObject point = p.toObject();
            const double rate = point.value(QStringLiteral("rate_per_s")).toDouble();
            QVERIFY(rate > previous);
            previous = rate;
            QVERIFY(point.value(QStringLiteral("throughput_per_s")).toDouble() > 0);
            const QJsonObject latency = point.value(QStringLiteral("latency_ms")).toObject();
            QVERIFY(latency.value(QStringLiteral("p50")).toDouble() > 0);
            QVERIFY(latency.value(QStringLiteral("p95")).toDouble() >=
                    latency.value(QStringLiteral("p50")).toDouble());
            QVERIFY(latency.value(QStringLiteral("p99")).toDouble() >=
                    latency.value(QStringLiteral("p95")).toDouble());
        }
        QVERIFY(json.value(QStringLiteral("saturation_per_s")).toDouble() > 0);
        QVERIFY(json.value(QStringLiteral("knee_per_s")).toDouble() > 0);
        // The closed loop: a client per core of the 4-core pipeline.
        const QJsonObject closed = json.value(QStringLiteral("closed_loop")).toObject();
        QCOMPARE(closed.value(QStringLiteral("clients")).toInt(), 4);
        QVERIFY(closed.value(QStringLiteral("throughput_per_s")).toDouble() > 0);
        QVERIFY(closed.value(QStringLiteral("throughput_per_s")).toDouble() <=
                json.value(QStringLiteral("saturation_per_s")).toDouble());
        QVERIFY(
            closed.value(QStringLiteral("latency_ms")).toObject().value(QStringLiteral("p95")).toDouble() >
            0);
    }

    void loadCurveExplicitRates() {
        const Outcome o =
            run({QStringLiteral("load-curve"), QStringLiteral("--instance"), QStringLiteral("g4dn.xlarge"),
                 QStringLiteral("--batch"), QStringLiteral("8"), QStringLiteral("--rates"),
                 QStringLiteral("200,50"), QStringLiteral("--json")});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonArray points =
            QJsonDocument::fromJson(o.out).object().value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].toObject().value(QStringLiteral("rate_per_s")).toDouble(), 50.0);
        QCOMPARE(points[1].toObject().value(QStringLiteral("rate_per_s")).toDouble(), 200.0);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        const QString sw = QStringLiteral("sweep");
        const QString lc = QStringLiteral("load-curve");
        QTest::newRow("sweep unknown flag") << QStringList{sw, QStringLiteral("--bogus")} << "--bogus";
        QTest::newRow("sweep instance")
            << QStringList{sw, QStringLiteral("--instances"), QStringLiteral("inf1.xlarge,p9")}
            << "--instances";
        QTest::newRow("sweep batch") << QStringList{sw, QStringLiteral("--batches"), QStringLiteral("1,two")}
                                     << "--batches";
        QTest::newRow("sweep batch 0")
            << QStringList{sw, QStringLiteral("--batches"), QStringLiteral("0")} << "--batches";
        QTest::newRow("sweep grouping")
            << QStringList{sw, QStringLiteral("--groupings"), QStringLiteral("4,4;1,,1")} << "--groupings";
        QTest::newRow("sweep p95") << QStringList{sw, QStringLiteral("--max-p95-ms"), QStringLiteral("-1")}
                                   << "--max-p95-ms";
        QTest::newRow("sweep load") << QStringList{sw, QStringLiteral("--load"), QStringLiteral("lots")}
                                    << "--load";
        QTest::newRow("sweep prices")
            << QStringList{sw, QStringLiteral("--prices"), QStringLiteral("2030")} << "--prices";
        QTest::newRow("sweep json and csv")
            << QStringList{sw, QStringLiteral("--json"), QStringLiteral("--csv"), QStringLiteral("x.csv")}
            << "--csv";
        QTest::newRow("sweep requests")
            << QStringList{sw, QStringLiteral("--requests"), QStringLiteral("50")} << "--requests";
        QTest::newRow("sweep points")
            << QStringList{sw, QStringLiteral("--points"), QStringLiteral("2")} << "--points";
        QTest::newRow("curve requests")
            << QStringList{lc, QStringLiteral("--requests"), QStringLiteral("2000000")} << "--requests";
        QTest::newRow("sweep model") << QStringList{sw, QStringLiteral("--model"),
                                                    QStringLiteral("no-such-model")}
                                     << "no-such-model";
        QTest::newRow("curve instance")
            << QStringList{lc, QStringLiteral("--instance"), QStringLiteral("p9")} << "--instance";
        QTest::newRow("curve rates") << QStringList{lc, QStringLiteral("--rates"), QStringLiteral("100,-2")}
                                     << "--rates";
        QTest::newRow("curve points")
            << QStringList{lc, QStringLiteral("--points"), QStringLiteral("2")} << "--points";
        QTest::newRow("curve rates and points")
            << QStringList{lc, QStringLiteral("--rates"), QStringLiteral("5"), QStringLiteral("--points"),
                           QStringLiteral("5")}
            << "--points";
        QTest::newRow("curve batch") << QStringList{lc, QStringLiteral("--batch"), QStringLiteral("0")}
                                     << "--batch";
        QTest::newRow("curve too many cores")
            << QStringList{lc, QStringLiteral("--group-sizes"), QStringLiteral("8"),
                           QStringLiteral("--pipeline-cores"), QStringLiteral("8")}
            << "pipeline cores";
        QTest::newRow("curve gpu groups")
            << QStringList{lc, QStringLiteral("--instance"), QStringLiteral("g4dn.xlarge"),
                           QStringLiteral("--group-sizes"), QStringLiteral("1")}
            << "--group-sizes";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Outcome o = run(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.out.isEmpty());
        const QString line = o.err.trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(o.err));
        QVERIFY2(line.contains(mentions), qPrintable(o.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "tst_cli_sweep.moc"
