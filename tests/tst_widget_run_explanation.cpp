// The status bar's line about the selected run: what binds it, why its intervals are wide.
#include "run_explanation.h"

#include <QTest>

using namespace pipescope;

class RunExplanationTest : public QObject {
    Q_OBJECT
private slots:
    void lineNamesBottleneckAndShortensNotes();
    void emptyForOldRuns();
};

void RunExplanationTest::lineNamesBottleneckAndShortensNotes() {
    metrics::RunSummary s;
    s.bottleneck = {QStringLiteral("host"), 0.97,
                    QStringLiteral("the host workers are busy 97% of the time")};
    QCOMPARE(widgets::boundByLine(s), QStringLiteral("bound by: the host workers are busy 97% of the time"));
    s.intervalNotes = {QString(200, QLatin1Char('x')), QStringLiteral("second")};
    const QString line = widgets::boundByLine(s, 40);
    QVERIFY2(line.startsWith(QStringLiteral("bound by: the host")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("…")), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("(+1 more)")), qPrintable(line));
    QVERIFY(line.size() < 120);
    // The tooltip has everything in full.
    const QString details = widgets::boundByDetails(s);
    QVERIFY(details.contains(QString(200, QLatin1Char('x'))));
    QVERIFY(details.contains(QStringLiteral("97% busy")));
    QVERIFY(details.contains(QStringLiteral("second")));
}

void RunExplanationTest::emptyForOldRuns() {
    QVERIFY(widgets::boundByLine(metrics::RunSummary{}).isEmpty());
    QVERIFY(widgets::boundByDetails(metrics::RunSummary{}).isEmpty());
}

QTEST_MAIN(RunExplanationTest)
#include "tst_widget_run_explanation.moc"
