// The recommendation over a finished sweep: whole machines, cost per million at the load, the
// Pareto front, cheapest and fastest, and the bottleneck rule, on hand-made curves and summaries.
#include "sweep/recommend.h"

#include <QTest>

#include <cmath>

using namespace pipescope;

Q_DECLARE_METATYPE(pipescope::metrics::RunSummary)

namespace {

// A deployment on an instance costing `price` per hour whose p95 is `p95` up to `capacity`
// inferences per second and ten times that beyond (measured at 10%, 50%, 90% and 110%).
sweep::SweepEntry entry(const QString& name, double price, double capacity, double p95) {
    sweep::SweepEntry e;
    e.deployment.inputs.instance.name = name;
    e.deployment.inputs.instance.pricePerHour[QStringLiteral("launch")] = price;
    for (double f : {0.1, 0.5, 0.9, 1.1}) {
        sweep::LoadPoint p;
        p.offeredPerSecond = f * capacity;
        p.throughputPerSecond = std::min(f, 1.0) * capacity;
        p.latencyMs.p50 = p.latencyMs.p95 = p.latencyMs.p99 = f > 1 ? 10 * p95 : p95;
        e.curve.points.push_back(p);
    }
    e.curve.saturationPerSecond = capacity;
    sweep::markOverloaded(e.curve.points, capacity);
    return e;
}

metrics::RunSummary summary(double host, double compute, double weightWait, std::vector<double> others) {
    metrics::RunSummary s;
    s.hostBusy = host;
    metrics::CoreUtilization top;
    top.compute = compute;
    top.weightWait = weightWait;
    top.idle = 1 - compute - weightWait;
    s.cores.push_back(top);
    for (double u : others) {
        metrics::CoreUtilization c;
        c.compute = u;
        c.idle = 1 - u;
        s.cores.push_back(c);
    }
    return s;
}

} // namespace

class TestSweepRecommend : public QObject {
    Q_OBJECT
private slots:
    void wholeMachinesAndCost() {
        sweep::SweepResult r;
        r.entries = {entry(QStringLiteral("a"), 1.0, 1000, 5)};
        const auto rec = sweep::recommend(r, {10, 2000});
        const auto& a = rec.deployments.front();
        QVERIFY(a.meetsSla);
        QCOMPARE(a.maxRateAtSlaPerSecond, 900.0); // 90% point: the 110% one is overloaded
        QCOMPARE(a.machines, 3);                  // ceil(2000 / 900)
        QCOMPARE(a.ratePerMachine, 2000.0 / 3);
        QVERIFY(std::abs(a.costPerMillionUsd - 3 * 1.0 / (2000 * 3600.0) * 1e6) < 1e-12);
        QCOMPARE(a.latencyMs.p95, 5.0);
        QVERIFY2(a.reason.contains(QStringLiteral("3 machines")), qPrintable(a.reason));
        // Without a load: one machine at its highest rate meeting the target.
        const auto max = sweep::recommend(r, {10, 0}).deployments.front();
        QCOMPARE(max.machines, 1);
        QCOMPARE(max.ratePerMachine, 900.0);
    }

