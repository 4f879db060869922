#pragma once

#include "core/result.h"
#include "io/profile.h"
#include "io/profile_restore.h"
#include "profile_jobs.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QProgressBar;
class QToolButton;

namespace pipescope::app {

class MainWindow;

// The extension of a file dialog filter ("PNG image (*.png)" -> "png"), and `path` with it
// appended when the user typed a name without one.
QString suffixOfFilter(const QString& filter);
QString withFilterSuffix(const QString& path, const QString& filter);

// The File menu's profile and export actions on a MainWindow: New, Open, Save, Save As, Open
// Recent, Export Screenshot, Export Runs CSV, Export Trace; the unsaved-changes prompt on close
// and on open; dropping a .pipescope file on the window opens it. Owned by the window.
class ProfileActions : public QObject {
    Q_OBJECT
public:
    explicit ProfileActions(MainWindow* window);
    // Stops a running open or save and waits for it: the worker reads m_cancel.
    ~ProfileActions() override;

    // Opens a profile on a worker thread: reading, decoding traces and re-simulating runs saved
    // without one; the status bar shows progress and a Cancel button, and the session is replaced
    // only when everything is ready. On error the session is left untouched and the message (with
    // the file and JSON path) is shown. Returns false when another open or save is in progress.
    bool openFile(const QString& path);
    // Reads and restores on the calling thread (command line, tests); the same session update.
    Result<bool> openFileNow(const QString& path);
    // Saves on a worker thread (progress and Cancel in the status bar) and waits for it while the
    // window keeps handling events; false when it failed or was cancelled.
    bool saveTo(const QString& path);
    bool isBusy() const { return m_opening.isRunning() || m_saving.isRunning(); }
    // Stops the open or save in progress; a cancelled save leaves the old file as it was.
    void cancelJob();

    // Asks whether to save unsaved runs; false when the user cancels. Tests replace the dialog.
    bool maybeSave();
    using Prompt = std::function<QMessageBox::StandardButton()>;
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }
    // Message boxes go through here so tests can capture them instead of blocking.
    using Notify = std::function<void(const QString& title, const QString& text)>;
    void setNotify(Notify notify) { m_notify = std::move(notify); }
    // The Save dialog: title, proposed path, filters, and the chosen filter (out). Returns the
    // path or empty when cancelled. Tests replace it; by default QFileDialog::getSaveFileName.
    using SaveDialog = std::function<QString(const QString& title, const QString& proposed,
                                             const QString& filters, QString* chosenFilter)>;
    void setSaveDialog(SaveDialog dialog) { m_saveDialog = std::move(dialog); }

    void exportScreenshot(int view); // a ScreenshotView
    void exportCsv();
    void exportTrace();
    void exportSweepCsv(); // the Explore view's sweep as it is ranked now

    static QStringList recentFiles();

signals:
    void profileOpened(const QString& path); // after the session was replaced
    void openFailed(const QString& message);
    void openCancelled();
    void exported(const QString& path); // after an export file was written

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildMenu();
    void newSession();
    void openDialog();
    bool save();
    bool saveAs();
    void buildExportMenu(QMenu* file, QAction* before);
    void buildJobStrip();
    void showJob(const QString& text);
    void onOpened();
    // Asks for an export file: proposes `name` in the usual folder and appends the chosen
    // filter's extension when the user typed none. Empty when cancelled.
    QString askExportPath(const QString& title, const QString& name, const QString& filters,
                          QString* chosenFilter = nullptr);
    void confirmExport(const QString& what, const QString& path);
    QString sessionBaseName() const;
    void rebuildRecentMenu();
    void addRecent(const QString& path);
    void apply(const QString& path, const io::Profile& profile, const std::vector<io::RestoredRun>& runs);
    void fail(const QString& message);
    QString dialogDir() const;

    MainWindow* m_window;
    QMenu* m_recentMenu = nullptr;
    Prompt m_prompt;
    Notify m_notify;
    SaveDialog m_saveDialog;
    std::atomic<bool> m_cancel{false};
    QFutureWatcher<OpenedProfile> m_opening;
    QFutureWatcher<SavedProfile> m_saving;
    QString m_openingPath;
    QProgressBar* m_jobProgress = nullptr;
    QToolButton* m_jobCancel = nullptr;
};

} // namespace pipescope::app
