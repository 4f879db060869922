// The main window end to end: panel -> worker thread -> session -> every view.
#include "charts/comparison_chart.h"
#include "charts/cost_chart.h"
#include "charts/latency_histogram_chart.h"
#include "charts/throughput_chart.h"
#include "deployment_panel.h"
#include "main_window.h"
#include "model_inspector_view.h"
#include "operator_table_model.h"
#include "runs_table_model.h"
#include "runs_table_view.h"
#include "session.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

using namespace pipescope;

namespace {

// A quick deployment: few requests so the test spends its time on the plumbing, not simulating.
void setQuickDeployment(widgets::DeploymentPanel* panel, const QString& instance, const QString& groups,
                        int pipelineCores, int requests = 300) {
    sim::Scenario s = panel->scenario();
    s.model = QStringLiteral("bert-base-uncased");
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = pipelineCores;
    s.workload.clients = 4;
    s.workload.requests = requests;
    s.workload.warmup = 20;
    panel->setScenario(s);
}

} // namespace

class WindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void invalidGroupStringDisablesRun();
    void runFromPanelReachesEveryView();
    void deleteIsUndoable();
    void cancelStopsTheRun();
    void defaultScenarioFillsEveryView();
    void settingsRemembered();
    void editAsNewRunLoadsThePanel();
    void runButtonVisibleInAShortWindow();
};

void WindowTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
}

void WindowTest::init() {
    QSettings().clear();
}

void WindowTest::invalidGroupStringDisablesRun() {
    app::MainWindow window;
    window.show();
    auto* panel = window.deploymentPanel();
    setQuickDeployment(panel, QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1);
    QVERIFY(window.runAction()->isEnabled());
    panel->groupsEdit()->setText(QStringLiteral("1,,1"));
    QVERIFY(!window.runAction()->isEnabled());
    QVERIFY(!panel->runButton()->isEnabled());
    QVERIFY(panel->messageLabel()->isVisible());
    QVERIFY2(panel->messageLabel()->text().contains(QLatin1String("NEURONCORE_GROUP_SIZES")),
             qPrintable(panel->messageLabel()->text()));
    // Triggering Run anyway (e.g. its shortcut) starts nothing.
    window.runCurrentDeployment();
    QVERIFY(!window.runController()->isRunning());
    panel->groupsEdit()->setText(QStringLiteral("1,1"));
    QVERIFY2(window.runAction()->isEnabled(), qPrintable(panel->validationMessage()));
}

