// A real third-party viewer opens the exports: speedscope's own importer (from npm, installed by
// scripts/setup-deps.sh) runs in headless Debian Chromium on PP16, data-parallel, GPU and
// inf1.24xlarge PP64 traces. Fails on any import warning or error, on nesting (no two events
// of a thread overlap, so every frame must be at depth 1, or 2 for GPU kernels inside their
// request's slice), on a dropped event or a thread
// without its name. Without Chromium or speedscope it SKIPS, telling what is missing (exit code
// 77, which ctest reports as skipped), never passes silently.
#include "hardware/catalog.h"
#include "io/chrome_trace_export.h"
#include "simulate_or_die.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace pipescope;

namespace {

bool g_skipped = false;
constexpr int kChromiumTimeoutMs = 240000;

#define SKIP_VIEWER(message)                                                                                 \
    do {                                                                                                     \
        g_skipped = true;                                                                                    \
        QSKIP(qPrintable(message));                                                                          \
    } while (false)

QString chromiumPath() {
    const QString chosen = qEnvironmentVariable("PIPESCOPE_CHROMIUM");
    if (!chosen.isEmpty())
        return chosen;
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
        const QString path = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (!path.isEmpty())
            return path;
    }
    return {};
}

QString speedscopeDir() {
    const QString chosen = qEnvironmentVariable("PIPESCOPE_SPEEDSCOPE_DIR");
    return chosen.isEmpty() ? QStringLiteral(PIPESCOPE_SPEEDSCOPE_DIR) : chosen;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// speedscope's bundle keeps its importer private. Find the function that dispatches a Chrome
// trace ("traceEvents" in t) and the lazy initialiser of its module, and export both on window.
QByteArray exposeImporter(const QByteArray& bundle, QString* error) {
    const QString text = QString::fromUtf8(bundle);
    static const QRegularExpression importer(QStringLiteral(
        R"(function ([\w$]+)\(([\w$]+)\)\{return [\w$]+\(\2\)\?[\w$]+\(\2\):[\w$]+\(\2\)\?[\w$]+\(\2\.traceEvents\))"));
    const auto found = importer.match(text);
    if (!found.hasMatch()) {
        *error = QStringLiteral("speedscope's trace importer was not found in its bundle");
        return {};
    }
    static const QRegularExpression init(
        QStringLiteral(R"(\}var [\w$]+,([\w$]+)=[\w$]+\(\(\)=>\{"use strict";)"));
    const auto module = init.match(text, found.capturedEnd());
    const qsizetype end = bundle.lastIndexOf("})();");
    if (!module.hasMatch() || end < 0) {
        *error = QStringLiteral("speedscope's importer module was not found in its bundle");
        return {};
    }
    QByteArray patched = bundle;
    patched.insert(end, QStringLiteral(";window.__pipescopeSpeedscope={init:%1,importTrace:%2};")
                            .arg(module.captured(1), found.captured(1))
                            .toUtf8());
    return patched;
}

struct Expected {
    // X events per thread that speedscope shows: it leaves out those of zero duration, which
    // only a one-nanosecond event becomes (trimmed so that no viewer's arithmetic sees it overlap
    // the next; see io::viewerSafeDurationNs).
    std::map<std::pair<int, int>, int> events;
    std::map<std::pair<int, int>, int> zeroLength;     // the others
    std::map<std::pair<int, int>, QString> threadName; // from the metadata
};

Expected expectedOf(const QByteArray& json) {
    Expected e;
    for (const auto& v : QJsonDocument::fromJson(json)[QStringLiteral("traceEvents")].toArray()) {
        const QJsonObject o = v.toObject();
        const std::pair<int, int> key{o[QStringLiteral("pid")].toInt(), o[QStringLiteral("tid")].toInt()};
        if (o[QStringLiteral("ph")].toString() == QLatin1String("X"))
            ++(o[QStringLiteral("dur")].toDouble() > 0 ? e.events : e.zeroLength)[key];
        else if (o[QStringLiteral("name")].toString() == QLatin1String("thread_name"))
            e.threadName[key] = o[QStringLiteral("args")][QStringLiteral("name")].toString();
    }
    return e;
}

sim::Scenario scenario(const QString& instance, const QString& groups, int pipeline, int clients) {
    sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = pipeline;
    s.workload.clients = clients;
    s.workload.requests = 2000;
    s.workload.warmup = 100;
    return s;
}

} // namespace

