// `pipescope simulate --out`, `pipescope export` and `pipescope screenshot` run as a user's
// script would run them: files written, exit codes, one-line errors naming file and JSON path.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

struct Outcome {
    int exitCode = -1;
    QString err;
};

Outcome run(const QStringList& args) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PIPESCOPE_BIN), args);
    if (!process.waitForFinished(300000))
        return {-1, QStringLiteral("timed out")};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAllStandardError())};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exportCsv();
    void exportTrace();
    void exportTraceGzipWithWarmup();
    void simulateWritesTrace();
    void badProfileNamesFileAndPath();
    void usageErrors_data();
    void usageErrors();
    void screenshotOfProfile();

private:
    QTemporaryDir m_dir;
    QString m_profile;
};

void TestCliExport::initTestCase() {
    m_profile = m_dir.filePath(QStringLiteral("run.pipescope"));
    const Outcome r =
        run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("inf1.xlarge"),
             QStringLiteral("--group-sizes"), QStringLiteral("4"), QStringLiteral("--pipeline-cores"),
             QStringLiteral("4"), QStringLiteral("--clients"), QStringLiteral("4"),
             QStringLiteral("--requests"), QStringLiteral("200"), QStringLiteral("--out"), m_profile});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(readAll(m_profile).contains("\"format\":\"pipescope-profile\""));
}

void TestCliExport::exportCsv() {
    const QString out = m_dir.filePath(QStringLiteral("runs.csv"));
    const Outcome r =
        run({QStringLiteral("export"), QStringLiteral("--profile"), m_profile, QStringLiteral("--csv"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList lines =
        QString::fromUtf8(readAll(out)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(
        lines[0].startsWith(QStringLiteral("instance,batch,mode,neuroncores_per_model,throughput_per_s")));
    QVERIFY2(lines[1].startsWith(QStringLiteral("inf1.xlarge,1,pipeline,4,")), qPrintable(lines[1]));
}

void TestCliExport::exportTrace() {
    const QString out = m_dir.filePath(QStringLiteral("trace.json"));
    const Outcome r = run({QStringLiteral("export"), QStringLiteral("--profile"), m_profile,
                           QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--trace"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonArray events = QJsonDocument::fromJson(readAll(out))[QStringLiteral("traceEvents")].toArray();
    int complete = 0, counters = 0, threads = 0;
    for (const auto& v : events) {
        const QString ph = v[QStringLiteral("ph")].toString();
        complete += ph == QLatin1String("X");
        counters += ph == QLatin1String("C");
        threads += v[QStringLiteral("name")].toString() == QLatin1String("thread_name");
    }
    QVERIFY(complete > 100);
    QVERIFY(counters > 100);
    QCOMPARE(threads, 5); // four NeuronCores and the host
}

// A .gz name writes gzip (magic 1f 8b) and says how many bytes each event cost.
void TestCliExport::exportTraceGzipWithWarmup() {
    const QString out = m_dir.filePath(QStringLiteral("trace.json.gz"));
    QProcess process;
    process.start(QStringLiteral(PIPESCOPE_BIN),
                  {QStringLiteral("export"), QStringLiteral("--profile"), m_profile,
                   QStringLiteral("--trace"), out, QStringLiteral("--include-warmup")});
    QVERIFY(process.waitForFinished(300000));
    QCOMPARE(process.exitCode(), 0);
    const QString said = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(said.contains(QStringLiteral("bytes/event")) && said.contains(out), qPrintable(said));
    QVERIFY(readAll(out).startsWith("\x1f\x8b"));
}

void TestCliExport::simulateWritesTrace() {
    const QString out = m_dir.filePath(QStringLiteral("simulated.json"));
    const Outcome r =
        run({QStringLiteral("simulate"), QStringLiteral("--instance"), QStringLiteral("g4dn.xlarge"),
             QStringLiteral("--requests"), QStringLiteral("20"), QStringLiteral("--trace"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("events")), qPrintable(r.err)); // the export's line, on stderr
    const QJsonArray events = QJsonDocument::fromJson(readAll(out))[QStringLiteral("traceEvents")].toArray();
    int kernels = 0;
    for (const auto& v : events)
        kernels += v[QStringLiteral("cat")].toString() == QLatin1String("kernel");
    QVERIFY(kernels >= 20 * 100); // every measured request's operators
}

void TestCliExport::badProfileNamesFileAndPath() {
    const QString bad = QStringLiteral(PIPESCOPE_TEST_DATA "/profiles/bad/group_size_zero.pipescope");
    const Outcome r = run({QStringLiteral("export"), QStringLiteral("--profile"), bad,
                           QStringLiteral("--csv"), m_dir.filePath(QStringLiteral("never.csv"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(bad) && r.err.contains(QStringLiteral("runs[0].config.group_sizes[1]")),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never.csv"))));
}

void TestCliExport::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no profile") << QStringList{QStringLiteral("export"), QStringLiteral("--csv"),
                                               QStringLiteral("x.csv")};
    QTest::newRow("both outputs") << QStringList{
        QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("p"), QStringLiteral("--csv"),
        QStringLiteral("a"),      QStringLiteral("--trace"),   QStringLiteral("b")};
    QTest::newRow("warm-up without trace") << QStringList{
        QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("p"),
        QStringLiteral("--csv"),  QStringLiteral("a"),         QStringLiteral("--include-warmup")};
    QTest::newRow("simulate warm-up without trace")
        << QStringList{QStringLiteral("simulate"), QStringLiteral("--include-warmup")};
    QTest::newRow("screenshot format")
        << QStringList{QStringLiteral("screenshot"), QStringLiteral("--out"), QStringLiteral("x.bmp")};
    QTest::newRow("screenshot view") << QStringList{QStringLiteral("screenshot"), QStringLiteral("--view"),
                                                    QStringLiteral("nope"), QStringLiteral("--out"),
                                                    QStringLiteral("x.png")};
}

void TestCliExport::usageErrors() {
    QFETCH(QStringList, args);
    const Outcome r = run(args);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
}

void TestCliExport::screenshotOfProfile() {
    const QString out = m_dir.filePath(QStringLiteral("timeline.png"));
    const Outcome r = run({QStringLiteral("screenshot"), QStringLiteral("--profile"), m_profile,
                           QStringLiteral("--view"), QStringLiteral("timeline"), QStringLiteral("--width"),
                           QStringLiteral("1200"), QStringLiteral("--height"), QStringLiteral("800"),
                           QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("--out"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // This test links no GUI library: read the width from the PNG header (IHDR at byte 16).
    const QByteArray png = readAll(out);
    QVERIFY(png.startsWith("\x89PNG"));
    const auto width = qFromBigEndian<quint32>(png.constData() + 16);
    QVERIFY2(width > 1200, qPrintable(QString::number(width))); // twice the timeline in a 1200-pixel window
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
