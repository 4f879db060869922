// `pipescope calibrate --measurements`: the report, a saved device profile that `instances` lists and
// `simulate --device-profile` uses, and the errors a user can make, through the real executable.
#include "run_pipescope.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliCalibrate : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_measurements;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // Every profile this test saves goes to its own folder, never the user's config.
        qputenv("PIPESCOPE_DEVICE_PROFILES", m_dir.filePath(QStringLiteral("profiles.json")).toLocal8Bit());
        m_measurements = m_dir.filePath(QStringLiteral("mine.csv"));
        QFile file(m_measurements);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("instance,group_sizes,pipeline_cores,batch,clients,throughput_per_s,latency_p95_ms\n"
                   "inf1.xlarge,\"1,1,1,1\",1,1,4,230,18.5\n"
                   "inf1.xlarge,4,4,1,4,280,14.8\n"
                   "inf1.xlarge,\"1,1,1,1\",1,4,8,900,36.0\n"
                   "inf1.xlarge,\"1,1,1,1\",1,4,8,-5,36.0\n");
    }

    void fitsReportsAndSavesAProfile() {
        const Outcome fit = runPipescope(
            {QStringLiteral("calibrate"), QStringLiteral("--measurements"), m_measurements,
             QStringLiteral("--params"), QStringLiteral("host.request_overhead_ns,tensor_efficiency"),
             QStringLiteral("--requests"), QStringLiteral("300"), QStringLiteral("--save-profile"),
             QStringLiteral("my team"), QStringLiteral("--json")});
        QVERIFY2(fit.exitCode == 0, qPrintable(fit.err));
        const QJsonObject json = QJsonDocument::fromJson(fit.out).object();
        QCOMPARE(json.value(QStringLiteral("device")).toString(), QStringLiteral("inferentia1"));
        QCOMPARE(json.value(QStringLiteral("rows")).toArray().size(), 3);
        // The negative throughput on line 5 is skipped with its line.
        const QJsonArray skipped = json.value(QStringLiteral("skipped")).toArray();
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped[0].toObject().value(QStringLiteral("line")).toInt(), 5);
        QVERIFY(json.value(QStringLiteral("mape")).toObject().contains(QStringLiteral("held_out")));
        int fitted = 0;
        for (const QJsonValue& p : json.value(QStringLiteral("parameters")).toArray())
            fitted += p.toObject().value(QStringLiteral("fitted")).toBool() ? 1 : 0;
        QCOMPARE(fitted, 2);
        QCOMPARE(json.value(QStringLiteral("saved_profile")).toString(), QStringLiteral("my team"));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("profiles.json"))));

        const Outcome list = runPipescope({QStringLiteral("instances")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("my team"), list.out.constData());

        const Outcome run =
            runPipescope({QStringLiteral("simulate"), QStringLiteral("--device-profile"),
                          QStringLiteral("my team"), QStringLiteral("--requests"), QStringLiteral("300"),
                          QStringLiteral("--no-intervals"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("throughput_per_s")).toDouble() >
            0);
    }

    void mistakesAreNamed_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("calibrate"), QStringLiteral("--measurements"),
                           QStringLiteral("/nonexistent/m.csv")}
            << 1 << QStringLiteral("/nonexistent/m.csv");
        QTest::newRow("flag without measurements")
            << QStringList{QStringLiteral("calibrate"), QStringLiteral("--params"), QStringLiteral("x")} << 2
            << QStringLiteral("--params applies to --measurements");
        QTest::newRow("unknown profile")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("--device-profile"),
                           QStringLiteral("nobody")}
            << 2 << QStringLiteral("no device profile named 'nobody'");
        QTest::newRow("unknown instance")
            << QStringList{QStringLiteral("calibrate"), QStringLiteral("--measurements"),
                           QStringLiteral("x.csv"), QStringLiteral("--instance"), QStringLiteral("inf9")}
            << 2 << QStringLiteral("--instance 'inf9'");
    }
    void mistakesAreNamed() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Outcome o = runPipescope(args);
        QCOMPARE(o.exitCode, exitCode);
        QVERIFY2(o.err.contains(expected), qPrintable(o.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCalibrate)
#include "tst_cli_calibrate.moc"
