// The window explains the selected run: the status bar's "bound by" line and the breakdown chart.
#include "charts/latency_breakdown_chart.h"
#include "main_window.h"
#include "session.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace pipescope;

namespace {

sim::RunPtr makeRun(const QString& resource, const QString& reason, QStringList notes) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = QStringLiteral("inf1.xlarge");
    run->inputs.config.groupSizes = {1, 1, 1, 1};
    run->summary.breakdownMs.compute = 2;
    run->summary.breakdownMs.hostSerialised = 1;
    run->summary.bottleneck = {resource, 0.9, reason};
    run->summary.intervalNotes = std::move(notes);
    return run;
}

} // namespace

class WindowExplainTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QSettings().clear();
    }
    void statusBarFollowsTheSelectedRun();
};

void WindowExplainTest::statusBarFollowsTheSelectedRun() {
    app::MainWindow window;
    window.show();
    QVERIFY(window.boundByStatus()->text().isEmpty());
    window.session()->addRun(makeRun(QStringLiteral("host"), QStringLiteral("the host is busy"), {}));
    window.session()->addRun(makeRun(QStringLiteral("dram"), QStringLiteral("chip 0 streams weights"),
                                     {QStringLiteral("batch 12 is outside the calibrated 1-6")}));
    QCOMPARE(window.boundByStatus()->text(),
             QStringLiteral(
                 "bound by: chip 0 streams weights · interval wide: batch 12 is outside the calibrated 1-6"));
    QVERIFY(window.boundByStatus()->toolTip().contains(QStringLiteral("dram")));
    window.session()->setSelectedIndex(0);
    QCOMPARE(window.boundByStatus()->text(), QStringLiteral("bound by: the host is busy"));
    // The breakdown chart has one bar per run, whatever is selected.
    QCOMPARE(window.breakdownChart()->bars(widgets::LatencyBreakdownChart::Compute)->dataCount(), 2);
    window.session()->setSelectedIndex(-1);
    QVERIFY(window.boundByStatus()->text().isEmpty());
}

QTEST_MAIN(WindowExplainTest)
#include "tst_window_explain.moc"
