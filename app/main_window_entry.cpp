#include "main_window_entry.h"

#include "main_window.h"
#include "profile_actions.h"

#include <QApplication>

namespace pipescope::app {

int runWindow(int argc, char** argv) {
    QApplication app(argc, argv);
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
    QApplication app(argc, argv);
    return command.run(args);
}

} // namespace pipescope::app
