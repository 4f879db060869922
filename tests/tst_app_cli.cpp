// The pipescope executable's command-line basics, run as a child process exactly as a user or a
// script would: --version and --help need no display, bad usage exits 2 with one line on stderr.
#include "cli/commands.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <algorithm>

namespace {

struct Outcome {
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// Runs the binary with no display at all: no X11, no Wayland, no platform override. Commands that
// render widgets get the offscreen platform, as a headless server would give them.
Outcome runPipescope(const QStringList& args, bool offscreen = false) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(var));
    if (offscreen)
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PIPESCOPE_BIN), args);
    Outcome outcome;
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        outcome.err = process.errorString();
        outcome.crashed = true;
        return outcome;
    }
    outcome.crashed = process.exitStatus() != QProcess::NormalExit;
    outcome.exitCode = process.exitCode();
    outcome.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    outcome.err = QString::fromLocal8Bit(process.readAllStandardError());
    return outcome;
}

// Non-empty lines of a child's output stream.
QStringList lines(const QString& text) {
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestAppCli : public QObject {
    Q_OBJECT

private slots:
    void versionWithoutDisplay_data() {
        QTest::addColumn<QString>("flag");
        QTest::newRow("long") << QStringLiteral("--version");
        QTest::newRow("short") << QStringLiteral("-v");
    }
    void versionWithoutDisplay() {
        QFETCH(QString, flag);
        const Outcome r = runPipescope({flag});
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("pipescope " PIPESCOPE_VERSION "\n"));
        QCOMPARE(r.err, QString());
    }

    void helpListsEveryCommand_data() {
        QTest::addColumn<QString>("flag");
        QTest::newRow("long") << QStringLiteral("--help");
        QTest::newRow("short") << QStringLiteral("-h");
    }
    void helpListsEveryCommand() {
        QFETCH(QString, flag);
        const Outcome r = runPipescope({flag});
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        QVERIFY(r.out.contains(QStringLiteral(PIPESCOPE_VERSION)));
        QVERIFY(r.out.contains(QStringLiteral("--version")));
        QVERIFY(!pipescope::cli::commands().empty());
        // Each command on its own line, followed by its summary.
        const QStringList outLines = lines(r.out);
        for (const auto& command : pipescope::cli::commands()) {
            const auto line = std::find_if(outLines.begin(), outLines.end(), [&](const QString& l) {
                return l.trimmed().startsWith(QLatin1String(command.name) + QLatin1Char(' '));
            });
            QVERIFY2(line != outLines.end(), command.name);
            QVERIFY2(line->contains(QLatin1String(command.summary)), qPrintable(*line));
        }
    }

    void unknownOptionIsUsageError_data() {
        QTest::addColumn<QString>("option");
        QTest::newRow("long") << QStringLiteral("--frobnicate");
        QTest::newRow("short") << QStringLiteral("-q");
        QTest::newRow("empty long") << QStringLiteral("--");
    }
    void unknownOptionIsUsageError() {
        QFETCH(QString, option);
        const Outcome r = runPipescope({option});
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        const QStringList errLines = lines(r.err);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.first().contains(option), qPrintable(r.err));
    }

    // A typo of a command must not open a window (with no display it would never return): it is
    // bad usage, named, with the command the user probably meant.
    void unknownCommandIsUsageError_data() {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("nearest");
        QTest::newRow("typo") << QStringLiteral("simulat") << QStringLiteral("simulate");
        QTest::newRow("swapped letters") << QStringLiteral("screnshot") << QStringLiteral("screenshot");
        QTest::newRow("sweeep") << QStringLiteral("sweeep") << QString();
        QTest::newRow("missing profile") << QStringLiteral("no-such.pipescope") << QString();
    }
    void unknownCommandIsUsageError() {
        QFETCH(QString, argument);
        QFETCH(QString, nearest);
        const Outcome r = runPipescope({argument});
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        const QStringList errLines = lines(r.err);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.first().contains(QStringLiteral("unknown command '%1'").arg(argument)),
                 qPrintable(r.err));
        if (!nearest.isEmpty())
            QVERIFY2(errLines.first().contains(QStringLiteral("did you mean '%1'").arg(nearest)),
                     qPrintable(r.err));
    }

    // The flag parser's contract holds for every subcommand, models first among them.
    void unknownFlagOfCommandIsUsageError_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("needsGui");
        QTest::newRow("models") << QStringLiteral("models") << false;
        for (const auto& command : pipescope::cli::commands())
            if (QLatin1String(command.name) != QLatin1String("models"))
                QTest::newRow(command.name) << QString::fromLatin1(command.name) << command.needsGui;
    }
    void unknownFlagOfCommandIsUsageError() {
        QFETCH(QString, command);
        QFETCH(bool, needsGui);
        QVERIFY(pipescope::cli::findCommand(command) != nullptr);
        const Outcome r =
            runPipescope({command, QStringLiteral("--no-such-flag"), QStringLiteral("3")}, needsGui);
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out, QString());
        const QStringList errLines = lines(r.err);
        QCOMPARE(errLines.size(), 1);
        QVERIFY2(errLines.first().contains(QStringLiteral("--no-such-flag")), qPrintable(r.err));
        QVERIFY2(errLines.first().contains(command), qPrintable(r.err));
    }

    // `pipescope --help` promises `pipescope COMMAND --help` for every command, with no display.
    void everyCommandHasHelp_data() {
        QTest::addColumn<QString>("command");
        for (const auto& command : pipescope::cli::commands())
            QTest::newRow(command.name) << QString::fromLatin1(command.name);
    }
    void everyCommandHasHelp() {
        QFETCH(QString, command);
        const Outcome r = runPipescope({command, QStringLiteral("--help")});
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: pipescope ") + command), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("--help")));
    }

    // The window uses the icon the package installs; it is compiled into the app library.
    void windowIconIsEmbedded() {
        QFile icon(QStringLiteral(":/pipescope/icons/pipescope.svg"));
        QVERIFY(icon.open(QIODevice::ReadOnly));
        const QByteArray svg = icon.readAll();
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("viewBox=\"0 0 128 128\""));
    }
};

QTEST_GUILESS_MAIN(TestAppCli)
#include "tst_app_cli.moc"
