// The Explore tab in the real window: its shortcut, a double-clicked deployment simulated in full
// as a normal run (runs table, timeline), the explore screenshot, the form kept in QSettings, and
// a sweep saved in and restored from a profile.
#include "explore/deployment_scatter.h"
#include "explore/explore_form.h"
#include "explore/explore_view.h"
#include "explore/sweep_job.h"
#include "main_window.h"
#include "profile_actions.h"
#include "screenshot.h"
#include "session.h"
#include "sweep_fixtures.h"

#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;

class WindowExploreTest : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const sweep::SweepResult> m_sweep;

    io::SavedSweep saved() const { return testing::savedSmallSweep(m_sweep, 30, 400); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        m_sweep = testing::smallSweep();
    }
    void init() { QSettings().clear(); }

    void shortcutShowsTheTab() {
        app::MainWindow window;
        window.show();
        QCOMPARE(window.exploreAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QCOMPARE(window.centreTabs()->currentIndex(), 0);
        window.exploreAction()->trigger();
        QCOMPARE(window.centreTabs()->currentWidget(), window.exploreView());
        window.showRunsTab();
        QCOMPARE(window.centreTabs()->currentIndex(), 0);
    }

    void escapeCancelsASweep() {
        app::MainWindow window;
        window.show();
        QVERIFY(!window.cancelAction()->isEnabled()); // Esc is left to the fields while idle
        window.exploreView()->setCurveOptions(testing::smallCurveOptions());
        QSignalSpy cancelled(window.exploreView()->job(), &widgets::SweepJob::cancelled);
        QVERIFY(window.exploreView()->startSweep(testing::smallSweepSpace()));
        QVERIFY(window.cancelAction()->isEnabled());
        QCOMPARE(window.cancelAction()->shortcut(), QKeySequence(Qt::Key_Escape));
        window.cancelAction()->trigger();
        QVERIFY(cancelled.wait(60000));
        QVERIFY(!window.exploreView()->isSweeping());
        QVERIFY(!window.cancelAction()->isEnabled());
    }

    // Run > Sweep Deployments (Ctrl+Shift+R) from the runs view: the Explore tab comes forward and
    // sweeps what its form says; the action waits while a sweep runs.
    void sweepActionShowsTheTabAndSweeps() {
        app::MainWindow window;
        window.show();
        QCOMPARE(window.sweepAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        window.exploreView()->setCurveOptions(testing::smallCurveOptions());
        window.exploreView()->form()->setSpace(testing::smallSweepSpace());
        QSignalSpy shown(window.exploreView(), &widgets::ExploreView::sweepShown);
        QCOMPARE(window.centreTabs()->currentIndex(), 0);
        window.sweepAction()->trigger();
        QCOMPARE(window.centreTabs()->currentWidget(), window.exploreView());
        QVERIFY(window.exploreView()->isSweeping());
        QVERIFY(!window.sweepAction()->isEnabled());
        QVERIFY(shown.wait(60000));
        QVERIFY(window.sweepAction()->isEnabled());
        QCOMPARE(window.exploreView()->model().sweep()->entries.size(), m_sweep->entries.size());
    }

    void doubleClickSimulatesTheDeploymentAsARun() {
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showExploreTab();
        window.exploreView()->showSweep(saved());
        auto* scatter = window.exploreView()->scatter();
        scatter->replot();
        const int entry = window.exploreView()->model().cheapest();
        QVERIFY(entry >= 0);
        const QPoint at = scatter->pixelOf(entry).toPoint();
        QCOMPARE(scatter->entryAt(at), entry);
        const std::size_t before = window.session()->runs().size();
        QTest::mouseDClick(scatter, Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->runs().size(), before + 1, 120000);
        const sim::RunPtr run = window.session()->runs().back();
        const auto& expected = m_sweep->entries[std::size_t(entry)].deployment.inputs;
        QCOMPARE(run->inputs.config.groupSizes, expected.config.groupSizes);
        QCOMPARE(run->inputs.config.batch, expected.config.batch);
        QCOMPARE(run->inputs.instance.name, expected.instance.name);
        QCOMPARE(run->inputs.workload.kind, sim::Workload::Kind::OpenLoop);
        QVERIFY(!run->trace.lanes.empty()); // a full run: the timeline has something to show
        QCOMPARE(window.session()->selectedRun(), run);
    }

    void screenshotOfTheExploreView() {
        QCOMPARE(app::parseScreenshotView(QStringLiteral("explore")), app::ScreenshotView::Explore);
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.showExploreTab();
        window.exploreView()->showSweep(saved());
        QCoreApplication::processEvents();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("explore.png"));
        QWidget* widget = app::screenshotWidget(window, app::ScreenshotView::Explore);
        QCOMPARE(widget, window.exploreView());
        QVERIFY(!app::saveScreenshot(widget, path));
        const QImage image(path);
        QCOMPARE(image.size(), widget->size());
        // Not a blank page: the scatter's markers put many colours in it.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 20);
    }

    void formKeptInSettings() {
        {
            app::MainWindow window;
            window.exploreView()->form()->maxP95Box()->setValue(42);
            window.showExploreTab();
            window.close();
        }
        app::MainWindow again;
        QCOMPARE(again.exploreView()->form()->maxP95Box()->value(), 42.0);
        QCOMPARE(again.centreTabs()->currentWidget(), again.exploreView());
    }

    void sweepSavedAndReopened() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("swept.pipescope"));
        {
            app::MainWindow window;
            auto* profiles = new app::ProfileActions(&window);
            window.exploreView()->showSweep(saved());
            QVERIFY(profiles->saveTo(path));
            window.session()->setModified(false);
        }
        app::MainWindow window;
        auto* profiles = new app::ProfileActions(&window);
        QVERIFY(profiles->openFileNow(path).ok());
        const auto shown = window.exploreView()->savedSweep();
        QVERIFY(shown.has_value());
        QCOMPARE(shown->result->entries.size(), m_sweep->entries.size());
        QCOMPARE(shown->criteria.maxP95Ms, 30.0);
        QCOMPARE(window.exploreView()->form()->maxP95Box()->value(), 30.0);
        window.session()->setModified(false);
    }
};

QTEST_MAIN(WindowExploreTest)
#include "tst_window_explore.moc"