    void closedLoopPointWithoutALoad() {
        sweep::SweepResult r;
        r.entries = {entry(QStringLiteral("a"), 1.0, 1000, 5)};
        auto& closed = r.entries.front().curve.closedLoop;
        closed.clients = 4;
        closed.throughputPerSecond = 970;
        closed.latencyMs.p50 = 6;
        closed.latencyMs.p95 = closed.latencyMs.p99 = 8;
        // Maximising throughput, the closed loop serves more than the best open-loop rate (900/s)
        // within the target: one machine at 970/s, at the closed loop's latency.
        const auto best = sweep::recommend(r, {10, 0}).deployments.front();
        QVERIFY(best.meetsSla);
        QVERIFY(best.closedLoop);
        QCOMPARE(best.machines, 1);
        QCOMPARE(best.ratePerMachine, 970.0);
        QCOMPARE(best.latencyMs.p95, 8.0);
        QCOMPARE(best.maxRateAtSlaPerSecond, 900.0); // the open-loop figure is still reported
        QVERIFY(std::abs(best.costPerMillionUsd - 1.0 / (970 * 3600.0) * 1e6) < 1e-12);
        QVERIFY2(best.reason.contains(QStringLiteral("closed loop (4 clients)")), qPrintable(best.reason));
        // A target its p95 misses leaves the open-loop rate.
        const auto tight = sweep::recommend(r, {7, 0}).deployments.front();
        QVERIFY(tight.meetsSla && !tight.closedLoop);
        QCOMPARE(tight.ratePerMachine, 900.0);
        // A closed loop that serves less than the open-loop rate is not picked.
        closed.throughputPerSecond = 800;
        QVERIFY(!sweep::recommend(r, {10, 0}).deployments.front().closedLoop);
        closed.throughputPerSecond = 970;
        // With a load to serve the arrivals are not the server's to pace: open loop only.
        const auto load = sweep::recommend(r, {10, 2000}).deployments.front();
        QVERIFY(!load.closedLoop);
        QCOMPARE(load.machines, 3);
        // A profile from before the closed-loop point (clients 0) ranks as it did.
        closed.clients = 0;
        QVERIFY(!sweep::recommend(r, {10, 0}).deployments.front().closedLoop);
        // It alone can meet a target no open-loop point meets.
        closed.clients = 4;
        closed.latencyMs.p95 = 4;
        const auto only = sweep::recommend(r, {4.5, 0}).deployments.front();
        QVERIFY(only.meetsSla && only.closedLoop);
        QCOMPARE(only.maxRateAtSlaPerSecond, 0.0);
    }

    void paretoCheapestFastest() {
        sweep::SweepResult r;
        r.entries = {entry(QStringLiteral("cheap"), 1.0, 1000, 5),  // $0.31/M at 900/s
                     entry(QStringLiteral("fast"), 4.0, 1000, 3),   // four times dearer, faster
                     entry(QStringLiteral("worse"), 4.0, 1000, 6),  // dominated by both
                     entry(QStringLiteral("slow"), 0.1, 1000, 50)}; // cheapest but misses 10 ms
        const auto rec = sweep::recommend(r, {10, 0});
        QCOMPARE(rec.cheapest, 0);
        QCOMPARE(rec.fastest, 1);
        QVERIFY(rec.deployments[0].pareto);
        QVERIFY(rec.deployments[1].pareto);
        QVERIFY(!rec.deployments[2].pareto);
        QVERIFY(!rec.deployments[3].meetsSla);
        QVERIFY(!rec.deployments[3].pareto);
        QVERIFY(rec.deployments[3].reason.contains(QStringLiteral("never meets")));
        // No target: the slow one is the cheapest.
        QCOMPARE(sweep::recommend(r, {0, 0}).cheapest, 3);
        // Nothing meets an impossible target.
        const auto none = sweep::recommend(r, {1, 0});
        QCOMPARE(none.cheapest, -1);
        QCOMPARE(none.fastest, -1);
    }

    // The fastest cannot be told from a deployment whose p95 is within the 95% interval of the
    // difference (2.262 combined standard errors): it is named as tied; a clearly slower one is
    // not, and without known errors nothing is.
    void fastestTiesWithinSamplingNoise() {
        sweep::SweepResult r;
        r.entries = {
            entry(QStringLiteral("near"), 1.0, 1000, 3.05), entry(QStringLiteral("fast"), 1.0, 1000, 3.0),
            entry(QStringLiteral("far"), 1.0, 1000, 3.5), entry(QStringLiteral("nearer"), 1.0, 1000, 3.02)};
        const auto setError = [&](double se) {
            for (auto& e : r.entries)
                for (auto& p : e.curve.points)
                    p.latencyMs.p95StandardErrorMs = se;
        };
        setError(0.02); // 0.064 ms for a difference
        auto rec = sweep::recommend(r, {10, 0});
        QCOMPARE(rec.fastest, 1);
        QCOMPARE(rec.fastestTies, (std::vector<int>{3, 0})); // by p95
        const QString reason = rec.deployments[1].reason;
        QVERIFY2(reason.contains(QStringLiteral("tied within sampling noise (p95 ± 0.045 ms) with nearer")) &&
                     reason.contains(QStringLiteral("(3.02 ms)")) && reason.contains(QStringLiteral("near")),
                 qPrintable(reason));
        QVERIFY(!rec.deployments[0].reason.contains(QStringLiteral("tied")));
        setError(0.01); // 0.032 ms: only the nearer one
        rec = sweep::recommend(r, {10, 0});
        QCOMPARE(rec.fastestTies, std::vector<int>{3});
        setError(0); // unknown: no ties claimed
        rec = sweep::recommend(r, {10, 0});
        QVERIFY(rec.fastestTies.empty());
        QVERIFY(!rec.deployments[1].reason.contains(QStringLiteral("tied")));
        // Deployments missing the target take no part.
        setError(0.02);
        rec = sweep::recommend(r, {3.03, 0});
        QCOMPARE(rec.fastestTies, std::vector<int>{3});
    }

