#include "profile_actions.h"

#include "main_window.h"
#include "screenshot.h"
#include "session.h"

#include "io/atomic_file.h"
#include "io/chrome_trace_export.h"
#include "io/csv_export.h"
#include "io/profile_reader.h"
#include "io/profile_writer.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QtConcurrent>

namespace pipescope::app {

namespace {

const QString kRecentKey = QStringLiteral("profiles/recent");
constexpr int kMaxRecent = 8;

QString profileFilter() {
    return QObject::tr("Pipescope profiles (*.pipescope);;All files (*)");
}

// The first local .pipescope file of a drag, or nothing.
QString droppedProfile(const QMimeData* mime) {
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".pipescope"), Qt::CaseInsensitive))
            return url.toLocalFile();
    return {};
}

} // namespace

ProfileActions::ProfileActions(MainWindow* window)
    : QObject(window)
    , m_window(window) {
    m_prompt = [this] {
        return QMessageBox::warning(
            m_window, tr("Unsaved runs"), tr("The session has runs that are not saved. Save them first?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    m_notify = [this](const QString& title, const QString& text) {
        QMessageBox::warning(m_window, title, text);
    };
    buildMenu();
    m_window->setAcceptDrops(true);
    m_window->installEventFilter(this);
    connect(&m_restoring, &QFutureWatcherBase::finished, this, [this] {
        const Restored restored = m_restoring.result();
        m_window->unsetCursor();
        if (restored.error)
            fail(tr("%1: cannot restore the runs: %2").arg(m_pendingPath, restored.error->toString()));
        else
            apply(m_pendingPath, m_pendingProfile, restored.runs);
        m_pendingProfile = {};
    });
}

void ProfileActions::buildMenu() {
    QMenu* file = m_window->fileMenu();
    // Everything goes above the window's own entries (Quit), in the usual order.
    QAction* before = file->actions().isEmpty() ? nullptr : file->actions().first();
    const auto add = [&](const QString& text, QKeySequence key, auto slot) {
        auto* action = new QAction(text, file);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        file->insertAction(before, action);
        return action;
    };
    add(tr("&New"), QKeySequence::New, &ProfileActions::newSession);
    add(tr("&Open…"), QKeySequence::Open, &ProfileActions::openDialog);
    m_recentMenu = new QMenu(tr("Open &Recent"), file);
    file->insertMenu(before, m_recentMenu);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &ProfileActions::rebuildRecentMenu);
    rebuildRecentMenu();
    add(tr("&Save"), QKeySequence::Save, &ProfileActions::save);
    add(tr("Save &As…"), QKeySequence::SaveAs, &ProfileActions::saveAs);
    file->insertSeparator(before);

    auto* shots = new QMenu(tr("Export Scree&nshot"), file);
    for (const QString& name : screenshotViewNames()) {
        const auto view = *parseScreenshotView(name);
        shots->addAction(screenshotViewTitle(view) + QStringLiteral("…"), this,
                         [this, view] { exportScreenshot(static_cast<int>(view)); });
    }
    file->insertMenu(before, shots);
    add(tr("Export Runs &CSV…"), {}, &ProfileActions::exportCsv);
    add(tr("Export &Trace (Chrome JSON)…"), {}, &ProfileActions::exportTrace);
    file->insertSeparator(before);
}

bool ProfileActions::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_window)
        return false;
    switch (event->type()) {
    case QEvent::Close:
        // Ask before the window's own closeEvent runs; ignoring the event keeps the window open.
        if (!maybeSave()) {
            event->ignore();
            return true;
        }
        return false;
    case QEvent::DragEnter: {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (!droppedProfile(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
        return false;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = droppedProfile(drop->mimeData());
        if (path.isEmpty())
            return false;
        drop->acceptProposedAction();
        // Open after the drop returns: the prompt must not run inside the drag's event loop.
        QMetaObject::invokeMethod(
            this,
            [this, path] {
                if (maybeSave())
                    openFile(path);
            },
            Qt::QueuedConnection);
        return true;
    }
    default:
        return false;
    }
}

bool ProfileActions::maybeSave() {
    if (!m_window->session()->isModified() || m_window->session()->runs().empty())
        return true;
    switch (m_prompt()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void ProfileActions::newSession() {
    if (!maybeSave())
        return;
    m_window->runController()->cancel();
    m_window->undoStack()->clear();
    widgets::Session* session = m_window->session();
    session->reset({}, -1, -1);
    session->setViewRange(0, 0);
    session->setFilePath(QString());
    session->setModified(false);
}

QString ProfileActions::dialogDir() const {
    const QString current = m_window->session()->filePath();
    if (!current.isEmpty())
        return QFileInfo(current).absolutePath();
    const QStringList recent = recentFiles();
    return recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
}

void ProfileActions::openDialog() {
    if (!maybeSave())
        return;
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open Profile"), dialogDir(), profileFilter());
    if (!path.isEmpty())
        openFile(path);
}

bool ProfileActions::openFile(const QString& path) {
    if (isBusy())
        return false;
    auto read = io::readProfileFile(path);
    if (!read) {
        fail(read.error().toString());
        return false;
    }
    m_pendingPath = path;
    m_pendingProfile = std::move(read).value();
    m_window->setCursor(Qt::BusyCursor);
    m_window->statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_restoring.setFuture(QtConcurrent::run([profile = m_pendingProfile] {
        auto runs = io::restoreRuns(profile);
        return runs ? Restored{std::move(runs).value(), std::nullopt} : Restored{{}, runs.error()};
    }));
    return true;
}

Result<bool> ProfileActions::openFileNow(const QString& path) {
    auto read = io::readProfileFile(path);
    if (!read)
        return read.error();
    auto runs = io::restoreRuns(read.value());
    if (!runs)
        return makeError(runs.error().toString(), path);
    apply(path, read.value(), runs.value());
    return true;
}

void ProfileActions::apply(const QString& path, const io::Profile& profile,
                           const std::vector<io::RestoredRun>& restored) {
    // Queued default-scenario runs would land in the opened session: stop them first.
    m_window->runController()->cancel();
    m_window->undoStack()->clear();
    std::vector<sim::RunPtr> runs;
    for (const auto& r : restored)
        runs.push_back(r.run);
    widgets::Session* session = m_window->session();
    session->reset(std::move(runs), profile.selectedRun, profile.baselineRun);
    session->setViewRange(profile.viewBeginNs, profile.viewEndNs);
    session->setFilePath(path);
    session->setModified(false);
    addRecent(path);
    QString status = tr("Opened %1").arg(QFileInfo(path).fileName());
    if (!profile.warnings.isEmpty())
        status += tr(" (%n unknown field(s) ignored: %1)", nullptr, profile.warnings.size())
                      .arg(profile.warnings.first());
    m_window->statusBar()->showMessage(status, 10000);
    const QString changes = io::describeChanges(restored);
    if (!changes.isEmpty())
        m_notify(tr("Results changed"),
                 tr("These runs were saved without their trace and simulated again; this version of "
                    "Pipescope gives different numbers:\n\n%1")
                     .arg(changes));
    emit profileOpened(path);
}

void ProfileActions::fail(const QString& message) {
    m_window->statusBar()->clearMessage();
    m_notify(tr("Cannot open profile"), message);
    emit openFailed(message);
}

bool ProfileActions::saveTo(const QString& path) {
    widgets::Session* session = m_window->session();
    const io::Profile profile =
        io::makeProfile(session->runs(), session->selectedIndex(), session->baselineIndex(),
                        session->viewBegin(), session->viewEnd());
    if (const auto error = io::writeProfileFile(path, profile)) {
        m_notify(tr("Cannot save profile"), error->toString());
        return false;
    }
    session->setFilePath(path);
    session->setModified(false);
    addRecent(path);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool ProfileActions::save() {
    const QString path = m_window->session()->filePath();
    return path.isEmpty() ? saveAs() : saveTo(path);
}

bool ProfileActions::saveAs() {
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Profile"), dialogDir(), profileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pipescope");
    return saveTo(path);
}

QStringList ProfileActions::recentFiles() {
    return QSettings().value(kRecentKey).toStringList();
}

void ProfileActions::addRecent(const QString& path) {
    QStringList recent = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

void ProfileActions::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent profiles"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [] { QSettings().remove(kRecentKey); });
    }
}

void ProfileActions::exportScreenshot(int viewIndex) {
    const auto view = static_cast<ScreenshotView>(viewIndex);
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Screenshot"), dialogDir(),
        tr("PNG image (*.png);;PNG image at 2x (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"),
        &filter);
    if (path.isEmpty())
        return;
    const int scale = filter.contains(QLatin1String("2x")) ? 2 : 1;
    if (const auto error = saveScreenshot(screenshotWidget(*m_window, view), path, scale))
        m_notify(tr("Cannot export screenshot"), error->toString());
}

void ProfileActions::exportCsv() {
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export Runs CSV"), dialogDir(), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const widgets::Session* session = m_window->session();
    if (const auto error =
            io::writeFileAtomically(path, io::runsToCsv(session->runs(), session->baselineIndex())))
        m_notify(tr("Cannot export CSV"), error->toString());
}

void ProfileActions::exportTrace() {
    const sim::RunPtr run = m_window->session()->selectedRun();
    if (!run) {
        m_notify(tr("Export Trace"), tr("Select a run in the runs table first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Trace (Chrome JSON)"), dialogDir(),
                                                      tr("Chrome trace JSON (*.json *.json.gz)"));
    if (path.isEmpty())
        return;
    // Streams to disk (gzip for a .gz name); warm-up requests are left out as in the summary.
    if (const auto stats = io::exportChromeTrace(path, *run); !stats)
        m_notify(tr("Cannot export trace"), stats.error().toString());
}

} // namespace pipescope::app
