// Pipeline partitioning: contiguous stages, every operator once, slowest stage minimal
// (checked against brute force on small graphs), and the compiler's placement built on it.
#include "compile/partition.h"
#include "compile/plan.h"
#include "hardware/catalog.h"
#include "sim/scenario.h"

#include <QTest>

#include <algorithm>
#include <limits>

using namespace pipescope;

namespace {

double slowest(const std::vector<double>& costs, const std::vector<int>& starts) {
    double worst = 0;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const int end = k + 1 < starts.size() ? starts[k + 1] : static_cast<int>(costs.size());
        double sum = 0;
        for (int i = starts[k]; i < end; ++i)
            sum += costs[i];
        worst = std::max(worst, sum);
    }
    return worst;
}

// Every way to choose parts-1 cut points among n-1 gaps.
double bruteForce(const std::vector<double>& costs, int parts) {
    const int n = static_cast<int>(costs.size());
    double best = std::numeric_limits<double>::infinity();
    std::vector<int> starts(parts);
    auto recurse = [&](auto&& self, int k, int from) -> void {
        if (k == parts) {
            best = std::min(best, slowest(costs, starts));
            return;
        }
        for (int s = from; s <= n - (parts - k); ++s) {
            starts[k] = s;
            self(self, k + 1, s + 1);
        }
    };
    starts[0] = 0;
    recurse(recurse, 1, 1);
    return best;
}

// The plain O(parts * n^2) programme, every cut tried, ties to the later cut: what
// partitionMinMax computed before it skipped cuts that cannot win. Its cuts must be the same, not
// only its slowest stage, or every placement (and every simulated figure) would move.
std::vector<int> plainProgramme(const std::vector<double>& costs, int parts) {
    const int n = static_cast<int>(costs.size());
    std::vector<double> prefix(n + 1, 0.0);
    for (int i = 0; i < n; ++i)
        prefix[i + 1] = prefix[i] + costs[i];
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(parts + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<int>> cut(parts + 1, std::vector<int>(n + 1, 0));
    best[0][0] = 0;
    for (int k = 1; k <= parts; ++k)
        for (int i = k; i <= n - (parts - k); ++i)
            for (int j = k - 1; j < i; ++j) {
                if (best[k - 1][j] == inf)
                    continue;
                const double slowest = std::max(best[k - 1][j], prefix[i] - prefix[j]);
                if (slowest <= best[k][i]) {
                    best[k][i] = slowest;
                    cut[k][i] = j;
                }
            }
    std::vector<int> starts(parts, 0);
    for (int k = parts, end = n; k >= 1; --k)
        end = starts[k - 1] = cut[k][end];
    return starts;
}

} // namespace

class TestPartition : public QObject {
    Q_OBJECT
private slots:
    void matchesBruteForce() {
        // Deterministic pseudo-random graphs of 1..10 operators, 1..n parts.
        std::uint64_t state = 12345;
        auto next = [&] {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return static_cast<double>((state >> 33) % 1000) + (state % 7 == 0 ? 0.0 : 1.0);
        };
        for (int trial = 0; trial < 300; ++trial) {
            const int n = 1 + trial % 10;
            std::vector<double> costs(n);
            for (double& c : costs)
                c = next();
            for (int parts = 1; parts <= n; ++parts) {
                const std::vector<int> starts = compile::partitionMinMax(costs, parts);
                QCOMPARE(static_cast<int>(starts.size()), parts);
                QCOMPARE(starts.front(), 0);
                for (int k = 1; k < parts; ++k)
                    QVERIFY2(starts[k] > starts[k - 1], "stages must be contiguous and non-empty");
                QVERIFY(starts.back() < n);
                QCOMPARE(slowest(costs, starts), bruteForce(costs, parts));
            }
        }
    }

