// Profile files: round trips with and without traces, atomic saving, the bad-profile corpus,
// allocation limits, migration from version 0 and refusal of newer versions.
#include "io/profile_reader.h"
#include "io/profile_writer.h"
#include "tst_profile_fixtures.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace pipescope;

namespace {

const QString kCorpus = QStringLiteral(PIPESCOPE_TEST_DATA "/profiles");

io::Profile sampleProfile() {
    io::Profile p =
        io::makeProfile({testing::makeRunPtr(2, 5, 0), testing::makeRunPtr(3, 4, 1)}, 1, 0, 1200, 56000);
    p.created = QDateTime(QDate(2026, 11, 26), QTime(17, 45, 0, 123), Qt::UTC);
    return p;
}

QJsonObject toJson(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

// Each bad profile and a part of the message it must produce (the JSON path, where there is one).
const std::vector<std::pair<const char*, const char*>>& badCases() {
    static const std::vector<std::pair<const char*, const char*>> cases = {
        {"empty.pipescope", "the file is empty"},
        {"truncated.pipescope", "not valid JSON"},
        {"invalid_json.pipescope", "not valid JSON"},
        {"not_a_profile.pipescope", "not a Pipescope profile"},
        {"top_level_array.pipescope", "not a Pipescope profile"},
        {"newer_version.pipescope",
         "format_version: the file is format version 7, written by a newer Pipescope"},
        {"version_not_number.pipescope", "format_version: must be a whole number"},
        {"runs_not_array.pipescope", "runs: must be an array"},
        {"run_not_object.pipescope", "runs[0]: must be an object"},
        {"batch_wrong_type.pipescope", "runs[0].config.batch: must be a whole number from 1 to 4096"},
        {"batch_fraction.pipescope", "runs[0].config.batch: must be a whole number from 1 to 4096"},
        {"batch_absurd.pipescope", "runs[0].config.batch: must be a whole number from 1 to 4096"},
        {"batch_negative.pipescope", "runs[0].config.batch: must be a whole number from 1 to 4096"},
        {"group_size_zero.pipescope", "runs[0].config.group_sizes[1]: must be a whole number from 1 to 1024"},
        {"data_type_unknown.pipescope", "runs[0].config.data_type: must be bf16"},
        {"flops_negative.pipescope", "runs[0].model.ops[1].flops: must be a number from 0"},
        {"engine_unknown.pipescope", "runs[0].model.ops[0].engine: must be tensor, vector or scalar"},
        {"ops_missing.pipescope", "runs[0].model.ops: is missing"},
        {"ops_empty.pipescope", "runs[0].model.ops: must hold at least one operator"},
        {"summary_missing.pipescope", "runs[0].summary: is missing"},
        {"throughput_string.pipescope", "runs[0].summary.throughput_per_s: must be a number"},
        {"instance_kind_unknown.pipescope", "runs[0].instance.kind: must be \"inferentia\" or \"gpu\""},
        {"chips_absurd.pipescope", "runs[0].instance.chips: must be a whole number from 1 to 1024"},
        {"price_negative.pipescope", "runs[0].instance.price_per_hour.launch: must be a number from 0"},
        {"workload_kind_unknown.pipescope",
         "runs[0].workload.kind: must be \"closed_loop\" or \"open_loop\""},
        {"seed_negative.pipescope", "runs[0].workload.seed: must be a whole number"},
        {"selected_out_of_range.pipescope", "selected_run: must be a whole number from -1 to 0"},
        {"created_not_date.pipescope", "created: must be a date and time"},
        {"trace_2e40_events.pipescope", "runs[0].trace.lanes[0].events: must be a whole number from 0 to"},
        {"trace_bad_base64.pipescope", "runs[0].trace.lanes[0].data: is not valid base64"},
        {"trace_blob_lies_size.pipescope", "runs[0].trace.lanes[0].data: claims 1100000000 bytes from only"},
        {"trace_blob_count_mismatch.pipescope", "runs[0].trace.lanes[0].data: declares"},
        {"trace_blob_damaged.pipescope", "runs[0].trace.lanes[0].data: is damaged"},
        {"trace_overlapping_events.pipescope",
         "runs[0].trace.lanes[0].data: event 1 starts before the previous"},
        {"trace_event_past_78_hours.pipescope",
         "runs[0].trace.lanes[0].data: event 2 has a negative time or ends after 78 hours"},
        {"trace_unknown_kind.pipescope", "runs[0].trace.lanes[1].data: event 2 has unknown kind 9"},
        {"requests_backwards.pipescope",
         "runs[0].trace.requests.data: request 3 completes before it is issued"},
        {"placement_op_range.pipescope",
         "runs[0].trace.placement.groups[0].stages[0].end_op: must be a whole number"},
        {"occupancy_bins_absurd.pipescope", "runs[0].trace.occupancy.bins: must be a whole number from 0 to"},
    };
    return cases;
}

} // namespace

class TestProfile : public QObject {
    Q_OBJECT
private slots:
    void roundTripWithTrace();
    void roundTripWithoutTrace();
    void rewriteIsIdentical();
    void largeSeedsAndStrings();
    void atomicWriteKeepsOldFile();
    void writeToMissingDirectoryFails();
    void goodCorpusReads();
    void longEventOpensSplit();
    void badCorpus_data();
    void badCorpus();
    void everyBadFileIsListed();
    void unknownFieldsWarn();
    void hugeCountsRefusedBeforeAllocation();
    void inflateBudgetIsShared();
    void migratesVersion0();
    void refusesNewerVersion();
};

void TestProfile::roundTripWithTrace() {
    const io::Profile original = sampleProfile();
    const auto read = io::readProfile(io::writeProfile(original));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    const io::Profile& p = *read;
    QCOMPARE(p.runs.size(), std::size_t(2));
    QCOMPARE(p.hasTrace, std::vector<bool>({true, true}));
    QCOMPARE(p.selectedRun, 1);
    QCOMPARE(p.baselineRun, 0);
    QCOMPARE(p.viewBeginNs, 1200);
    QCOMPARE(p.viewEndNs, 56000);
    QCOMPARE(p.created, original.created);
    QVERIFY(p.warnings.isEmpty());
    for (std::size_t i = 0; i < 2; ++i) {
        const sim::Run& a = *original.runs[i];
        const sim::Run& b = *p.runs[i];
        QCOMPARE(b.inputs.model.ops.size(), a.inputs.model.ops.size());
        QCOMPARE(b.inputs.model.ops[2].weightReadBytes, a.inputs.model.ops[2].weightReadBytes);
        QCOMPARE(b.inputs.model.ops[1].engine, a.inputs.model.ops[1].engine);
        QCOMPARE(b.inputs.model.warnings, a.inputs.model.warnings);
        QCOMPARE(b.inputs.instance.pricePerHour, a.inputs.instance.pricePerHour);
        QCOMPARE(b.inputs.instance.sources, a.inputs.instance.sources);
        QCOMPARE(b.inputs.instance.neuron.stageOverheadNs, a.inputs.instance.neuron.stageOverheadNs);
        QCOMPARE(b.inputs.config.groupSizes, a.inputs.config.groupSizes);
        QCOMPARE(b.inputs.config.batch, a.inputs.config.batch);
        QCOMPARE(b.inputs.workload.seed, a.inputs.workload.seed);
        QCOMPARE(b.inputs.workload.warmup, a.inputs.workload.warmup);
        QCOMPARE(b.summary.throughputPerSecond, a.summary.throughputPerSecond);
        QCOMPARE(b.summary.latencyMs.p99, a.summary.latencyMs.p99);
        QCOMPARE(b.summary.cores.size(), a.summary.cores.size());
        QCOMPARE(b.summary.processedEvents, a.summary.processedEvents);
        QCOMPARE(b.placement.groups.size(), a.placement.groups.size());
        QCOMPARE(b.placement.groups[0].stages[1].computeNs, a.placement.groups[0].stages[1].computeNs);
        QCOMPARE(b.trace.endNs, a.trace.endNs);
        QCOMPARE(b.trace.lanes.size(), a.trace.lanes.size());
        for (std::size_t l = 0; l < a.trace.lanes.size(); ++l) {
            QCOMPARE(b.trace.lanes[l].label, a.trace.lanes[l].label);
            QCOMPARE(b.trace.lanes[l].core, a.trace.lanes[l].core);
            // Every field of every event (start, duration, request, kind, stage).
            QVERIFY(std::ranges::equal(b.trace.lanes[l].events(), a.trace.lanes[l].events()));
        }
        QCOMPARE(b.requests.size(), a.requests.size());
        QCOMPARE(b.requests[0].warmup, true);
        QCOMPARE(b.requests[5].completeNs, a.requests[5].completeNs);
        QCOMPARE(b.occupancy.busy, a.occupancy.busy);
        QCOMPARE(b.occupancy.inFlight, a.occupancy.inFlight);
        QCOMPARE(b.occupancy.throughputPerSec, a.occupancy.throughputPerSec);
        QCOMPARE(b.occupancy.laneCores, a.occupancy.laneCores);
    }
}

void TestProfile::roundTripWithoutTrace() {
    const QByteArray bytes = io::writeProfile(sampleProfile(), {false, false});
    QVERIFY(bytes.size() < io::writeProfile(sampleProfile()).size());
    const auto read = io::readProfile(bytes);
    QVERIFY(read.ok());
    QCOMPARE(read->hasTrace, std::vector<bool>({false, false}));
    QVERIFY(read->runs[0]->trace.lanes.empty());
    QVERIFY(read->runs[0]->requests.empty());
    QCOMPARE(read->runs[1]->summary.costPerMillionUsd, sampleProfile().runs[1]->summary.costPerMillionUsd);
    QCOMPARE(read->runs[1]->inputs.model.ops[0].flops, sampleProfile().runs[1]->inputs.model.ops[0].flops);
}

// Every field the writer emits comes back: writing what was read gives the same bytes.
void TestProfile::rewriteIsIdentical() {
    const QByteArray first = io::writeProfile(sampleProfile(), {true, true});
    const auto read = io::readProfile(first);
    QVERIFY(read.ok());
    QCOMPARE(io::writeProfile(*read, {true, true}), first);
}

void TestProfile::largeSeedsAndStrings() {
    const QJsonObject root = toJson(io::writeProfile(sampleProfile()));
    const QJsonValue seed =
        root[QStringLiteral("runs")][0][QStringLiteral("workload")][QStringLiteral("seed")];
    QVERIFY(seed.isString()); // above 2^53: a JSON number would lose bits
    QCOMPARE(seed.toString(), QString::number(0xFEEDFACECAFEBEEFULL));
}

void TestProfile::atomicWriteKeepsOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.pipescope"));
    const io::Profile small = io::makeProfile({testing::makeRunPtr(1, 1)});
    QVERIFY(!io::writeProfileFile(path, small).has_value());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    // A full disk, simulated by a file size limit (works even as root, where a read-only
    // directory would not stop the write); then a read-only directory for ordinary users.
    const io::Profile big = io::makeProfile({testing::makeRunPtr(8, 20000)});
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit tiny = old;
    tiny.rlim_cur = static_cast<rlim_t>(before.size() + 100);
    auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &tiny);
    const auto error = io::writeProfileFile(path, big);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY(error.has_value());
    QVERIFY2(error->toString().contains(path), qPrintable(error->toString()));

    if (geteuid() != 0) {
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        QVERIFY(io::writeProfileFile(path, big).has_value());
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("session.pipescope")});
    QVERIFY(io::readProfileFile(path).ok());
}