class TestTraceViewer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void speedscopeImportsCleanly_data();
    void speedscopeImportsCleanly();

private:
    // Runs Chromium on the page; the JSON report, or a null document with `skip` or `error` set.
    QJsonObject runChromium(const QString& page, QString* skip, QString* error);

    QString m_chromium;
    QTemporaryDir m_dir;
    QString m_bundleName;
};

void TestTraceViewer::initTestCase() {
    m_chromium = chromiumPath();
    if (m_chromium.isEmpty())
        SKIP_VIEWER(QStringLiteral("SKIP: no chromium on PATH (install it with scripts/setup-deps.sh, or set "
                                   "PIPESCOPE_CHROMIUM)"));
    const QDir release(speedscopeDir() + QStringLiteral("/dist/release"));
    const QStringList bundles = release.entryList({QStringLiteral("speedscope-*.js")}, QDir::Files);
    if (bundles.isEmpty())
        SKIP_VIEWER(QStringLiteral("SKIP: speedscope is not installed in %1 (scripts/setup-deps.sh installs "
                                   "it from npm; or set PIPESCOPE_SPEEDSCOPE_DIR)")
                        .arg(speedscopeDir()));
    QVERIFY(m_dir.isValid());
    QString error;
    const QByteArray patched = exposeImporter(readFile(release.filePath(bundles.first())), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_bundleName = QStringLiteral("speedscope-patched.js");
    QVERIFY(writeFile(m_dir.filePath(m_bundleName), patched));
    QVERIFY(QFile::copy(QStringLiteral(PIPESCOPE_TEST_VIEWER "/speedscope_check.js"),
                        m_dir.filePath(QStringLiteral("check.js"))));
}

QJsonObject TestTraceViewer::runChromium(const QString& page, QString* skip, QString* error) {
    QProcess chromium;
    chromium.setStandardInputFile(QProcess::nullDevice());
    chromium.start(m_chromium,
                   {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                    QStringLiteral("--disable-gpu"), QStringLiteral("--disable-dev-shm-usage"),
                    QStringLiteral("--no-first-run"), QStringLiteral("--allow-file-access-from-files"),
                    QStringLiteral("--user-data-dir=") + m_dir.filePath(QStringLiteral("profile")),
                    QStringLiteral("--dump-dom"), QStringLiteral("file://") + page});
    if (!chromium.waitForStarted(30000)) {
        *skip =
            QStringLiteral("SKIP: chromium (%1) cannot start: %2").arg(m_chromium, chromium.errorString());
        return {};
    }
    if (!chromium.waitForFinished(kChromiumTimeoutMs)) {
        chromium.kill();
        chromium.waitForFinished();
        *error =
            QStringLiteral("chromium did not finish the import within %1 s").arg(kChromiumTimeoutMs / 1000);
        return {};
    }
    const QByteArray dom = chromium.readAllStandardOutput();
    const QByteArray log = chromium.readAllStandardError().right(2000);
    if (!dom.contains("<html")) {
        *skip = QStringLiteral("SKIP: chromium (%1) ran but rendered no page (exit %2): %3")
                    .arg(m_chromium)
                    .arg(chromium.exitCode())
                    .arg(QString::fromLocal8Bit(log));
        return {};
    }
    static const QRegularExpression report(
        QStringLiteral("<script type=\"application/json\" id=\"pipescope-result\">(.*?)</script>"),
        QRegularExpression::DotMatchesEverythingOption);
    const auto match = report.match(QString::fromUtf8(dom));
    if (!match.hasMatch()) {
        *error = QStringLiteral("the page gave no import report; chromium said: %1")
                     .arg(QString::fromLocal8Bit(log));
        return {};
    }
    return QJsonDocument::fromJson(match.captured(1).toUtf8()).object();
}

void TestTraceViewer::speedscopeImportsCleanly_data() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("pipeline");
    QTest::addColumn<int>("clients");
    QTest::addColumn<bool>("includeWarmup");
    QTest::newRow("PP16 inf1.6xlarge") << "inf1.6xlarge"
                                       << "16" << 16 << 16 << false;
    // With warm-up: its range on a thread of its own, times shifted off 0.
    QTest::newRow("data parallel inf1.xlarge, warm-up") << "inf1.xlarge"
                                                        << "1,1,1,1" << 1 << 8 << true;
    QTest::newRow("GPU g4dn.xlarge") << "g4dn.xlarge"
                                     << "" << 1 << 4 << false;
    QTest::newRow("PP64 inf1.24xlarge") << "inf1.24xlarge"
                                        << "64" << 64 << 64 << false;
}

