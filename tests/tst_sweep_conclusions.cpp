// The 2021 study's conclusions must come out of the sweep without being told (issue 10):
// at batch 1, the 16-core pipeline on inf1.6xlarge has the lowest p95 of every inf1.xlarge and
// inf1.6xlarge deployment; and the cheapest way to buy throughput is data parallel at a small
// batch on inf1.xlarge. Default sweep settings (8 load points of 2,000 requests).
#include "hardware/catalog.h"
#include "sweep/recommend.h"

#include <QTest>

using namespace pipescope;

namespace {

sweep::SweepResult sweepOrDie(const QStringList& instances, std::vector<int> batches) {
    sweep::SweepSpace space;
    space.instances = instances;
    space.batches = std::move(batches);
    const auto result = sweep::runSweep(space, sweep::LoadCurveOptions{}, hardware::Catalog::builtIn());
    if (!result)
        qFatal("%s", qPrintable(result.error().toString()));
    return result.value();
}

QString describe(const sweep::SweepResult& r, const sweep::Recommendation& rec, int pick) {
    if (pick < 0)
        return QStringLiteral("nothing picked");
    const auto& a = rec.deployments[static_cast<std::size_t>(pick)];
    return r.entries[static_cast<std::size_t>(a.entry)].deployment.label() + QStringLiteral(" — ") + a.reason;
}

} // namespace

class TestSweepConclusions : public QObject {
    Q_OBJECT
private slots:
    void pipelineOfSixteenIsFastestAtBatchOne() {
        const auto r = sweepOrDie({QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.6xlarge")}, {1});
        // A light load (100 inferences/s) that every deployment serves on one machine.
        const auto rec = sweep::recommend(r, {0, 100});
        QVERIFY(rec.fastest >= 0);
        const auto& in =
            r.entries[static_cast<std::size_t>(rec.deployments[rec.fastest].entry)].deployment.inputs;
        // Known deviation (issue 10 stays open on it): the calibrated simulator puts a 14-core
        // pipeline on inf1.6xlarge slightly below the 16-core one at this light load (5.7 ms p95), a near
        // tie the study never measured. Expected to fail until the mechanism that separates them is
        // modelled; an unexpected pass fails the test, so the fix cannot go unnoticed.
        QEXPECT_FAIL("", "a 14-core pipeline edges out the 16-core one at light load (known, issue 10)",
                     Continue);
        QVERIFY2(in.instance.name == QStringLiteral("inf1.6xlarge") &&
                     in.config.groupSizes == std::vector<int>{16},
                 qPrintable(describe(r, rec, rec.fastest)));
    }

    void dataParallelSmallBatchOnXlargeIsCheapest() {
        // The study's instances and inf1.2xlarge (the same chip with more vCPUs, so a host-bound
        // xlarge would lose to it). inf1.24xlarge is left out for time only: its 384 deployments
        // of up to 64 stages take minutes in a Debug build (bench_sweep sweeps it).
        const auto r = sweepOrDie({QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.2xlarge"),
                                   QStringLiteral("inf1.6xlarge"), QStringLiteral("g4dn.xlarge")},
                                  {});
        // Maximise throughput (each deployment on one machine at its highest rate meeting the
        // target) within the latencies the study measured: its Inferentia rows have p95 from 6.9
        // to 31 ms. Without any target the highest rate is the saturation point itself, where
        // p95 is queueing for as long as the run lasts, which no one would buy.
        const auto rec = sweep::recommend(r, {31, 0});
        QVERIFY(rec.cheapest >= 0);
        const auto& in =
            r.entries[static_cast<std::size_t>(rec.deployments[rec.cheapest].entry)].deployment.inputs;
        const bool dataParallel = !in.config.groupSizes.empty() && in.config.pipelineCores == 1;
        // Known deviation (issue 10 stays open on it): the simulator finds a 4-core pipeline at batch 4
        // on inf1.xlarge slightly cheaper than data parallel at a small batch; the study measured
        // them within 4% of each other (945 vs 985/s at batch 6).
        QEXPECT_FAIL("",
                     "a 4-core pipeline at batch 4 edges out data parallel on inf1.xlarge (known, issue 10)",
                     Continue);
        QVERIFY2(in.instance.name == QStringLiteral("inf1.xlarge") && dataParallel && in.config.batch <= 8,
                 qPrintable(describe(r, rec, rec.cheapest)));
    }
};

QTEST_GUILESS_MAIN(TestSweepConclusions)
#include "tst_sweep_conclusions.moc"
