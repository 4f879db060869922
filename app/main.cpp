// pipescope: the desktop profiler, and its headless command line.
#include "cli/commands.h"
#include "cli/flag_parser.h"
#include "main_window_entry.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace {

void printHelp() {
    QTextStream out(stdout);
    out << "Pipescope " << PIPESCOPE_VERSION
        << ": a visual profiler for ML inference deployments on AWS Inferentia.\n\n"
           "Usage:\n"
           "  pipescope                    open the profiler window on the default scenario\n"
           "  pipescope FILE.pipescope     open a saved profile\n"
           "  pipescope COMMAND [flags]    run headless; `pipescope COMMAND --help` lists its flags\n\n"
           "Commands:\n";
    for (const auto& c : pipescope::cli::commands())
        out << "  " << QString::fromLatin1(c.name).leftJustified(12) << ' ' << c.summary << '\n';
    out << "\nOptions:\n  --help      this text\n  --version   print the version\n";
}

// An argument that is neither a command nor an existing file is a typo: say so and exit 2 rather
// than open a window (which, without a display, would never return and hang a script).
int unknownArgument(const QString& argument) {
    if (argument.endsWith(QLatin1String(".pipescope"), Qt::CaseInsensitive) ||
        argument.contains(QLatin1Char('/')))
        return pipescope::cli::usageError(
            QStringLiteral("pipescope: unknown command '%1' and no such file").arg(argument));
    QString message = QStringLiteral("pipescope: unknown command '%1'").arg(argument);
    if (const auto* nearest = pipescope::cli::nearestCommand(argument))
        message += QStringLiteral("; did you mean '%1'?").arg(QLatin1String(nearest->name));
    return pipescope::cli::usageError(message + QStringLiteral(" (pipescope --help lists them)"));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("Pipescope"));
    QCoreApplication::setApplicationName(QStringLiteral("pipescope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PIPESCOPE_VERSION));

    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        QTextStream(stdout) << "pipescope " << PIPESCOPE_VERSION << '\n';
        return 0;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        printHelp();
        return 0;
    }
    if (const auto* command = pipescope::cli::findCommand(first)) {
        QStringList args;
        for (int i = 2; i < argc; ++i)
            args << QString::fromLocal8Bit(argv[i]);
        // Commands that render widgets get a QApplication; the rest never touch a display.
        if (command->needsGui) {
            // Headless commands that render widgets must work without a display (CI, servers):
            // fall back to the offscreen platform unless the user chose one.
            const bool display =
                !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
            if (!display && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            return pipescope::app::runGuiCommand(argc, argv, *command, args);
        }
        QCoreApplication app(argc, argv);
        return command->run(args);
    }
    if (first.startsWith(QLatin1String("-")))
        return pipescope::cli::usageError(
            QStringLiteral("pipescope: unknown option %1; try pipescope --help").arg(first));
    if (!first.isEmpty() && !QFileInfo(first).isFile())
        return unknownArgument(first);
    return pipescope::app::runWindow(argc, argv);
}