void WindowTest::runFromPanelReachesEveryView() {
    app::MainWindow window;
    window.show();
    auto* session = window.session();
    setQuickDeployment(window.deploymentPanel(), QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4);
    QSignalSpy runs(session, &widgets::Session::runsChanged);
    QSignalSpy selected(session, &widgets::Session::selectionChanged);
    QSignalSpy progress(window.runController(), &app::RunController::progress);
    QTest::mouseClick(window.deploymentPanel()->runButton(), Qt::LeftButton);
    QVERIFY(window.runController()->isRunning());
    QVERIFY(window.cancelAction()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(runs.count(), 1, 120000);
    QCOMPARE(selected.count(), 1);
    const sim::RunPtr run = selected.at(0).at(0).value<sim::RunPtr>();
    QVERIFY(run);
    QCOMPARE(session->selectedRun(), run);
    QVERIFY(progress.count() >= 1);
    QCOMPARE(run->inputs.config.pipelineCores, 4);
    QCOMPARE(run->summary.completedRequests, 300);
    // Every view shows it.
    QCOMPARE(window.latencyChart()->run(), run);
    // The latency chart draws the bins the worker computed with the run's timeline model.
    QCOMPARE(window.latencyChart()->model(), session->selectedTimelineModel());
    const auto& bins = session->selectedTimelineModel()->latencyBins();
    QCOMPARE(window.latencyChart()->bars()->dataCount(), static_cast<int>(bins.counts.size()));
    for (std::size_t i = 0; i < bins.counts.size(); ++i)
        QCOMPARE(window.latencyChart()->bars()->data()->at(static_cast<int>(i))->value, bins.counts[i]);
    QCOMPARE(window.throughputChart()->run(), run);
    QCOMPARE(window.timelineView()->run(), run);
    QCOMPARE(window.occupancyView()->run(), run);
    QVERIFY(window.modelInspector()->totalsText().contains(QLatin1String("bert-base-uncased")));
    QCOMPARE(window.modelInspector()->operatorModel()->rowCount(),
             static_cast<int>(run->inputs.model.ops.size()));
    QCOMPARE(window.costChart()->bars()->dataCount(), 1);
    QCOMPARE(window.costChart()->bars()->data()->at(0)->value, run->summary.costPerMillionUsd);
    QCOMPARE(window.comparisonChart()->bars(widgets::ComparisonChart::Throughput)->dataCount(), 1);
    QCOMPARE(window.runsTable()->model()->rowCount(), 1);
    QCOMPARE(window.runsTable()->currentRunIndex(), 0);
    // The status line gives the wall time in a unit that shows it: "0.00 s wall" hid milliseconds.
    const auto* status = window.statusBar()->findChild<QLabel*>(QStringLiteral("runStatus"));
    QVERIFY(status);
    const QRegularExpressionMatch wall =
        QRegularExpression(QStringLiteral("· ([0-9]+\\.[0-9]{2}) (s|ms|µs|ns) wall$")).match(status->text());
    QVERIFY2(wall.hasMatch(), qPrintable(status->text()));
    QVERIFY(wall.captured(1).toDouble() >= 1.0 || wall.captured(2) == QStringLiteral("ns"));
    QTRY_VERIFY(!window.runController()->isRunning());
    QVERIFY(!window.cancelAction()->isEnabled());
    QVERIFY(window.isWindowModified());
}

void WindowTest::deleteIsUndoable() {
    app::MainWindow window;
    auto* session = window.session();
    setQuickDeployment(window.deploymentPanel(), QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1,
                       100);
    window.runCurrentDeployment();
    setQuickDeployment(window.deploymentPanel(), QStringLiteral("g4dn.xlarge"), {}, 1, 100);
    window.runCurrentDeployment();
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(session->runs().size()), 2, 120000);
    session->setBaselineIndex(1);
    const sim::RunPtr gpu = session->runs()[1];
    window.deleteRun(1);
    QCOMPARE(static_cast<int>(session->runs().size()), 1);
    QCOMPARE(session->baselineIndex(), -1);
    QCOMPARE(window.runsTable()->model()->rowCount(), 1);
    window.undoStack()->undo();
    QCOMPARE(static_cast<int>(session->runs().size()), 2);
    QCOMPARE(session->runs()[1], gpu);
    QCOMPARE(session->baselineIndex(), 1);
    window.undoStack()->redo();
    QCOMPARE(static_cast<int>(session->runs().size()), 1);
}

void WindowTest::cancelStopsTheRun() {
    app::MainWindow window;
    // Long enough that Cancel lands while it runs.
    setQuickDeployment(window.deploymentPanel(), QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1,
                       2000000);
    QVERIFY2(window.deploymentPanel()->isValid(), qPrintable(window.deploymentPanel()->validationMessage()));
    QSignalSpy cancelled(window.runController(), &app::RunController::cancelled);
    window.runCurrentDeployment();
    window.runCurrentDeployment(); // queued behind it; Cancel drops it too
    QTest::qWait(50);
    window.cancelAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 60000);
    QTRY_VERIFY(!window.runController()->isRunning());
    QTest::qWait(100);
    QCOMPARE(static_cast<int>(window.session()->runs().size()), 0);
}

