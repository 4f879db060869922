// Summary-only simulation (RunControl::keepTrace false), which the sweep runs thousands of: the
// same throughput, latencies and event counts as a full run, bit for bit, with no event kept,
// and utilisation from busy-time sums that agrees with the trace's.
#include "hardware/catalog.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include <QTest>

#include <cmath>

using namespace pipescope;

namespace {

sim::RunPtr simulate(const sim::Scenario& s, bool keepTrace) {
    const auto inputs = sim::buildInputs(s, hardware::Catalog::builtIn());
    if (!inputs)
        qFatal("%s", qPrintable(inputs.error().toString()));
    sim::RunControl control;
    control.keepTrace = keepTrace;
    const auto run = sim::simulate(inputs.value(), control);
    if (!run)
        qFatal("%s", qPrintable(run.error().toString()));
    return run.value();
}

} // namespace

class TestSweepSummaryOnly : public QObject {
    Q_OBJECT
private slots:
    void sameSummary_data() {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("groups");
        QTest::addColumn<int>("cores");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("rate"); // 0: closed loop with 8 clients
        QTest::newRow("dp b1 closed") << "inf1.xlarge"
                                      << "1,1,1,1" << 1 << 1 << 0.0;
        QTest::newRow("pipe4 b6 closed") << "inf1.xlarge"
                                         << "4" << 4 << 6 << 0.0;
        QTest::newRow("pipe16 b1 open") << "inf1.6xlarge"
                                        << "16" << 16 << 1 << 800.0;
        QTest::newRow("4x pipe4 b2 open overloaded") << "inf1.6xlarge"
                                                     << "4,4,4,4" << 4 << 2 << 50000.0;
        QTest::newRow("gpu b8 open") << "g4dn.xlarge"
                                     << "" << 1 << 8 << 40.0;
    }
    void sameSummary() {
        QFETCH(QString, instance);
        QFETCH(QString, groups);
        QFETCH(int, cores);
        QFETCH(int, batch);
        QFETCH(double, rate);
        sim::Scenario s;
        s.instance = instance;
        s.groupSizes = groups;
        s.pipelineCores = cores;
        s.batch = batch;
        s.workload.kind = rate > 0 ? sim::Workload::Kind::OpenLoop : sim::Workload::Kind::ClosedLoop;
        s.workload.clients = 8;
        s.workload.ratePerSecond = rate;
        s.workload.requests = 3000;
        s.workload.warmup = 200;
        s.workload.seed = 11;
        const sim::RunPtr full = simulate(s, true);
        const sim::RunPtr lean = simulate(s, false);

        QVERIFY(full->trace.eventCount() > 0);
        for (const auto& lane : lean->trace.lanes)
            QCOMPARE(lane.size(), std::size_t(0));
        QCOMPARE(lean->trace.lanes.size(), full->trace.lanes.size());
        QCOMPARE(lean->requests.size(), full->requests.size());

        const auto& a = full->summary;
        const auto& b = lean->summary;
        QVERIFY(a.throughputPerSecond > 0);
        // Exact equality: the point of summary-only is that nothing the sweep reads changes.
        QVERIFY(a.throughputPerSecond == b.throughputPerSecond);
        QVERIFY(a.latencyMs.mean == b.latencyMs.mean);
        QVERIFY(a.latencyMs.p50 == b.latencyMs.p50);
        QVERIFY(a.latencyMs.p90 == b.latencyMs.p90);
        QVERIFY(a.latencyMs.p95 == b.latencyMs.p95);
        QVERIFY(a.latencyMs.p99 == b.latencyMs.p99);
        QVERIFY(a.latencyMs.max == b.latencyMs.max);
        QVERIFY(a.costPerMillionUsd == b.costPerMillionUsd);
        QCOMPARE(b.completedRequests, a.completedRequests);
        QCOMPARE(b.events, a.events);
        QCOMPARE(b.processedEvents, a.processedEvents);
        QCOMPARE(b.simulatedNs, a.simulatedNs);

        // Busy sums leave out at most the events straddling the warm-up's end.
        QCOMPARE(b.cores.size(), a.cores.size());
        for (std::size_t i = 0; i < a.cores.size(); ++i) {
            QVERIFY2(std::abs(a.cores[i].compute - b.cores[i].compute) < 0.01,
                     qPrintable(QString::number(i)));
            QVERIFY(std::abs(a.cores[i].weightWait - b.cores[i].weightWait) < 0.01);
            QVERIFY(std::abs(a.cores[i].transfer - b.cores[i].transfer) < 0.01);
        }
        QVERIFY(a.hostBusy > 0 && a.hostBusy <= 1);
        QVERIFY(std::abs(a.hostBusy - b.hostBusy) < 0.01);
        QVERIFY(lean->occupancy.bins == 0);
    }
};

QTEST_GUILESS_MAIN(TestSweepSummaryOnly)
#include "tst_sweep_summary_only.moc"
