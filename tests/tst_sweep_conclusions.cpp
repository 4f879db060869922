// The 2021 study's conclusions must come out of the sweep without being told (issue 10):
// at batch 1, the 16-core pipeline on inf1.6xlarge has the lowest p95 of every inf1.xlarge and
// inf1.6xlarge deployment; and the cheapest way to buy throughput is data parallel at a small
// batch on inf1.xlarge. Default sweep settings (8 load points of 2,000 requests), except where
// the order asked for lies within the sampling noise of 2,000 requests.
#include "hardware/catalog.h"
#include "sweep/recommend.h"

#include <QTest>

#include <algorithm>

using namespace pipescope;

namespace {

sweep::SweepResult sweepOrDie(const QStringList& instances, std::vector<int> batches,
                              const sweep::LoadCurveOptions& curve = {}) {
    sweep::SweepSpace space;
    space.instances = instances;
    space.batches = std::move(batches);
    const auto result = sweep::runSweep(space, curve, hardware::Catalog::builtIn());
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
    // The study's PP16 row ran at 1,793/s (12 clients). From a sixth of that on, requests overlap
    // and the shallower pipelines, which stream part of their weights, share their chips' DRAM:
    // the 16-core one has the lowest p95. At 1,000/s the 15-core one is only about 1% behind
    // (6.26-6.31 ms against 6.14-6.21 ms over 20,000 requests, three seeds), less than the
    // sampling noise of 2,000 requests (about 0.2 ms at 95%), so the sweep runs 8,000 a point
    // here. At a trickle (100/s, one request at a time) the pipelines that keep their weights on
    // chip are within 2% of one another, ordered by their stage count (each stage adds its
    // overhead): there the 16-core one must be the fastest or tied with it within the runs'
    // sampling noise (Recommendation::fastestTies).
    void pipelineOfSixteenIsFastestAtBatchOne() {
        sweep::LoadCurveOptions curve;
        curve.requests = 8000;
        const auto r =
            sweepOrDie({QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.6xlarge")}, {1}, curve);
        const auto isSixteen = [&](const sweep::Recommendation& rec, int pick) {
            const auto& in =
                r.entries[static_cast<std::size_t>(rec.deployments[static_cast<std::size_t>(pick)].entry)]
                    .deployment.inputs;
            return in.instance.name == QStringLiteral("inf1.6xlarge") &&
                   in.config.groupSizes == std::vector<int>{16};
        };
        for (const double load : {300.0, 600.0, 1000.0}) {
            const auto rec = sweep::recommend(r, {0, load});
            QVERIFY(rec.fastest >= 0);
            QVERIFY2(isSixteen(rec, rec.fastest),
                     qPrintable(QStringLiteral("at %1/s: %2").arg(load).arg(describe(r, rec, rec.fastest))));
        }
        const auto light = sweep::recommend(r, {0, 100});
        QVERIFY(light.fastest >= 0);
        const bool tied = std::any_of(light.fastestTies.begin(), light.fastestTies.end(),
                                      [&](int tie) { return isSixteen(light, tie); });
        QVERIFY2(isSixteen(light, light.fastest) || tied,
                 qPrintable(QStringLiteral("at 100/s: %1").arg(describe(r, light, light.fastest))));
    }

    void dataParallelSmallBatchOnXlargeIsCheapest() {
        // The study's instances and inf1.2xlarge (the same chip with more vCPUs, so a host-bound
        // xlarge would lose to it). inf1.24xlarge is left out for time only: its 384 deployments
        // of up to 64 stages take minutes in a Debug build (bench_sweep sweeps it).
        const auto r = sweepOrDie({QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.2xlarge"),
                                   QStringLiteral("inf1.6xlarge"), QStringLiteral("g4dn.xlarge")},
                                  {});
        // Maximise throughput (each deployment on one machine at its best operating point: an
        // open-loop rate or the closed loop with a client per core, as the study measured) within
        // the latencies the study measured: its Inferentia rows have p95 from 6.9 to 31 ms.
        // Without any target the highest open-loop rate is the saturation point itself, where p95
        // is queueing for as long as the run lasts, which no one would buy. (Poisson arrivals at
        // 31 ms favour the 16 cores of inf1.6xlarge, whose queue pools four times the servers;
        // a throughput user sets the concurrency and sees none of that queueing.)
        const auto rec = sweep::recommend(r, {31, 0});
        QVERIFY(rec.cheapest >= 0);
        const auto& in =
            r.entries[static_cast<std::size_t>(rec.deployments[rec.cheapest].entry)].deployment.inputs;
        const bool dataParallel = !in.config.groupSizes.empty() && in.config.pipelineCores == 1;
        QVERIFY2(in.instance.name == QStringLiteral("inf1.xlarge") && dataParallel && in.config.batch <= 8,
                 qPrintable(describe(r, rec, rec.cheapest)));
    }
};

QTEST_GUILESS_MAIN(TestSweepConclusions)
#include "tst_sweep_conclusions.moc"