    // A deployment is costed at its highest rate meeting the target; when that point's p95 is
    // under the target by less than its 95% sampling noise, the cost is flagged as unsure.
    void slaMetWithinSamplingNoise() {
        sweep::SweepResult r;
        r.entries = {entry(QStringLiteral("a"), 1.0, 1000, 9.9)};     // 9.9 ms up to 900/s
        auto& deciding = r.entries.front().curve.points[2].latencyMs; // the 900/s point
        deciding.p95StandardErrorMs = 0.05;                           // ± 0.11 ms: 10.01 > 10
        auto a = sweep::recommend(r, {10, 2000}).deployments.front();
        QVERIFY(a.meetsSla);
        QVERIFY(a.slaWithinNoise);
        QVERIFY2(a.reason.contains(QStringLiteral("meets p95 <= 10 ms only within sampling noise "
                                                  "(p95 9.90 ± 0.11 ms at 900/s)")),
                 qPrintable(a.reason));
        // At 400/s one machine serves the load at 900/s or at 500/s: the cost does not hang on it.
        QVERIFY(!sweep::recommend(r, {10, 400}).deployments.front().slaWithinNoise);
        deciding.p95StandardErrorMs = 0.04; // ± 0.090 ms: 9.99 <= 10
        a = sweep::recommend(r, {10, 2000}).deployments.front();
        QVERIFY(!a.slaWithinNoise);
        QVERIFY2(!a.reason.contains(QStringLiteral("sampling noise")), qPrintable(a.reason));
        // Only the deciding point counts: a lighter point's error does not.
        deciding.p95StandardErrorMs = 0;
        r.entries.front().curve.points[1].latencyMs.p95StandardErrorMs = 1;
        QVERIFY(!sweep::recommend(r, {10, 2000}).deployments.front().slaWithinNoise);
        // No target, or a target it misses: nothing to flag.
        deciding.p95StandardErrorMs = 0.05;
        QVERIFY(!sweep::recommend(r, {0, 2000}).deployments.front().slaWithinNoise);
        QVERIFY(!sweep::recommend(r, {9, 2000}).deployments.front().slaWithinNoise);
        // Without a load the closed-loop point may decide it.
        auto& closed = r.entries.front().curve.closedLoop;
        closed.clients = 4;
        closed.throughputPerSecond = 970;
        closed.latencyMs.p95 = 9.95;
        closed.latencyMs.p95StandardErrorMs = 0.03; // ± 0.068 ms
        a = sweep::recommend(r, {10, 0}).deployments.front();
        QVERIFY(a.closedLoop);
        QVERIFY(a.slaWithinNoise);
        QVERIFY2(a.reason.contains(QStringLiteral("(p95 9.95 ± 0.068 ms in closed loop)")),
                 qPrintable(a.reason));
    }

