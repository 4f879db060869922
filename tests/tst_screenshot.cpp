// Screenshots of every view in every format, and the File menu's profile round trip on a real
// window: save, close, reopen in a new window gives the same runs table, selection and range.
#include "hardware/catalog.h"
#include "main_window.h"
#include "profile_actions.h"
#include "runs_table_view.h"
#include "screenshot.h"
#include "session.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include "simulate_or_die.h"

#include <QAbstractItemView>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace pipescope;

namespace {

sim::RunPtr simulate(const hardware::Catalog& catalog, const QString& instance, const QString& groups,
                     int cores) {
    sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = cores;
    s.workload.clients = 4;
    s.workload.requests = 200;
    s.workload.warmup = 10;
    return simulateOrDie(s, catalog);
}

QStringList tableRows(const app::MainWindow& window) {
    const QAbstractItemModel* model = window.runsTable()->model();
    QStringList rows;
    for (int r = 0; r < model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data().toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

struct Window {
    app::MainWindow main;
    app::ProfileActions* profiles = new app::ProfileActions(&main);
    QStringList messages;
    Window() {
        profiles->setNotify([this](const QString&, const QString& text) { messages << text; });
        main.resize(1300, 850);
        main.show();
    }
};

} // namespace

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyViewInEveryFormat_data();
    void everyViewInEveryFormat();
    void unknownFormatIsAnError();
    void fileMenuHasTheActions();
    void saveCloseReopenGivesSameTable();
    void badProfileLeavesSessionUntouched();
    void unsavedPromptCanCancelClose();
    void droppingAProfileOpensIt();

private:
    void fill(Window& w);
    std::optional<hardware::Catalog> m_catalog;
    std::vector<sim::RunPtr> m_runs;
    QTemporaryDir m_dir;
};

void TestScreenshot::initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // recent files and geometry stay out of the user's settings
    auto catalog = hardware::Catalog::load();
    QVERIFY(catalog.ok());
    m_catalog = std::move(catalog).value();
    m_runs = {simulate(*m_catalog, QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1),
              simulate(*m_catalog, QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4),
              simulate(*m_catalog, QStringLiteral("g4dn.xlarge"), QString(), 1)};
}

void TestScreenshot::fill(Window& w) {
    for (const auto& run : m_runs)
        w.main.session()->addRun(run);
    w.main.session()->setBaselineIndex(2);
    w.main.session()->setSelectedIndex(1);
    w.main.session()->setViewRange(1000, 2'000'000);
    QCoreApplication::processEvents();
}

void TestScreenshot::everyViewInEveryFormat_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("scale");
    for (const QString& view : app::screenshotViewNames()) {
        QTest::newRow(qPrintable(view + QStringLiteral(" png 1x"))) << view << QStringLiteral("png") << 1;
        QTest::newRow(qPrintable(view + QStringLiteral(" png 2x"))) << view << QStringLiteral("png") << 2;
        QTest::newRow(qPrintable(view + QStringLiteral(" svg"))) << view << QStringLiteral("svg") << 1;
        QTest::newRow(qPrintable(view + QStringLiteral(" pdf"))) << view << QStringLiteral("pdf") << 1;
    }
}

void TestScreenshot::everyViewInEveryFormat() {
    QFETCH(QString, view);
    QFETCH(QString, suffix);
    QFETCH(int, scale);
    Window w;
    fill(w);
    // As `pipescope screenshot` does: a tab that was never shown has no layout to render (the
    // Explore view would be captured at 100 x 30).
    if (view == QLatin1String("explore"))
        w.main.showExploreTab();
    else
        w.main.showRunsTab();
    QCoreApplication::processEvents();
    QWidget* widget = app::screenshotWidget(w.main, *app::parseScreenshotView(view));
    QVERIFY(widget->isVisible());
    QVERIFY(widget && !widget->size().isEmpty());
    const QString path = m_dir.filePath(QStringLiteral("%1-%2.%3").arg(view).arg(scale).arg(suffix));
    const auto error = app::saveScreenshot(widget, path, scale);
    QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 500);
    if (suffix == QLatin1String("png")) {
        const QImage image = QImage::fromData(bytes, "PNG");
        QCOMPARE(image.size(), widget->size() * scale);
        // Not a blank image: the view painted more than one colour.
        const QRgb first = image.pixel(0, 0);
        bool varied = false;
        for (int y = 0; y < image.height() && !varied; y += 7)
            for (int x = 0; x < image.width() && !varied; x += 7)
                varied = image.pixel(x, y) != first;
        QVERIFY(varied);
    } else if (suffix == QLatin1String("svg")) {
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(bytes.contains("<path") || bytes.contains("<rect") || bytes.contains("<polyline"));
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
    }
}

