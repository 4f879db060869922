// Streaming stages whose weights are certain to be in before their engines need them are timed
// like SRAM-only stages, by the tandem-queue recursion, without DRAM events; on chips where other
// stages can wait, their streams still share the DRAM, silently
// (DeploymentSimulator::markStreamsInTime). The shortcut must give what the DRAM events give: bit
// for bit when nothing is random on the device and no stream is silent (the only difference
// otherwise is the order of the random draws), within a nanosecond per stage with silent streams,
// the same distributions with the calibrated jitter, and nothing changed where no stage is in time.
#include "hardware/catalog.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include "simulate_or_die.h"

#include <QTest>

#include <cmath>

using namespace pipescope;

namespace {

sim::RunInputs inputsFor(const QString& instance, const QString& groups, int cores, int batch, int clients) {
    return inputsOrDie(closedLoopScenario(instance, groups, cores, batch, clients, 1500, 11),
                       hardware::Catalog::builtIn());
}

sim::RunPtr run(const sim::RunInputs& inputs, bool timeEveryStream) {
    sim::RunControl control;
    control.timeEveryStream = timeEveryStream;
    const auto result = sim::simulate(inputs, control);
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return result.value();
}

// Every request's times and every lane's busy time, exactly.
void compareExactly(const sim::Run& a, const sim::Run& b) {
    QCOMPARE(a.requests.size(), b.requests.size());
    for (std::size_t i = 0; i < a.requests.size(); ++i) {
        QCOMPARE(a.requests[i].issueNs, b.requests[i].issueNs);
        QCOMPARE(a.requests[i].completeNs, b.requests[i].completeNs);
        QCOMPARE(a.requests[i].group, b.requests[i].group);
    }
    QCOMPARE(a.summary.cores.size(), b.summary.cores.size());
    for (std::size_t c = 0; c < a.summary.cores.size(); ++c) {
        QCOMPARE(a.summary.cores[c].compute, b.summary.cores[c].compute);
        QCOMPARE(a.summary.cores[c].weightWait, b.summary.cores[c].weightWait);
        QCOMPARE(a.summary.cores[c].transfer, b.summary.cores[c].transfer);
    }
    QCOMPARE(a.summary.breakdownMs.weightStream, b.summary.breakdownMs.weightStream);
}

} // namespace

class TestStreamsInTime : public QObject {
    Q_OBJECT
private slots:
    // Deployments at a large batch whose engines take longer than their weights' streams.
    void withoutJitterTheShortcutIsExact_data() {
        addDeploymentColumns();
        QTest::newRow("inf1.24xlarge 2x pipe27 b16") << "inf1.24xlarge"
                                                     << "27,27" << 27 << 16 << 60;
        QTest::newRow("inf1.24xlarge 3x pipe21 b8") << "inf1.24xlarge"
                                                    << "21,21,21" << 21 << 8 << 72;
    }
    void withoutJitterTheShortcutIsExact() {
        const DeploymentRow row = fetchDeploymentRow();
        sim::RunInputs inputs = inputsFor(row.instance, row.groups, row.cores, row.batch, row.clients);
        // No device or host jitter: the random stream then feeds nothing whose order differs.
        inputs.instance.host.jitter = 0;
        inputs.instance.host.hostJitter = 0;
        const sim::RunPtr shortcut = run(inputs, false);
        const sim::RunPtr events = run(inputs, true);
        // The deployment does stream weights, and the shortcut did take over (fewer events).
        QVERIFY(events->summary.processedEvents > 0);
        QVERIFY2(shortcut->summary.processedEvents < events->summary.processedEvents / 2,
                 qPrintable(QStringLiteral("%1 events with the shortcut, %2 without")
                                .arg(shortcut->summary.processedEvents)
                                .arg(events->summary.processedEvents)));
        compareExactly(*shortcut, *events);
        QCOMPARE(shortcut->summary.breakdownMs.weightStream, 0.0);
    }

    // With the calibrated jitter the draws come in another order: the same distributions.
    void withJitterTheDistributionsAgree() {
        const sim::RunInputs inputs =
            inputsFor(QStringLiteral("inf1.24xlarge"), QStringLiteral("27,27"), 27, 16, 60);
        QVERIFY(inputs.instance.host.jitter > 0);
        const sim::RunPtr shortcut = run(inputs, false);
        const sim::RunPtr events = run(inputs, true);
        QVERIFY(shortcut->summary.processedEvents < events->summary.processedEvents / 2);
        const auto near = [](double a, double b, double relative) { return std::abs(a - b) <= relative * b; };
        QVERIFY(near(shortcut->summary.throughputPerSecond, events->summary.throughputPerSecond, 0.01));
        QVERIFY(near(shortcut->summary.latencyMs.p50, events->summary.latencyMs.p50, 0.01));
        QVERIFY(near(shortcut->summary.latencyMs.p95, events->summary.latencyMs.p95, 0.02));
    }

    // Chips where some stages can wait for their weights (one dense operator: its compute needs
    // all of them) and others cannot: the latter stream silently. Without jitter each request ends
    // as with DRAM events, to within a nanosecond per stage on its way: a silent stream leaves the
    // sharing at its exact end, not the next whole nanosecond.
    void silentStreamsAgreeWithDramEvents_data() {
        QTest::addColumn<int>("batch");
        QTest::newRow("inf1.24xlarge pipe59 b16") << 16;
        QTest::newRow("inf1.24xlarge pipe59 b8") << 8;
    }
    void silentStreamsAgreeWithDramEvents() {
        QFETCH(int, batch);
        const int stages = 59;
        sim::RunInputs inputs =
            inputsFor(QStringLiteral("inf1.24xlarge"), QString::number(stages), stages, batch, 64);
        inputs.instance.host.jitter = 0;
        inputs.instance.host.hostJitter = 0;
        const sim::RunPtr shortcut = run(inputs, false);
        const sim::RunPtr events = run(inputs, true);
        QVERIFY(events->summary.breakdownMs.weightStream > 0); // some stages wait for weights
        QVERIFY(shortcut->summary.processedEvents < events->summary.processedEvents * 9 / 10);
        QCOMPARE(shortcut->requests.size(), events->requests.size());
        for (std::size_t i = 0; i < events->requests.size(); ++i) {
            QCOMPARE(shortcut->requests[i].issueNs, events->requests[i].issueNs);
            QVERIFY(std::abs(shortcut->requests[i].completeNs - events->requests[i].completeNs) <= stages);
        }
        const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6 * b; };
        QVERIFY(near(shortcut->summary.breakdownMs.weightStream, events->summary.breakdownMs.weightStream));
        QVERIFY(near(shortcut->summary.throughputPerSecond, events->summary.throughputPerSecond));
    }

    // Where no stage is certain to have its weights in time (here the DRAM-bound 4-core pipeline
    // at batch 1) every stream is timed by DRAM events: the runs are identical, jitter and all.
    void chipsWhereAStageCanWaitAreUntouched() {
        const sim::RunInputs inputs = inputsFor(QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4, 1, 8);
        const sim::RunPtr shortcut = run(inputs, false);
        const sim::RunPtr events = run(inputs, true);
        QVERIFY(events->summary.breakdownMs.weightStream > 0);
        QCOMPARE(shortcut->summary.processedEvents, events->summary.processedEvents);
        compareExactly(*shortcut, *events);
    }
};

QTEST_GUILESS_MAIN(TestStreamsInTime)
#include "tst_streams_in_time.moc"