    // An unsure cheapest comes with the cheapest counting only p95s clear of their noise: another
    // deployment, or the same one costed at a lower rate on more machines, or none.
    void cheapestClearOfNoise() {
        sweep::SweepResult r;
        r.entries = {entry(QStringLiteral("a"), 1.0, 1000, 9.9), entry(QStringLiteral("b"), 1.3, 1000, 5)};
        auto& deciding = r.entries[0].curve.points[2].latencyMs; // a at 900/s: 9.9 ± 0.11 ms
        deciding.p95StandardErrorMs = 0.05;
        auto rec = sweep::recommend(r, {10, 2000});
        QCOMPARE(rec.cheapest, 0); // 3 machines at $1 against b's 3 at $1.3
        QVERIFY(rec.deployments[0].slaWithinNoise);
        QVERIFY(rec.cheapestClear.has_value());
        // Clear of the noise, a is costed at 500/s: 4 machines at $1 are dearer than b's 3 at $1.3.
        QCOMPARE(rec.cheapestClear->entry, 1);
        QCOMPARE(rec.cheapestClear->machines, 3);
        QVERIFY(!rec.cheapestClear->slaWithinNoise);
        // Dearer b: a itself at 500/s, on 4 machines.
        r.entries[1].deployment.inputs.instance.pricePerHour[QStringLiteral("launch")] = 1.4;
        rec = sweep::recommend(r, {10, 2000});
        QCOMPARE(rec.cheapestClear->entry, 0);
        QCOMPARE(rec.cheapestClear->maxRateAtSlaPerSecond, 500.0);
        QCOMPARE(rec.cheapestClear->machines, 4);
        QVERIFY(std::abs(rec.cheapestClear->costPerMillionUsd - 4 * 1.0 / (2000 * 3600.0) * 1e6) < 1e-12);
        // Nothing clears the target: said so.
        for (auto& e : r.entries)
            for (auto& p : e.curve.points)
                p.latencyMs.p95StandardErrorMs = 3; // ± 6.8 ms: b (5 ms) no longer clears 10 ms either
        rec = sweep::recommend(r, {10, 2000});
        QCOMPARE(rec.cheapestClear->entry, -1);
        // A sure cheapest needs no alternative.
        for (auto& e : r.entries)
            for (auto& p : e.curve.points)
                p.latencyMs.p95StandardErrorMs = 0.01;
        QVERIFY(!sweep::recommend(r, {10, 2000}).cheapestClear.has_value());
    }

    // Between two measured points the p95's error is interpolated like the p95.
    void interpolatedError() {
        auto e = entry(QStringLiteral("a"), 1.0, 1000, 5);
        e.curve.points[1].latencyMs.p95StandardErrorMs = 0.1; // at 500/s
        e.curve.points[2].latencyMs.p95StandardErrorMs = 0.3; // at 900/s
        QVERIFY(std::abs(sweep::latencyAt(e.curve.points, 700).p95StandardErrorMs - 0.2) < 1e-12);
        QCOMPARE(sweep::latencyAt(e.curve.points, 300).p95StandardErrorMs, 0.0); // one side unknown
    }

    void bottleneckRule_data() {
        QTest::addColumn<metrics::RunSummary>("summary");
        QTest::addColumn<int>("pipelineCores");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host") << summary(0.95, 0.5, 0, {0.5}) << 1 << "host";
        QTest::newRow("idle cores") << summary(0.4, 0.5, 0.1, {0.5}) << 1 << "clients";
        QTest::newRow("weights") << summary(0.4, 0.4, 0.55, {0.9}) << 1 << "DRAM";
        QTest::newRow("unbalanced pipeline")
            << summary(0.4, 0.95, 0, {0.3, 0.3, 0.3}) << 4 << "pipeline depth";
        QTest::newRow("balanced pipeline") << summary(0.4, 0.95, 0, {0.9, 0.9, 0.9}) << 4 << "compute";
        QTest::newRow("data parallel") << summary(0.4, 0.95, 0, {0.3}) << 1 << "compute";
    }
    void bottleneckRule() {
        QFETCH(metrics::RunSummary, summary);
        QFETCH(int, pipelineCores);
        QFETCH(QString, expected);
        QCOMPARE(sweep::bottleneckName(sweep::classifyBottleneck(summary, pipelineCores)), expected);
        QVERIFY(sweep::bottleneckEvidence(summary).contains(QStringLiteral("host busy")));
    }
};

QTEST_GUILESS_MAIN(TestSweepRecommend)
#include "tst_sweep_recommend.moc"
