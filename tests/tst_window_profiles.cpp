// The window's File actions on a real window: exports propose a name, add the filter's extension
// and confirm in the status bar; opening and saving run on a worker while the event loop keeps
// ticking, can be cancelled, and an opened profile's selected run is loaded into the panel.
#include "deployment_panel.h"
#include "hardware/catalog.h"
#include "io/profile_writer.h"
#include "main_window.h"
#include "profile_actions.h"
#include "session.h"
#include "sim/scenario.h"

#include "explore/explore_view.h"
#include "simulate_or_die.h"
#include "sweep_fixtures.h"

#include <QElapsedTimer>
#include <QImage>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pipescope;

namespace {

sim::RunPtr simulate(const QString& instance, const QString& groups, int cores, int clients, int requests) {
    sim::Scenario s = closedLoopScenario(instance, groups, cores, 1, clients, requests);
    s.workload.warmup = 10; // most runs here are a few hundred requests
    return simulateOrDie(s, hardware::Catalog::builtIn());
}

struct Window {
    app::MainWindow main;
    app::ProfileActions* profiles = new app::ProfileActions(&main);
    QStringList messages;
    QString proposed; // what the last save dialog proposed
    QString answer;   // what the save dialog "types"
    QString filter;   // and which filter it picks (empty: the first)
    Window() {
        profiles->setNotify([this](const QString&, const QString& text) { messages << text; });
        profiles->setSaveDialog(
            [this](const QString&, const QString& path, const QString& filters, QString* chosen) {
                proposed = path;
                if (chosen)
                    *chosen = filter.isEmpty() ? filters.section(QStringLiteral(";;"), 0, 0) : filter;
                return answer;
            });
        main.resize(1300, 850);
        main.show();
    }
};

} // namespace

class WindowProfilesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void screenshotWithoutExtensionGetsTheFiltersOne_data();
    void screenshotWithoutExtensionGetsTheFiltersOne();
    void csvExportProposesANameAndConfirms();
    void sweepCsvExportWritesTheRankingShown();
    void filterSuffix_data();
    void filterSuffix();
    void openingKeepsTheEventLoopTicking();
    void openingCanBeCancelled();
    void openingLoadsTheSelectedRunIntoThePanel();
    void savingKeepsTheEventLoopTickingAndCanBeCancelled();

private:
    QTemporaryDir m_dir;
    std::vector<sim::RunPtr> m_runs;
};

void WindowProfilesTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_runs = {simulate(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 4, 200),
              simulate(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 16, 200)};
}

void WindowProfilesTest::screenshotWithoutExtensionGetsTheFiltersOne_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("png") << QString() << QStringLiteral("png");
    QTest::newRow("svg") << QStringLiteral("SVG vector image (*.svg)") << QStringLiteral("svg");
    QTest::newRow("pdf") << QStringLiteral("PDF document (*.pdf)") << QStringLiteral("pdf");
}

void WindowProfilesTest::screenshotWithoutExtensionGetsTheFiltersOne() {
    QFETCH(QString, filter);
    QFETCH(QString, suffix);
    Window w;
    w.main.session()->addRun(m_runs[0]);
    QCoreApplication::processEvents();
    w.filter = filter;
    w.answer = m_dir.filePath(QStringLiteral("shot-") + suffix); // typed without an extension
    QSignalSpy exported(w.profiles, &app::ProfileActions::exported);
    w.profiles->exportScreenshot(0); // the whole window
    QVERIFY2(w.messages.isEmpty(), qPrintable(w.messages.join(QLatin1Char('\n'))));
    QCOMPARE(exported.size(), 1);
    const QString written = w.answer + QLatin1Char('.') + suffix;
    QCOMPARE(exported.first().first().toString(), written);
    QVERIFY(QFileInfo(written).size() > 500);
    QVERIFY2(w.proposed.endsWith(QStringLiteral("pipescope-window.png")), qPrintable(w.proposed));
    QVERIFY2(w.main.statusBar()->currentMessage().contains(QFileInfo(written).fileName()),
             qPrintable(w.main.statusBar()->currentMessage()));
}

