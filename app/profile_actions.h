#pragma once

#include "core/result.h"
#include "io/profile.h"
#include "io/profile_restore.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QObject>

#include <functional>

class QAction;
class QMenu;

namespace pipescope::app {

class MainWindow;

// The File menu's profile and export actions on a MainWindow: New, Open, Save, Save As, Open
// Recent, Export Screenshot, Export Runs CSV, Export Trace; the unsaved-changes prompt on close
// and on open; dropping a .pipescope file on the window opens it. Owned by the window.
class ProfileActions : public QObject {
    Q_OBJECT
public:
    explicit ProfileActions(MainWindow* window);

    // Opens a profile: runs without an embedded trace are re-simulated off the GUI thread and
    // the session replaced only when all are ready. On error the session is left untouched and
    // the message (with the file and JSON path) is shown. Returns false when reading failed.
    bool openFile(const QString& path);
    // Reads and restores on the calling thread (command line, tests); the same session update.
    Result<bool> openFileNow(const QString& path);
    bool saveTo(const QString& path);
    bool isBusy() const { return m_restoring.isRunning(); }

    // Asks whether to save unsaved runs; false when the user cancels. Tests replace the dialog.
    bool maybeSave();
    using Prompt = std::function<QMessageBox::StandardButton()>;
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }
    // Message boxes go through here so tests can capture them instead of blocking.
    using Notify = std::function<void(const QString& title, const QString& text)>;
    void setNotify(Notify notify) { m_notify = std::move(notify); }

    static QStringList recentFiles();

signals:
    void profileOpened(const QString& path); // after the session was replaced
    void openFailed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildMenu();
    void newSession();
    void openDialog();
    bool save();
    bool saveAs();
    void exportScreenshot(int view);
    void exportCsv();
    void exportTrace();
    void rebuildRecentMenu();
    void addRecent(const QString& path);
    void apply(const QString& path, const io::Profile& profile, const std::vector<io::RestoredRun>& runs);
    void fail(const QString& message);
    QString dialogDir() const;

    MainWindow* m_window;
    QMenu* m_recentMenu = nullptr;
    Prompt m_prompt;
    Notify m_notify;
    struct Restored {
        std::vector<io::RestoredRun> runs;
        std::optional<Error> error;
    };
    QFutureWatcher<Restored> m_restoring;
    QString m_pendingPath;
    io::Profile m_pendingProfile;
};

} // namespace pipescope::app
