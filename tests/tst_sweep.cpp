// The sweep engine: which deployments it enumerates, the adaptive load curve, determinism
// whatever the thread count, cancellation and progress.
#include "hardware/catalog.h"
#include "sweep/sweep.h"

#include <QTest>

#include <atomic>

using namespace pipescope;

namespace {

sweep::SweepSpace space(const QStringList& instances, std::vector<int> batches) {
    sweep::SweepSpace s;
    s.instances = instances;
    s.batches = std::move(batches);
    return s;
}

sweep::LoadCurveOptions quickCurve() {
    sweep::LoadCurveOptions o;
    o.points = 6;
    o.requests = 400;
    o.warmup = 40;
    o.probeRequests = 300;
    return o;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT
private slots:
    void enumeratesEveryUniformGrouping() {
        const auto d = sweep::enumerateDeployments(space({QStringLiteral("inf1.6xlarge")}, {1, 4}),
                                                   hardware::Catalog::builtIn());
        QVERIFY2(d.ok(), d.ok() ? "" : qPrintable(d.error().toString()));
        // Groups of 1..16 cores, as many as fit, times two batches.
        QCOMPARE(int(d->deployments.size()) + d->skipped, 32);
        QCOMPARE(d->skipped, 0);
        const auto& first = d->deployments.front().inputs.config;
        QCOMPARE(first.groupSizes, std::vector<int>(16, 1));
        QCOMPARE(first.batch, 1);
        const auto& fifth = d->deployments[2 * 4].inputs.config; // groups of 5: three of them
        QCOMPARE(fifth.groupSizes, std::vector<int>(3, 5));
        QCOMPARE(fifth.pipelineCores, 5);
        const auto& last = d->deployments.back().inputs.config;
        QCOMPARE(last.groupSizes, std::vector<int>{16});
        QCOMPARE(last.batch, 4);
        for (std::size_t i = 0; i < d->deployments.size(); ++i)
            QCOMPARE(d->deployments[i].index, int(i));
    }

    void gpuBatchesAndSkippedGroupings() {
        sweep::SweepSpace s = space({QStringLiteral("inf1.xlarge"), QStringLiteral("g4dn.xlarge")}, {});
        s.groupings = {{1, 3}, {2, 2}, {8}}; // mixed (rejected), uniform already there, too many cores
        const auto d = sweep::enumerateDeployments(s, hardware::Catalog::builtIn());
        QVERIFY(d.ok());
        int gpu = 0;
        for (const auto& dep : d->deployments)
            gpu += dep.inputs.instance.isGpu() ? 1 : 0;
        QVERIFY(gpu > 0 && gpu <= int(sweep::defaultBatches(true).size())); // the largest may not fit
        // {1,3} and {8} are tried with six batches each and rejected; {2,2} is not repeated.
        QCOMPARE(d->skipped, 12);
        QVERIFY(d->firstSkipped.contains(QStringLiteral("1,3")));
        QCOMPARE(int(d->deployments.size()), 4 * 6 + gpu);
    }

    void badSpace_data() {
        QTest::addColumn<QStringList>("instances");
        QTest::addColumn<int>("batch");
        QTest::addColumn<QString>("where");
        QTest::newRow("instance") << QStringList{QStringLiteral("p9.huge")} << 1 << "instances";
        QTest::newRow("batch") << QStringList{QStringLiteral("inf1.xlarge")} << 0 << "batches";
    }
    void badSpace() {
        QFETCH(QStringList, instances);
        QFETCH(int, batch);
        QFETCH(QString, where);
        const auto d = sweep::enumerateDeployments(space(instances, {batch}), hardware::Catalog::builtIn());
        QVERIFY(!d.ok());
        QCOMPARE(d.error().where, where);
    }

    void adaptiveRatesAreDenseNearSaturation() {
        const std::vector<double> rates = sweep::adaptiveRates(1000, 10);
        QCOMPARE(rates.size(), std::size_t(10));
        QVERIFY(std::is_sorted(rates.begin(), rates.end()));
        QCOMPARE(rates.front(), 100.0);
        QCOMPARE(rates.back(), 1100.0);
        int nearKnee = 0;
        for (double r : rates)
            nearKnee += r >= 800 ? 1 : 0;
        QCOMPARE(nearKnee, 5); // half the points in the top 30% of the range
    }

    void kneeWhereLatencyTurnsSteep() {
        // p95 flat to 600/s, steep after; the 1100/s point is overloaded and left out.
        std::vector<sweep::LoadPoint> points;
        const double rates[] = {100, 300, 600, 800, 900, 1000, 1100};
        const double p95[] = {5, 5.2, 6, 9, 20, 60, 400};
        for (int i = 0; i < 7; ++i) {
            sweep::LoadPoint p;
            p.offeredPerSecond = rates[i];
            p.throughputPerSecond = std::min(rates[i], 1000.0);
            p.latencyMs.p95 = p95[i];
            points.push_back(p);
        }
        sweep::markOverloaded(points, 1000);
        QVERIFY(points.back().overloaded);
        QVERIFY(!points[5].overloaded);
        QCOMPARE(sweep::knee(points), 800.0);
        QCOMPARE(sweep::maxRateAtSla(points, 10), 800.0);
        QCOMPARE(sweep::maxRateAtSla(points, 0), 1000.0);
        // Clear of the noise: 9 ms ± 2.3 misses 10 ms, 6 ms ± 2.3 meets it; an unknown error counts
        // as none.
        points[3].latencyMs.p95StandardErrorMs = points[2].latencyMs.p95StandardErrorMs = 1;
        QCOMPARE(sweep::maxRateAtSla(points, 10, true), 600.0);
        QCOMPARE(sweep::maxRateAtSla(points, 10), 800.0);
        points[3].latencyMs.p95StandardErrorMs = 0;
        QCOMPARE(sweep::maxRateAtSla(points, 10, true), 800.0);
        points.front().throughputPerSecond = 90; // Poisson noise of a short run at light load
        sweep::markOverloaded(points, 1000);
        QVERIFY(!points.front().overloaded);
        // Near saturation fewer arrived than asked for (Poisson noise): the deployment kept up
        // with what arrived, so the point is not overloaded; the same throughput against the rate
        // asked for would be.
        points[3].offeredPerSecond = 900;
        points[3].throughputPerSecond = 840;
        sweep::markOverloaded(points, 1000);
        QVERIFY(points[3].overloaded);
        points[3].arrivalPerSecond = 850;
        sweep::markOverloaded(points, 1000);
        QVERIFY(!points[3].overloaded);
        points[3].arrivalPerSecond = 900; // it fell behind what arrived
        sweep::markOverloaded(points, 1000);
        QVERIFY(points[3].overloaded);
        points.resize(2);
        QCOMPARE(sweep::knee(points), 100.0); // too few points to tell
    }

    void loadCurveRisesToSaturation() {
        auto d = sweep::enumerateDeployments(space({QStringLiteral("inf1.xlarge")}, {1}),
                                             hardware::Catalog::builtIn());
        QVERIFY(d.ok());
        sweep::LoadCurveOptions o = quickCurve();
        o.points = 8;
        const auto curve = sweep::measureLoadCurve(d->deployments.front().inputs, o);
        QVERIFY(curve.ok());
        QCOMPARE(curve->points.size(), std::size_t(8));
        QCOMPARE(curve->simulations, 10); // the probe, the closed-loop point and 8 rates
        QVERIFY(curve->probePerSecond > 0);
        // The closed loop keeps one request on each of the four cores (the study's DP batch 1 row:
        // 245/s, p95 16.5 ms, host-bound): it serves most of saturation, and as each client waits
        // for its answer no queue grows past four requests, unlike Poisson arrivals past saturation.
        const auto& closed = curve->closedLoop;
        QCOMPARE(closed.clients, 4);
        QVERIFY2(closed.throughputPerSecond > 0.7 * curve->saturationPerSecond &&
                     closed.throughputPerSecond <= curve->saturationPerSecond,
                 qPrintable(QStringLiteral("closed loop %1/s, saturation %2/s")
                                .arg(closed.throughputPerSecond)
                                .arg(curve->saturationPerSecond)));
        QVERIFY2(closed.latencyMs.p95 < 0.5 * curve->points.back().latencyMs.p95,
                 qPrintable(QStringLiteral("closed loop p95 %1 ms, past saturation %2 ms")
                                .arg(closed.latencyMs.p95)
                                .arg(curve->points.back().latencyMs.p95)));
        const auto& p = curve->points;
        // Light load is served in full; past saturation it is not, and latency has grown.
        QVERIFY(std::abs(p.front().throughputPerSecond - p.front().offeredPerSecond) <
                0.15 * p.front().offeredPerSecond);
        // What arrived is the rate asked for plus Poisson noise, and a deployment that keeps up
        // serves what arrived: the noise cancels.
        for (const auto& point : p)
            QVERIFY(std::abs(point.arrivalPerSecond / point.offeredPerSecond - 1) < 0.15);
        QVERIFY2(std::abs(p.front().throughputPerSecond / p.front().arrivalPerSecond - 1) < 0.02,
                 qPrintable(QStringLiteral("%1 served of %2 arrived")
                                .arg(p.front().throughputPerSecond)
                                .arg(p.front().arrivalPerSecond)));
        QVERIFY2(p.back().overloaded,
                 qPrintable(QStringLiteral("offered %1 arrived %2 served %3 saturation %4")
                                .arg(p.back().offeredPerSecond)
                                .arg(p.back().arrivalPerSecond)
                                .arg(p.back().throughputPerSecond)
                                .arg(curve->saturationPerSecond)));
        QVERIFY(p.back().latencyMs.p95 > 2 * p.front().latencyMs.p95);
        QVERIFY(curve->saturationPerSecond >= curve->probePerSecond);
        QVERIFY(curve->kneePerSecond >= p.front().offeredPerSecond);
        QVERIFY(curve->kneePerSecond < p.back().offeredPerSecond);
        // A looser target admits at least as high a rate; an impossible one admits none.
        const double tight = sweep::maxRateAtSla(p, p.front().latencyMs.p95 * 1.5);
        const double loose = sweep::maxRateAtSla(p, p.front().latencyMs.p95 * 5);
        QVERIFY(tight > 0 && loose >= tight);
        QCOMPARE(sweep::maxRateAtSla(p, p.front().latencyMs.p95 * 0.1), 0.0);
        QVERIFY(sweep::maxRateAtSla(p, 0) < curve->saturationPerSecond * 1.01);
        // Interpolation between points, clamped at the ends.
        const auto mid = sweep::latencyAt(p, 0.5 * (p[1].offeredPerSecond + p[2].offeredPerSecond));
        QVERIFY(std::abs(mid.p95 - 0.5 * (p[1].latencyMs.p95 + p[2].latencyMs.p95)) < 1e-9);
        QCOMPARE(sweep::latencyAt(p, 0).p95, p.front().latencyMs.p95);
    }

    void sameResultForAnyThreadCount() {
        const auto s = space({QStringLiteral("inf1.xlarge"), QStringLiteral("g4dn.xlarge")}, {1, 6});
        sweep::SweepControl one;
        one.threads = 1;
        sweep::SweepControl three;
        three.threads = 3;
        std::vector<int> progress, totals; // checked here: QTest macros belong on the test's thread
        three.progress = [&](int done, int total) {
            progress.push_back(done);
            totals.push_back(total);
        };
        const auto a = sweep::runSweep(s, quickCurve(), hardware::Catalog::builtIn(), one);
        const auto b = sweep::runSweep(s, quickCurve(), hardware::Catalog::builtIn(), three);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->entries.size(), std::size_t(10));
        QCOMPARE(b->entries.size(), a->entries.size());
        QCOMPARE(progress.size(), a->entries.size());
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        QCOMPARE(progress.back(), 10);
        QCOMPARE(totals, std::vector<int>(10, 10));
        QCOMPARE(a->simulations, 10 * 8); // the probe, the closed-loop point and 6 rates each
        QCOMPARE(b->simulatedRequests, a->simulatedRequests);
        for (std::size_t i = 0; i < a->entries.size(); ++i) {
            const auto& x = a->entries[i];
            const auto& y = b->entries[i];
            QCOMPARE(y.deployment.label(), x.deployment.label());
            QVERIFY(x.curve.saturationPerSecond == y.curve.saturationPerSecond);
            QVERIFY(x.curve.closedLoop.latencyMs.p95 == y.curve.closedLoop.latencyMs.p95);
            for (std::size_t k = 0; k < x.curve.points.size(); ++k) {
                QVERIFY(x.curve.points[k].latencyMs.p99 == y.curve.points[k].latencyMs.p99);
                QVERIFY(x.curve.points[k].throughputPerSecond == y.curve.points[k].throughputPerSecond);
            }
        }
        // Different deployments get different seeds.
        QVERIFY(a->entries[0].deployment.seed() != a->entries[1].deployment.seed());
    }

    void cancels() {
        std::atomic<bool> cancel{false};
        sweep::SweepControl control;
        control.cancel = &cancel;
        control.threads = 2;
        control.progress = [&](int, int) { cancel = true; };
        const auto r = sweep::runSweep(space({QStringLiteral("inf1.6xlarge")}, {1, 2, 4}), quickCurve(),
                                       hardware::Catalog::builtIn(), control);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