void WindowProfilesTest::csvExportProposesANameAndConfirms() {
    Window w;
    for (const auto& run : m_runs)
        w.main.session()->addRun(run);
    w.answer = m_dir.filePath(QStringLiteral("table"));
    w.profiles->exportCsv();
    QVERIFY2(w.proposed.endsWith(QStringLiteral("pipescope-runs.csv")), qPrintable(w.proposed));
    QFile csv(w.answer + QStringLiteral(".csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 3); // header and two runs
    QVERIFY(w.main.statusBar()->currentMessage().startsWith(QStringLiteral("Exported 2 run(s) to")));
}

// File > Export Sweep CSV writes the Explore view's sweep ranked as the view ranks it now: one row
// per deployment, the cost at the view's target and load; without a sweep it says what to do.
void WindowProfilesTest::sweepCsvExportWritesTheRankingShown() {
    Window w;
    w.answer = m_dir.filePath(QStringLiteral("sweep"));
    w.profiles->exportSweepCsv();
    QCOMPARE(w.messages, QStringList{QStringLiteral("Run a sweep in the Explore view first.")});
    QVERIFY(!QFileInfo::exists(w.answer + QStringLiteral(".csv")));

    const auto result = testing::smallSweep();
    w.main.exploreView()->showSweep(testing::savedSmallSweep(result, 1e6, 500));
    QSignalSpy exported(w.profiles, &app::ProfileActions::exported);
    w.profiles->exportSweepCsv();
    QCOMPARE(exported.size(), 1);
    QVERIFY2(w.proposed.endsWith(QStringLiteral("pipescope-sweep.csv")), qPrintable(w.proposed));
    QFile csv(w.answer + QStringLiteral(".csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + static_cast<qsizetype>(result->entries.size()));
    QVERIFY(lines.front().startsWith("instance,mode,group_sizes") &&
            lines.front().endsWith(",sla_within_noise"));
    // A target everything meets: every row has a cost; the same sweep at an impossible target
    // has none, so the file follows the view's ranking, not the sweep's first one.
    for (qsizetype i = 1; i < lines.size(); ++i)
        QVERIFY2(!lines[i].contains(",,"), lines[i].constData());
    w.main.exploreView()->showSweep(testing::savedSmallSweep(result, 1, 500));
    w.profiles->exportSweepCsv();
    csv.close();
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> missed = csv.readAll().trimmed().split('\n');
    for (qsizetype i = 1; i < missed.size(); ++i)
        QVERIFY2(missed[i].contains(",,false,"), missed[i].constData()); // no cost, not on the front
    QVERIFY(w.main.statusBar()->currentMessage().startsWith(
        QStringLiteral("Exported %1 deployment(s) to").arg(result->entries.size())));
}

void WindowProfilesTest::filterSuffix_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected");
    QTest::newRow("appended") << "/tmp/a"
                              << "PNG image (*.png)"
                              << "/tmp/a.png";
    QTest::newRow("2x filter") << "/tmp/a"
                               << "PNG image at 2x (*.png)"
                               << "/tmp/a.png";
    QTest::newRow("kept") << "/tmp/a.svg"
                          << "PNG image (*.png)"
                          << "/tmp/a.svg";
    QTest::newRow("no pattern") << "/tmp/a"
                                << "All files (*)"
                                << "/tmp/a";
    QTest::newRow("cancelled") << ""
                               << "PNG image (*.png)"
                               << "";
}

void WindowProfilesTest::filterSuffix() {
    QFETCH(QString, path);
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    QCOMPARE(app::withFilterSuffix(path, filter), expected);
}

// A profile big enough that decoding it takes a while on this machine: the same runs many times.
static QString writeLargeProfile(const QString& path, const std::vector<sim::RunPtr>& runs, int copies) {
    std::vector<sim::RunPtr> many;
    for (int i = 0; i < copies; ++i)
        for (const auto& run : runs)
            many.push_back(run);
    const auto error = io::writeProfileFile(path, io::makeProfile(many, 1, 0));
    return error ? error->toString() : QString();
}

void WindowProfilesTest::openingKeepsTheEventLoopTicking() {
    const auto big = simulate(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 16, 20000);
    const QString path = m_dir.filePath(QStringLiteral("large.pipescope"));
    const QString error = writeLargeProfile(path, {big}, 4);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Window w;
    QSignalSpy opened(w.profiles, &app::ProfileActions::profileOpened);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(5);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(w.profiles->openFile(path));
    const qint64 callMs = clock.elapsed();
    QVERIFY(w.profiles->isBusy());
    QVERIFY(w.main.findChild<QProgressBar*>(QStringLiteral("profileProgress"))->isVisible());
    QVERIFY(!w.profiles->openFile(path)); // one at a time
    QVERIFY(opened.wait(60000));
    const qint64 totalMs = clock.elapsed();
    qInfo("opening took %lld ms, openFile returned after %lld ms, %d ticks", totalMs, callMs, ticks);
    // The call only starts the worker; the event loop ran all along.
    QVERIFY2(callMs * 4 < totalMs, qPrintable(QStringLiteral("%1 of %2 ms").arg(callMs).arg(totalMs)));
    QVERIFY(ticks >= 3);
    QCOMPARE(w.main.session()->runs().size(), std::size_t(4));
    QVERIFY(!w.main.findChild<QProgressBar*>(QStringLiteral("profileProgress"))->isVisible());
}

void WindowProfilesTest::openingCanBeCancelled() {
    const QString path = m_dir.filePath(QStringLiteral("cancel.pipescope"));
    // Saved without traces, so opening re-simulates every run: long enough to cancel.
    std::vector<sim::RunPtr> many(40, m_runs[1]);
    QVERIFY(!io::writeProfileFile(path, io::makeProfile(many), io::WriteOptions{false, false}));
    Window w;
    w.main.session()->addRun(m_runs[0]);
    QSignalSpy cancelled(w.profiles, &app::ProfileActions::openCancelled);
    QSignalSpy opened(w.profiles, &app::ProfileActions::profileOpened);
    QVERIFY(w.profiles->openFile(path));
    w.profiles->cancelJob();
    QVERIFY(cancelled.wait(60000));
    QCOMPARE(opened.size(), 0);
    QCOMPARE(w.main.session()->runs().size(), std::size_t(1)); // untouched
    QVERIFY(w.messages.isEmpty());
    QVERIFY(!w.profiles->isBusy());
}

void WindowProfilesTest::openingLoadsTheSelectedRunIntoThePanel() {
    const QString path = m_dir.filePath(QStringLiteral("panel.pipescope"));
    QVERIFY(!io::writeProfileFile(path, io::makeProfile(m_runs, 1, 0)));
    Window w;
    auto* panel = w.main.deploymentPanel();
    QCOMPARE(panel->scenario().instance, QStringLiteral("inf1.xlarge"));
    QSignalSpy opened(w.profiles, &app::ProfileActions::profileOpened);
    QVERIFY(w.profiles->openFile(path));
    QVERIFY(opened.wait(60000));
    const sim::Scenario s = panel->scenario();
    QCOMPARE(s.instance, QStringLiteral("inf1.6xlarge"));
    QCOMPARE(s.groupSizes, QStringLiteral("16"));
    QCOMPARE(s.pipelineCores, 16);
    QCOMPARE(s.workload.clients, 16);
    QCOMPARE(s.workload.requests, 200);
    QVERIFY(panel->isValid());
}

void WindowProfilesTest::savingKeepsTheEventLoopTickingAndCanBeCancelled() {
    const auto big = simulate(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 16, 20000);
    Window w;
    for (int i = 0; i < 4; ++i)
        w.main.session()->addRun(big);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(5);
    const QString path = m_dir.filePath(QStringLiteral("saved.pipescope"));
    QVERIFY(w.profiles->saveTo(path));
    QVERIFY(ticks >= 1); // the window handled events while the worker wrote
    QVERIFY(QFileInfo(path).size() > 1000);
    QVERIFY(!w.main.session()->isModified());
    QCOMPARE(w.main.session()->filePath(), path);
    // Cancelled before the file is replaced: nothing is written.
    const QString other = m_dir.filePath(QStringLiteral("cancelled.pipescope"));
    w.main.session()->setModified(true);
    QTimer::singleShot(0, w.profiles, &app::ProfileActions::cancelJob);
    QVERIFY(!w.profiles->saveTo(other));
    QVERIFY(!QFileInfo::exists(other));
    QVERIFY(w.main.session()->isModified());
    QVERIFY(w.messages.isEmpty());
}

QTEST_MAIN(WindowProfilesTest)
#include "tst_window_profiles.moc"