    // Operator-sized inputs (up to 300 costs, with runs of equal costs and zeros, where ties
    // decide the cut) and every number of parts a 64-core instance asks for.
    void givesThePlainProgrammesCuts() {
        std::uint64_t state = 99;
        auto next = [&] {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return state >> 33;
        };
        for (int trial = 0; trial < 12; ++trial) {
            const int n = 20 + static_cast<int>(next() % 281);
            std::vector<double> costs(static_cast<std::size_t>(n));
            for (double& c : costs) {
                const auto kind = next() % 4;
                c = kind == 0 ? 0.0 : kind == 1 ? 100.0 : static_cast<double>(next() % 5000) / 7.0;
            }
            for (int parts = 1; parts <= std::min(n, 64); ++parts)
                QCOMPARE(compile::partitionMinMax(costs, parts), plainProgramme(costs, parts));
        }
    }

    void degenerateInput() {
        QCOMPARE(compile::partitionMinMax({}, 3), std::vector<int>{0});
        QCOMPARE(compile::partitionMinMax({1, 2, 3}, 0), std::vector<int>{0});
        QCOMPARE(compile::partitionMinMax({1, 2}, 5).size(), std::size_t{2}); // at most one stage per op
    }

    void placementCoversEveryOperatorOnce_data() {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("groups");
        QTest::addColumn<int>("pipelineCores");
        QTest::addColumn<int>("batch");
        QTest::newRow("dp xlarge") << "inf1.xlarge"
                                   << "1,1,1,1" << 1 << 1;
        QTest::newRow("pipe 4") << "inf1.xlarge"
                                << "4" << 4 << 6;
        QTest::newRow("pipe 16") << "inf1.6xlarge"
                                 << "16" << 16 << 1;
        QTest::newRow("4 pipes of 4") << "inf1.6xlarge"
                                      << "4,4,4,4" << 4 << 1;
        QTest::newRow("pipe 64") << "inf1.24xlarge"
                                 << "64" << 64 << 1;
    }
    void placementCoversEveryOperatorOnce() {
        QFETCH(QString, instance);
        QFETCH(QString, groups);
        QFETCH(int, pipelineCores);
        QFETCH(int, batch);
        sim::Scenario s;
        s.instance = instance;
        s.groupSizes = groups;
        s.pipelineCores = pipelineCores;
        s.batch = batch;
        const auto in = sim::buildInputs(s, hardware::Catalog::builtIn());
        QVERIFY2(in.ok(), qPrintable(in.ok() ? QString() : in.error().toString()));
        const auto placement = compile::plan(in.value());
        QVERIFY(placement.ok());
        std::vector<int> usedCores;
        for (const auto& g : placement->groups) {
            QCOMPARE(static_cast<int>(g.stages.size()), pipelineCores);
            QCOMPARE(g.maxInFlight, pipelineCores + in->instance.neuron.extraInFlight);
            int next = 0;
            for (const auto& stage : g.stages) {
                QCOMPARE(stage.firstOp, next); // contiguous, no gaps, no overlap
                QVERIFY(stage.endOp > stage.firstOp);
                next = stage.endOp;
                QCOMPARE(stage.chip, stage.core / in->instance.neuron.coresPerChip);
                QVERIFY(stage.residentBytes + stage.activationBytes <= in->instance.neuron.sramBytes);
                usedCores.push_back(stage.core);
            }
            QCOMPARE(next, static_cast<int>(in->model.ops.size()));
        }
        std::sort(usedCores.begin(), usedCores.end());
        QVERIFY(std::adjacent_find(usedCores.begin(), usedCores.end()) == usedCores.end());
    }

    // The mechanism the pipeline exists for: more cores hold more weights on chip.
    void moreCoresStreamLess() {
        auto streamed = [](const QString& instance, const QString& groups, int cores) {
            sim::Scenario s;
            s.instance = instance;
            s.groupSizes = groups;
            s.pipelineCores = cores;
            const auto in = sim::buildInputs(s, hardware::Catalog::builtIn());
            std::int64_t total = 0;
            const auto placement = compile::plan(in.value());
            for (const auto& stage : placement->groups.front().stages)
                total += stage.streamedBytes;
            return total;
        };
        const auto one = streamed(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1);
        const auto four = streamed(QStringLiteral("inf1.xlarge"), QStringLiteral("4"), 4);
        const auto sixteen = streamed(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16);
        QVERIFY(one > four);
        QVERIFY(four > sixteen);
    }
};

QTEST_GUILESS_MAIN(TestPartition)
#include "tst_partition.moc"
