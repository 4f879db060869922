#include "main_window_entry.h"

#include <QApplication>
#include <QMainWindow>

namespace pipescope::app {

int runWindow(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow window; // replaced by the profiler's MainWindow
    window.setWindowTitle(QStringLiteral("Pipescope"));
    window.resize(1400, 900);
    window.show();
    return app.exec();
}

int runGuiCommand(int argc, char** argv, const cli::Command& command, const QStringList& args) {
    QApplication app(argc, argv);
    return command.run(args);
}

} // namespace pipescope::app