void TestProfile::writeToMissingDirectoryFails() {
    const auto error = io::writeProfileFile(QStringLiteral("/nonexistent-dir/x.pipescope"), sampleProfile());
    QVERIFY(error.has_value());
    QVERIFY(error->where.contains(QStringLiteral("/nonexistent-dir/x.pipescope")));
}

// The committed good profile was written by this code (set PIPESCOPE_WRITE_CORPUS=1 to renew it).
void TestProfile::goodCorpusReads() {
    const QString path = kCorpus + QStringLiteral("/good/small.pipescope");
    if (qEnvironmentVariableIsSet("PIPESCOPE_WRITE_CORPUS")) {
        io::Profile p = sampleProfile();
        p.runs = {testing::makeRunPtr(2, 3, 0)};
        p.hasTrace = {true};
        p.selectedRun = 0;
        p.baselineRun = -1;
        QVERIFY(!io::writeProfileFile(path, p, {true, true}).has_value());
    }
    const auto read = io::readProfileFile(path);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QCOMPARE(read->runs.size(), std::size_t(1));
    QCOMPARE(read->runs[0]->trace.eventCount(), std::size_t(6));
    QVERIFY(read->warnings.isEmpty());
    // Written by the build that kept 22 bytes per event in memory: every field of every event
    // reads back into the 16-byte events unchanged.
    const sim::RunPtr written = testing::makeRunPtr(2, 3, 0);
    for (std::size_t l = 0; l < written->trace.lanes.size(); ++l)
        QVERIFY(std::ranges::equal(read->runs[0]->trace.lanes[l].events(), written->trace.lanes[l].events()));
}

