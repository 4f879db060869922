// Profiles of real simulations: a run saved with its trace comes back identical; a run saved
// without it is re-simulated from its inputs and, the engine being deterministic, shows no change.
#include "hardware/catalog.h"
#include "io/profile_reader.h"
#include "io/profile_restore.h"
#include "io/profile_writer.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include "simulate_or_die.h"

#include <QTest>

#include <algorithm>

using namespace pipescope;

class TestProfileRestore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void savedTraceRestoresIdenticalRun();
    void withoutTraceResimulatesWithNoChange();
    void changedEngineIsReported();
    void inputsThatNoLongerSimulateNameTheRun();

private:
    sim::RunPtr simulate(const QString& instance, const QString& groups, int pipelineCores);
    std::optional<hardware::Catalog> m_catalog;
    std::vector<sim::RunPtr> m_runs;
};

sim::RunPtr TestProfileRestore::simulate(const QString& instance, const QString& groups, int pipelineCores) {
    sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = pipelineCores;
    s.workload.clients = 4;
    s.workload.requests = 300;
    s.workload.warmup = 20;
    return simulateOrDie(s, *m_catalog);
}

void TestProfileRestore::initTestCase() {
    auto catalog = hardware::Catalog::load();
    QVERIFY(catalog.ok());
    m_catalog = std::move(catalog).value();
    m_runs = {simulate(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1),
              simulate(QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4),
              simulate(QStringLiteral("g4dn.xlarge"), QString(), 1)};
}

void TestProfileRestore::savedTraceRestoresIdenticalRun() {
    const QByteArray bytes = io::writeProfile(io::makeProfile(m_runs, 2, 2, 10, 5000));
    const auto read = io::readProfile(bytes);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    const auto restored = io::restoreRuns(*read);
    QVERIFY(restored.ok());
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const sim::Run& a = *m_runs[i];
        const sim::Run& b = *restored.value()[i].run;
        QVERIFY(!restored.value()[i].resimulated);
        QCOMPARE(b.trace.eventCount(), a.trace.eventCount());
        for (std::size_t l = 0; l < a.trace.lanes.size(); ++l) {
            QVERIFY(std::ranges::equal(b.trace.lanes[l].events(), a.trace.lanes[l].events()));
        }
        QCOMPARE(b.requests.size(), a.requests.size());
        QCOMPARE(b.occupancy.busy, a.occupancy.busy);
        QCOMPARE(b.summary.latencyMs.p95, a.summary.latencyMs.p95);
        QCOMPARE(b.placement.groups.size(), a.placement.groups.size());
    }
    // Everything the file holds reads back: writing it again gives the same bytes.
    QCOMPARE(io::writeProfile(*read), bytes);
}

void TestProfileRestore::withoutTraceResimulatesWithNoChange() {
    const auto read = io::readProfile(io::writeProfile(io::makeProfile(m_runs), {false, false}));
    QVERIFY(read.ok());
    const auto restored = io::restoreRuns(*read);
    QVERIFY(restored.ok());
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const io::RestoredRun& r = restored.value()[i];
        QVERIFY(r.resimulated);
        QCOMPARE(r.throughputChange, 0.0);
        QCOMPARE(r.p95Change, 0.0);
        QCOMPARE(r.run->trace.eventCount(), m_runs[i]->trace.eventCount());
    }
    QVERIFY(io::describeChanges(restored.value()).isEmpty());
}

// A stored summary that no longer matches what the engine computes (as after an engine change)
// is reported with the size of the difference.
void TestProfileRestore::changedEngineIsReported() {
    auto edited = std::make_shared<sim::Run>(*m_runs[0]);
    edited->summary.throughputPerSecond *= 0.5;
    const auto read = io::readProfile(io::writeProfile(io::makeProfile({edited}), {false, false}));
    QVERIFY(read.ok());
    const auto restored = io::restoreRuns(*read);
    QVERIFY(restored.ok());
    QCOMPARE(restored.value()[0].throughputChange, 1.0); // twice the stored value
    const QString text = io::describeChanges(restored.value());
    QVERIFY2(text.contains(QStringLiteral("throughput +100.00%")), qPrintable(text));
}

void TestProfileRestore::inputsThatNoLongerSimulateNameTheRun() {
    auto broken = std::make_shared<sim::Run>(*m_runs[0]);
    broken->inputs.config.groupSizes = {64}; // more cores than inf1.xlarge has
    const auto read = io::readProfile(io::writeProfile(io::makeProfile({m_runs[1], broken}), {false, false}));
    QVERIFY(read.ok());
    const auto restored = io::restoreRuns(*read);
    QVERIFY(!restored.ok());
    QCOMPARE(restored.error().where, QStringLiteral("runs[1]"));
}

QTEST_GUILESS_MAIN(TestProfileRestore)
#include "tst_profile_restore.moc"