void TestTraceViewer::speedscopeImportsCleanly() {
    QFETCH(QString, instance);
    QFETCH(QString, groups);
    QFETCH(int, pipeline);
    QFETCH(int, clients);
    QFETCH(bool, includeWarmup);
    const sim::RunPtr run =
        simulateOrDie(scenario(instance, groups, pipeline, clients), hardware::Catalog::builtIn());
    io::ChromeTraceOptions options;
    options.includeWarmup = includeWarmup;
    const QByteArray json = io::chromeTraceJson(*run, options);
    const Expected expected = expectedOf(json);
    QVERIFY(expected.events.size() >= 2);

    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("trace.js")),
                      QByteArrayLiteral("window.__pipescopeTrace = ") + json + QByteArrayLiteral(";\n")));
    const QString page = m_dir.filePath(QStringLiteral("viewer.html"));
    QVERIFY(writeFile(page, QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                                           "<script src=\"trace.js\"></script><script src=\"%1\"></script>"
                                           "<script src=\"check.js\"></script></body></html>")
                                .arg(m_bundleName)
                                .toUtf8()));
    QString skip, error;
    QElapsedTimer clock;
    clock.start();
    const QJsonObject result = runChromium(page, &skip, &error);
    if (!skip.isEmpty())
        SKIP_VIEWER(skip);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QJsonArray errors = result[QStringLiteral("errors")].toArray();
    const QJsonArray warnings = result[QStringLiteral("warnings")].toArray();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.first().toString()));
    QVERIFY2(
        warnings.isEmpty(),
        qPrintable(
            QStringLiteral("%1 warnings, first: %2").arg(warnings.size()).arg(warnings.first().toString())));
    // speedscope names a profile "PROCESS (pid P), THREAD (tid T)" only when both names are known.
    static const QRegularExpression named(QStringLiteral(R"(^(.+) \(pid (\d+)\), (.+) \(tid (\d+)\)$)"));
    const QJsonArray profiles = result[QStringLiteral("profiles")].toArray();
    QCOMPARE(profiles.size(), qsizetype(expected.events.size()));
    for (const auto& v : profiles) {
        const QString name = v[QStringLiteral("name")].toString();
        const auto m = named.match(name);
        QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("a thread without its name: '%1'").arg(name)));
        const std::pair<int, int> key{m.captured(2).toInt(), m.captured(4).toInt()};
        QVERIFY2(expected.events.count(key), qPrintable(name));
        QCOMPARE(m.captured(3), expected.threadName.at(key));
        // Only the GPU nests: each request's kernels inside its "request" slice.
        const int depth = key.first == io::kChromeGpuPid ? 2 : 1;
        QVERIFY2(v[QStringLiteral("deepest")].toInt() == depth,
                 qPrintable(QStringLiteral("%1: events nested %2 deep, expected %3")
                                .arg(name)
                                .arg(v[QStringLiteral("deepest")].toInt())
                                .arg(depth)));
        QCOMPARE(v[QStringLiteral("frames")].toInt(), expected.events.at(key));
        // Rare: a wait of one nanosecond, say.
        const int zero = expected.zeroLength.count(key) ? expected.zeroLength.at(key) : 0;
        QVERIFY2(zero * 1000 <= expected.events.at(key),
                 qPrintable(QStringLiteral("%1: %2 events of zero length").arg(name).arg(zero)));
    }
    qInfo("%s: %d threads, %lld bytes of JSON, imported cleanly in %.1f s", QTest::currentDataTag(),
          int(profiles.size()), qint64(json.size()), double(clock.elapsed()) / 1000.0);
}

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    TestTraceViewer test;
    const int status = QTest::qExec(&test, argc, argv);
    return status == 0 && g_skipped ? 77 : status;
}

#include "tst_trace_viewer.moc"