// A 10 s event (more than a 32-bit duration) in a profile opens as back-to-back pieces that add
// up to it, and saving the run again keeps the same busy time.
void TestProfile::longEventOpensSplit() {
    const auto read = io::readProfileFile(kCorpus + QStringLiteral("/good/long_event.pipescope"));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    const sim::Lane& lane = read->runs[0]->trace.lanes[0];
    QCOMPARE(lane.size(), std::size_t(5)); // two short events, then 4.29 + 4.29 + 1.41 s
    std::int64_t busy = 0;
    for (std::size_t i = 2; i < lane.size(); ++i) {
        QCOMPARE(lane.start(i), lane.start(2) + busy);
        QCOMPARE(lane.request(i), lane.request(2));
        busy += lane.duration(i);
    }
    QCOMPARE(busy, std::int64_t(10'000'000'000));
    const auto again = io::readProfile(io::writeProfile(*read));
    QVERIFY(again.ok());
    QVERIFY(std::ranges::equal(again->runs[0]->trace.lanes[0].events(), lane.events()));
}

void TestProfile::badCorpus_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    for (const auto& [file, expected] : badCases())
        QTest::newRow(file) << QString::fromLatin1(file) << QString::fromUtf8(expected);
}

void TestProfile::badCorpus() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString path = kCorpus + QStringLiteral("/bad/") + file;
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const auto read = io::readProfileFile(path);
    QVERIFY2(!read.ok(), qPrintable(file + QStringLiteral(" was accepted")));
    const QString message = read.error().toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.startsWith(path), qPrintable(message)); // the GUI shows which file failed
}

