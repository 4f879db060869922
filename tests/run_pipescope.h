#pragma once

// Test support for the command-line tests: runs the real pipescope executable as a user would and
// hands back its exit code, stdout and stderr.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// A run that outlives `timeoutMs` is killed and reported as "timed out" with exit code -1.
inline Outcome runPipescope(const QStringList& args, int timeoutMs = 300000) {
    QProcess process;
    process.start(QStringLiteral(PIPESCOPE_BIN), args);
    Outcome o;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        o.err = QStringLiteral("timed out");
        return o;
    }
    o.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    o.out = process.readAllStandardOutput();
    o.err = QString::fromLocal8Bit(process.readAllStandardError());
    return o;
}
