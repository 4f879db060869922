#include "main_window_entry.h"

#include "main_window.h"

#include <QApplication>

namespace pipescope::app {

int runWindow(int argc, char** argv) {
    QApplication app(argc, argv);
    MainWindow window;
    window.show();
    // A first start (no profile named) opens on the 2021 study's comparison, simulated in the
    // background while the window is already usable.
    if (argc <= 1)
        window.startDefaultScenario();
    return app.exec();
}

int runGuiCommand(int argc, char** argv, const cli::Command& command, const QStringList& args) {
    QApplication app(argc, argv);
    return command.run(args);
}

} // namespace pipescope::app