// A file added to the corpus without a row above would never be tested.
void TestProfile::everyBadFileIsListed() {
    QStringList listed;
    for (const auto& c : badCases())
        listed << QString::fromLatin1(c.first);
    const QStringList files = QDir(kCorpus + QStringLiteral("/bad")).entryList(QDir::Files);
    QVERIFY(files.size() >= 30);
    for (const QString& file : files) {
        QVERIFY2(listed.contains(file), qPrintable(file + QStringLiteral(" has no expected message")));
    }
}

void TestProfile::unknownFieldsWarn() {
    const auto read = io::readProfileFile(kCorpus + QStringLiteral("/warn/unknown_fields.pipescope"));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QVERIFY2(read->warnings.contains(QStringLiteral("colour_scheme: unknown field ignored")),
             qPrintable(read->warnings.join(QLatin1Char('\n'))));
    QVERIFY(read->warnings.contains(QStringLiteral("runs[0].config.compiler_flags: unknown field ignored")));
    QVERIFY(read->warnings.contains(QStringLiteral("runs[0].trace.lanes[1].colour: unknown field ignored")));
    QCOMPARE(read->warnings.size(), 3);
}

// A few bytes must not make the reader reserve gigabytes: counts are checked against limits and
// against what the compressed data can inflate to before any vector is sized.
void TestProfile::hugeCountsRefusedBeforeAllocation() {
    QJsonObject root = toJson(io::writeProfile(io::makeProfile({testing::makeRunPtr(1, 2)})));
    QJsonObject run = root[QStringLiteral("runs")][0].toObject();
    QJsonObject trace = run[QStringLiteral("trace")].toObject();
    QJsonObject lane = trace[QStringLiteral("lanes")][0].toObject();
    lane[QStringLiteral("events")] = double(qint64(1) << 40);
    trace[QStringLiteral("lanes")] = QJsonArray{lane};
    run[QStringLiteral("trace")] = trace;
    root[QStringLiteral("runs")] = QJsonArray{run};
    auto read = io::readProfile(QJsonDocument(root).toJson());
    QVERIFY(!read.ok());
    QVERIFY2(read.error().where == QStringLiteral("runs[0].trace.lanes[0].events"),
             qPrintable(read.error().toString()));

    QJsonObject config = run[QStringLiteral("config")].toObject();
    config[QStringLiteral("batch")] = 1e12;
    run[QStringLiteral("config")] = config;
    root[QStringLiteral("runs")] = QJsonArray{run};
    read = io::readProfile(QJsonDocument(root).toJson());
    QVERIFY(!read.ok());
    QCOMPARE(read.error().where, QStringLiteral("runs[0].config.batch"));

    io::ReadLimits tight;
    tight.maxRuns = 1;
    read = io::readProfile(io::writeProfile(sampleProfile()), tight);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().where, QStringLiteral("runs"));
}