void WindowTest::defaultScenarioFillsEveryView() {
    app::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.startDefaultScenario();
    auto* session = window.session();
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(session->runs().size()), 4, 300000);
    QTRY_VERIFY(!window.runController()->isRunning());
    QCOMPARE(session->baselineIndex(), 3);
    QCOMPARE(session->selectedIndex(), 1); // the featured 4-stage pipeline, not the last to arrive
    QCOMPARE(window.timelineView()->run(), session->selectedRun());
    QCOMPARE(window.occupancyView()->run(), session->selectedRun());
    QVERIFY(session->baselineRun()->inputs.instance.isGpu());
    QVERIFY(!session->isModified());
    QCOMPARE(window.runsTable()->model()->rowCount(), 4);
    const auto* model = window.runsTable()->runsModel();
    QVERIFY(model->data(model->index(0, widgets::RunsTableModel::ThroughputRatio)).isValid());
    QCOMPARE(window.costChart()->bars()->dataCount(), 4);
    QVERIFY(window.latencyChart()->emptyMessage().isEmpty());
    QVERIFY(window.throughputChart()->emptyMessage().isEmpty());
    // Optional: a look at the window (PIPESCOPE_WINDOW_PNG=/tmp/window.png).
    const QString png = qEnvironmentVariable("PIPESCOPE_WINDOW_PNG");
    if (!png.isEmpty()) {
        QTest::qWait(200);
        QVERIFY(window.grab().save(png));
        if (qEnvironmentVariableIsSet("PIPESCOPE_WINDOW_DARK")) {
            window.setDarkPalette(true);
            QTest::qWait(200);
            QVERIFY(
                window.grab().save(QString(png).replace(QLatin1String(".png"), QLatin1String("-dark.png"))));
            window.setDarkPalette(false);
        }
    }
}

void WindowTest::settingsRemembered() {
    {
        app::MainWindow window;
        window.show();
        setQuickDeployment(window.deploymentPanel(), QStringLiteral("inf1.6xlarge"),
                           QStringLiteral("4,4,4,4"), 4);
        window.setDarkPalette(true);
        window.close(); // writes the settings
    }
    app::MainWindow again;
    QCOMPARE(again.deploymentPanel()->scenario().instance, QStringLiteral("inf1.6xlarge"));
    QCOMPARE(again.deploymentPanel()->scenario().groupSizes, QStringLiteral("4,4,4,4"));
    QVERIFY(again.isDarkPalette());
    again.setDarkPalette(false);
}

void WindowTest::editAsNewRunLoadsThePanel() {
    app::MainWindow window;
    window.show();
    auto* panel = window.deploymentPanel();
    setQuickDeployment(panel, QStringLiteral("inf1.6xlarge"), QStringLiteral("4,4,4,4"), 4, 100);
    window.runCurrentDeployment();
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(window.session()->runs().size()), 1, 120000);
    setQuickDeployment(panel, QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 100);
    QVERIFY(window.editRunAction()->isEnabled());
    window.editRunAction()->trigger(); // the selected run, the one just made
    QCOMPARE(panel->scenario().instance, QStringLiteral("inf1.6xlarge"));
    QCOMPARE(panel->scenario().groupSizes, QStringLiteral("4,4,4,4"));
    QCOMPARE(panel->scenario().pipelineCores, 4);
    QCOMPARE(panel->scenario().workload.requests, 100);
    QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("Run 1")));
}

// A short window and a long validation message must not push Run out of the dock.
void WindowTest::runButtonVisibleInAShortWindow() {
    app::MainWindow window;
    window.resize(1100, 520);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* panel = window.deploymentPanel();
    panel->groupsEdit()->setText(QStringLiteral("1,x,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
    QTRY_VERIFY(panel->messageLabel()->isVisible());
    QCoreApplication::processEvents();
    for (QPushButton* button : {panel->runButton(), panel->cancelButton()}) {
        QVERIFY2(!button->visibleRegion().isEmpty(), qPrintable(button->text()));
        const QRect inWindow(button->mapTo(&window, QPoint(0, 0)), button->size());
        QVERIFY(window.rect().contains(inWindow));
    }
}

QTEST_MAIN(WindowTest)
#include "tst_window.moc"
