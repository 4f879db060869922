#include "profile_actions.h"

#include "deployment_panel.h"
#include "explore/explore_view.h"
#include "main_window.h"
#include "session.h"

#include "io/profile_reader.h"
#include "io/profile_writer.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolButton>
#include <QUndoStack>

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
    m_saveDialog = [this](const QString& title, const QString& proposed, const QString& filters,
                          QString* chosen) {
        return QFileDialog::getSaveFileName(m_window, title, proposed, filters, chosen);
    };
    buildMenu();
    buildJobStrip();
    m_window->setAcceptDrops(true);
    m_window->installEventFilter(this);
    connect(&m_opening, &QFutureWatcherBase::finished, this, &ProfileActions::onOpened);
}

ProfileActions::~ProfileActions() {
    m_cancel = true;
    m_opening.waitForFinished();
    m_saving.waitForFinished();
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
    // QKeySequence::SaveAs is empty on some platforms (and offscreen): name the usual keys.
    add(tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), &ProfileActions::saveAs);
    file->insertSeparator(before);
    buildExportMenu(file, before);
    file->insertSeparator(before);
}

void ProfileActions::buildJobStrip() {
    // Opening or saving a large session takes seconds: say so, show how far, and let it stop.
    m_jobProgress = new QProgressBar(m_window);
    m_jobProgress->setRange(0, kJobProgressMax);
    m_jobProgress->setMaximumWidth(220);
    m_jobProgress->setVisible(false);
    m_jobProgress->setObjectName(QStringLiteral("profileProgress"));
    m_jobCancel = new QToolButton(m_window);
    m_jobCancel->setText(tr("Cancel"));
    m_jobCancel->setToolTip(tr("Stop opening or saving the profile"));
    m_jobCancel->setVisible(false);
    m_jobCancel->setObjectName(QStringLiteral("profileCancel"));
    connect(m_jobCancel, &QToolButton::clicked, this, &ProfileActions::cancelJob);
    m_window->statusBar()->addPermanentWidget(m_jobProgress);
    m_window->statusBar()->addPermanentWidget(m_jobCancel);
    for (auto* watcher : std::initializer_list<QFutureWatcherBase*>{&m_opening, &m_saving}) {
        connect(watcher, &QFutureWatcherBase::progressValueChanged, m_jobProgress, &QProgressBar::setValue);
        connect(watcher, &QFutureWatcherBase::finished, this, [this] {
            m_jobProgress->setVisible(false);
            m_jobCancel->setVisible(false);
            m_window->unsetCursor();
        });
    }
}

void ProfileActions::showJob(const QString& text) {
    m_cancel = false;
    m_jobProgress->setValue(0);
    m_jobProgress->setVisible(true);
    m_jobCancel->setVisible(true);
    m_window->setCursor(Qt::BusyCursor);
    m_window->statusBar()->showMessage(text);
}

void ProfileActions::cancelJob() {
    m_cancel = true;
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
    // An open in progress is dropped (the session it would replace is what the user acts on); a
    // save in progress is the user's data: it finishes first.
    if (m_opening.isRunning()) {
        cancelJob();
        m_opening.waitForFinished();
    }
    m_saving.waitForFinished();
    const bool nothingToSave = m_window->session()->runs().empty() && !m_window->exploreView()->savedSweep();
    if (!m_window->session()->isModified() || nothingToSave)
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
    m_window->exploreView()->cancelSweep();
    m_window->exploreView()->clearSweep();
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
    m_openingPath = path;
    showJob(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_opening.setFuture(startOpenProfile(path, &m_cancel));
    return true;
}

void ProfileActions::onOpened() {
    const OpenedProfile opened = m_opening.result();
    if (opened.cancelled) {
        m_window->statusBar()->showMessage(
            tr("Opening %1 cancelled").arg(QFileInfo(m_openingPath).fileName()), 5000);
        emit openCancelled();
    } else if (opened.error) {
        fail(opened.error->toString());
    } else {
        apply(m_openingPath, opened.profile, opened.runs);
    }
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
    // The Explore tab shows the profile's last sweep; a profile without one clears it.
    m_window->exploreView()->cancelSweep();
    if (profile.sweeps.empty())
        m_window->exploreView()->clearSweep();
    else
        m_window->exploreView()->showSweep(profile.sweeps.back());
    session->setFilePath(path);
    session->setModified(false);
    // The panel shows the deployment being looked at, ready to be varied and run again.
    if (const sim::RunPtr selected = session->selectedRun())
        m_window->deploymentPanel()->setRunInputs(selected->inputs);
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
    if (isBusy())
        return false;
    widgets::Session* session = m_window->session();
    const std::vector<sim::RunPtr> runs = session->runs();
    showJob(tr("Saving %1…").arg(QFileInfo(path).fileName()));
    io::Profile profile = io::makeProfile(runs, session->selectedIndex(), session->baselineIndex(),
                                          session->viewBegin(), session->viewEnd());
    if (auto sweep = m_window->exploreView()->savedSweep())
        profile.sweeps.push_back(std::move(*sweep));
    m_saving.setFuture(startSaveProfile(path, std::move(profile), &m_cancel));
    // The window keeps painting and answering while the worker compresses and writes.
    QEventLoop loop;
    connect(&m_saving, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    if (!m_saving.isFinished())
        loop.exec();
    const SavedProfile saved = m_saving.result();
    if (saved.cancelled) {
        m_window->statusBar()->showMessage(tr("Save cancelled; %1 was not changed").arg(path), 5000);
        return false;
    }
    if (saved.error) {
        m_window->statusBar()->clearMessage();
        m_notify(tr("Cannot save profile"), saved.error->toString());
        return false;
    }
    session->setFilePath(path);
    // Runs that arrived while saving are not in the file.
    session->setModified(session->runs() != runs);
    addRecent(path);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
    return true;
}

bool ProfileActions::save() {
    const QString path = m_window->session()->filePath();
    return path.isEmpty() ? saveAs() : saveTo(path);
}

bool ProfileActions::saveAs() {
    const QString current = m_window->session()->filePath();
    const QString proposed =
        current.isEmpty() ? QDir(dialogDir()).filePath(sessionBaseName() + QStringLiteral(".pipescope"))
                          : current;
    QString path = m_saveDialog(tr("Save Profile"), proposed, profileFilter(), nullptr);
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

} // namespace pipescope::app