void TestProfile::inflateBudgetIsShared() {
    const QByteArray bytes = io::writeProfile(io::makeProfile({testing::makeRunPtr(4, 100)}));
    io::ReadLimits limits;
    limits.maxInflatedBytes = 3 * 100 * 22; // three lanes fit, the fourth does not
    const auto read = io::readProfile(bytes, limits);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().where, QStringLiteral("runs[0].trace.lanes[3].data"));
    limits.maxInflatedBytes = 1 << 20;
    QVERIFY(io::readProfile(bytes, limits).ok());
}

void TestProfile::migratesVersion0() {
    const auto read = io::readProfileFile(kCorpus + QStringLiteral("/good/version0.pipescope"));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    const sim::Run& run = *read->runs[0];
    QCOMPARE(run.inputs.workload.warmup, 0); // v0 measured every request
    QCOMPARE(run.inputs.config.groupSizes, std::vector<int>({4, 4, 4, 4}));
    QCOMPARE(run.inputs.config.pipelineCores, 4);
    QCOMPARE(read->hasTrace, std::vector<bool>({false}));

    // A damaged v0 file gets the same path-naming messages as a v1 file.
    QFile file(kCorpus + QStringLiteral("/good/version0.pipescope"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    bytes.replace("\"4,4,4,4\"", "\"4,x,4\"");
    const auto bad = io::readProfile(bytes);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().where, QStringLiteral("runs[0].config.group_sizes[1]"));
}

void TestProfile::refusesNewerVersion() {
    QJsonObject root = toJson(io::writeProfile(sampleProfile()));
    root[QStringLiteral("format_version")] = io::kProfileFormatVersion + 1;
    root[QStringLiteral("runs")] = QStringLiteral("a layout this build cannot know");
    const auto read = io::readProfile(QJsonDocument(root).toJson());
    QVERIFY(!read.ok());
    QCOMPARE(read.error().where, QStringLiteral("format_version"));
    QVERIFY(read.error().message.contains(QStringLiteral("newer Pipescope")));
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