void TestScreenshot::unknownFormatIsAnError() {
    Window w;
    const auto error = app::saveScreenshot(&w.main, m_dir.filePath(QStringLiteral("x.bmpx")));
    QVERIFY(error.has_value());
    QVERIFY(error->where.endsWith(QStringLiteral("x.bmpx")));
}

void TestScreenshot::fileMenuHasTheActions() {
    Window w;
    QMap<QString, QKeySequence> shortcuts;
    QStringList menus;
    for (QAction* a : w.main.fileMenu()->actions()) {
        shortcuts[a->text().remove(QLatin1Char('&'))] = a->shortcut();
        if (a->menu())
            menus << a->text().remove(QLatin1Char('&'));
    }
    QCOMPARE(shortcuts.value(QStringLiteral("Open…")), QKeySequence(QKeySequence::Open));
    QCOMPARE(shortcuts.value(QStringLiteral("Save")), QKeySequence(QKeySequence::Save));
    QCOMPARE(shortcuts.value(QStringLiteral("Save As…")), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QVERIFY(shortcuts.contains(QStringLiteral("New")));
    QVERIFY(shortcuts.contains(QStringLiteral("Export Runs CSV…")));
    QVERIFY(shortcuts.contains(QStringLiteral("Export Trace (Chrome JSON)…")));
    QVERIFY(menus.contains(QStringLiteral("Open Recent")));
    QVERIFY(menus.contains(QStringLiteral("Export Screenshot")));
}

void TestScreenshot::saveCloseReopenGivesSameTable() {
    const QString path = m_dir.filePath(QStringLiteral("session.pipescope"));
    QStringList rows;
    {
        Window w;
        fill(w);
        rows = tableRows(w.main);
        QCOMPARE(rows.size(), 3);
        QVERIFY(w.profiles->saveTo(path));
        QVERIFY(!w.main.session()->isModified());
        QVERIFY(w.main.close()); // saved: no prompt
    }
    Window w;
    const auto opened = w.profiles->openFileNow(path);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
    QCoreApplication::processEvents();
    QCOMPARE(tableRows(w.main), rows);
    const widgets::Session* s = w.main.session();
    QCOMPARE(s->selectedIndex(), 1);
    QCOMPARE(s->baselineIndex(), 2);
    QCOMPARE(s->viewBegin(), 1000);
    QCOMPARE(s->viewEnd(), 2'000'000);
    QCOMPARE(s->filePath(), path);
    QVERIFY(!s->isModified());
    QCOMPARE(s->runs()[0]->trace.eventCount(), m_runs[0]->trace.eventCount());
    QVERIFY(app::ProfileActions::recentFiles().contains(QFileInfo(path).absoluteFilePath()));
}

void TestScreenshot::badProfileLeavesSessionUntouched() {
    Window w;
    fill(w);
    const QStringList before = tableRows(w.main);
    const QString bad = QStringLiteral(PIPESCOPE_TEST_DATA "/profiles/bad/batch_absurd.pipescope");
    QVERIFY(!w.profiles->openFileNow(bad).ok());
    QSignalSpy failed(w.profiles, &app::ProfileActions::openFailed);
    QVERIFY(w.profiles->openFile(bad)); // the GUI path, on a worker: message, nothing replaced
    QVERIFY(failed.wait(20000));
    QCOMPARE(w.messages.size(), 1);
    QVERIFY2(w.messages[0].contains(bad) && w.messages[0].contains(QStringLiteral("runs[0].config.batch")),
             qPrintable(w.messages[0]));
    QCOMPARE(tableRows(w.main), before);
    QCOMPARE(w.main.session()->selectedIndex(), 1);
    QVERIFY(w.main.session()->isModified());
}

void TestScreenshot::unsavedPromptCanCancelClose() {
    Window w;
    fill(w);
    QVERIFY(w.main.session()->isModified());
    int asked = 0;
    w.profiles->setPrompt([&] {
        ++asked;
        return QMessageBox::Cancel;
    });
    QVERIFY(!w.main.close());
    QVERIFY(w.main.isVisible());
    QCOMPARE(asked, 1);
    w.profiles->setPrompt([&] {
        ++asked;
        return QMessageBox::Discard;
    });
    QVERIFY(w.main.close());
    QCOMPARE(asked, 2);
}

void TestScreenshot::droppingAProfileOpensIt() {
    const QString path = m_dir.filePath(QStringLiteral("dropped.pipescope"));
    {
        Window source;
        fill(source);
        QVERIFY(source.profiles->saveTo(path));
    }
    Window w;
    QSignalSpy opened(w.profiles, &app::ProfileActions::profileOpened);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w.main, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w.main, &drop);
    QVERIFY(opened.wait(20000));
    QCOMPARE(opened.first().first().toString(), path);
    QCOMPARE(w.main.session()->runs().size(), m_runs.size());
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
