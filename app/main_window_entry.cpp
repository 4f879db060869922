#include "main_window_entry.h"

#include "main_window.h"
#include "profile_actions.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QIcon>

#include <unistd.h>

namespace pipescope::app {

int runWindow(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/pipescope/icons/pipescope.svg")));
    MainWindow window;
    auto* profiles = new ProfileActions(&window); // File menu profile/export actions, owned by the window
    window.show();
    // A first start (no profile named) opens on the 2021 study's comparison, simulated in the
    // background while the window is already usable; `pipescope FILE.pipescope` opens the file.
    if (argc <= 1)
        window.startDefaultScenario();
    else
        profiles->openFile(QString::fromLocal8Bit(argv[1]));
    return app.exec();
}

int runGuiCommand(int argc, char** argv, const cli::Command& command, const QStringList& args) {
    // Headless servers often have no XDG_RUNTIME_DIR: Qt then picks a fallback and says so on
    // stderr, which would break the command line's one-line error contract. Provide the same
    // kind of private (0700) directory quietly.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString dir = QDir::tempPath() + QStringLiteral("/runtime-pipescope-%1").arg(getuid());
        if (QDir().mkpath(dir) &&
            QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
    }
    QApplication app(argc, argv);
    return command.run(args);
}

} // namespace pipescope::app
