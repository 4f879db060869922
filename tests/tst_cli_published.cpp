// `pipescope validate --published` as a user runs it: the usual output stays as it was, the held-out
// table follows it, and the JSON gains a `published` array with the documented fields.
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

const QStringList kQuick = {QStringLiteral("validate"), QStringLiteral("--requests"), QStringLiteral("300")};

} // namespace

class TestCliPublished : public QObject {
    Q_OBJECT
private slots:
    void jsonGainsThePublishedArray() {
        const Outcome plain = run(kQuick + QStringList{QStringLiteral("--json")});
        const Outcome with =
            run(kQuick + QStringList{QStringLiteral("--json"), QStringLiteral("--published")});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(with.exitCode, 0);
        const QJsonObject a = QJsonDocument::fromJson(plain.out).object();
        QJsonObject b = QJsonDocument::fromJson(with.out).object();
        QVERIFY(!a.contains(QStringLiteral("published")));
        const QJsonArray published = b.take(QStringLiteral("published")).toArray();
        QVERIFY(b.take(QStringLiteral("published_mape_percent"))
                    .toObject()
                    .contains(QStringLiteral("throughput_per_s")));
        QCOMPARE(b, a); // the usual fields are unchanged
        QVERIFY(published.size() >= 15);
        for (const auto& value : published) {
            const QJsonObject row = value.toObject();
            for (const char* key :
                 {"row", "line", "model", "instance", "mode", "batch", "sdk", "source", "simulated",
                  "published", "predicted", "error_percent", "clients", "clients_stated"})
                QVERIFY2(row.contains(QLatin1String(key)), key);
            QVERIFY(row.value(QStringLiteral("simulated")).toBool());
            const QJsonObject pub = row.value(QStringLiteral("published")).toObject();
            const QJsonObject err = row.value(QStringLiteral("error_percent")).toObject();
            QVERIFY(!pub.isEmpty());
            QCOMPARE(err.keys(), pub.keys()); // an error for exactly the quantities the source publishes
            QVERIFY(row.value(QStringLiteral("predicted"))
                        .toObject()
                        .value(QStringLiteral("throughput_per_s"))
                        .toDouble() > 0);
        }
    }

    void textPrintsTheTableAfterTheUsualOutput() {
        const Outcome o = run(kQuick + QStringList{QStringLiteral("--published")});
        QCOMPARE(o.exitCode, 0);
        const qsizetype usual = o.out.indexOf("mean absolute percentage error: throughput");
        const qsizetype table = o.out.indexOf("published figures from other sources");
        QVERIFY(usual >= 0 && table > usual);
        QVERIFY(o.out.contains("inf1.6xlarge pipeline [16] b1"));
        QVERIFY(!o.out.contains("not simulated"));
    }

    void flagTakesNoValue() {
        const Outcome o = run({QStringLiteral("validate"), QStringLiteral("--published=yes")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.out.isEmpty());
        const QStringList lines = o.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QStringLiteral("--published takes no value")),
                 qPrintable(lines.first()));
    }
};

QTEST_GUILESS_MAIN(TestCliPublished)
#include "tst_cli_published.moc"
