// A chip's DRAM as a processor-sharing server (sim::DramModel): streams share its bandwidth,
// each at most its DMA cap, and a stream started ahead of time must complete exactly when it would
// had it been started at its time, since the simulator no longer spends an event on each start.
#include "sim/dram_model.h"

#include <QTest>

#include <random>

using namespace pipescope::sim;

namespace {

// 40 bytes per ns for the chip, 25 for one stream alone.
DramModel chip() {
    return DramModel(40e9, 25e9);
}

} // namespace

class TestDramModel : public QObject {
    Q_OBJECT
private slots:
    void aLoneStreamRunsAtItsCap() {
        DramModel dram = chip();
        dram.start(0, 1000, 0, 0);
        QCOMPARE(dram.nextCompletion(), std::int64_t{40});
        std::vector<int> done;
        dram.finishDue(40, done);
        QCOMPARE(done, std::vector<int>{0});
        QCOMPARE(dram.nextCompletion(), std::int64_t{-1});
    }

    // 0-20 ns: core 0 alone at 25 (500 bytes left); then both at 20 each: core 0 done 25 ns
    // later, at 45, with core 1 at 500 left; core 1 alone at 25 again: done at 65.
    void aStartAheadOfTimeSharesFromItsTimeOn() {
        DramModel dram = chip();
        dram.start(0, 1000, 0, 0);
        dram.start(1, 1000, 20, 0); // given at 0, starts at 20
        QCOMPARE(dram.nextCompletion(), std::int64_t{45});
        std::vector<int> done;
        dram.finishDue(45, done);
        QCOMPARE(done, std::vector<int>{0});
        QCOMPARE(dram.nextCompletion(), std::int64_t{65});
        dram.finishDue(65, done);
        QCOMPARE(done, std::vector<int>{1});
    }

    void aStartAfterTheNextCompletionDoesNotChangeIt() {
        DramModel dram = chip();
        dram.start(0, 1000, 0, 0);
        dram.start(1, 1000, 100, 0);
        QCOMPARE(dram.nextCompletion(), std::int64_t{40});
        std::vector<int> done;
        dram.finishDue(40, done);
        QCOMPARE(done, std::vector<int>{0});
        QCOMPARE(dram.nextCompletion(), std::int64_t{140});
    }

    // Random streams on four cores, each started either ahead of time (as soon as it is known) or
    // at its time: every completion must come at the same nanosecond in both.
    void startsAheadOfTimeGiveTheSameCompletionsAsStartsOnTime() {
        std::mt19937_64 random(7);
        for (int trial = 0; trial < 200; ++trial) {
            struct Start {
                std::int64_t at;
                int core;
                double bytes;
            };
            std::vector<Start> starts;
            std::int64_t t = 0;
            for (int i = 0; i < 12; ++i) {
                t += static_cast<std::int64_t>(random() % 60);
                starts.push_back(Start{t, i % 4, 200.0 + static_cast<double>(random() % 2000)});
            }
            auto completions = [&](bool ahead) {
                DramModel dram = chip();
                std::vector<std::pair<std::int64_t, int>> out;
                std::vector<int> done;
                std::size_t next = 0;
                std::int64_t now = 0;
                if (ahead) // every start given at time 0
                    for (const Start& s : starts)
                        dram.start(s.core, s.bytes, s.at, 0);
                for (;;) {
                    const std::int64_t completion = dram.nextCompletion();
                    const std::int64_t start = !ahead && next < starts.size() ? starts[next].at : -1;
                    if (completion < 0 && start < 0)
                        break;
                    if (start >= 0 && (completion < 0 || start < completion)) {
                        now = start;
                        dram.start(starts[next].core, starts[next].bytes, now, now);
                        ++next;
                        continue;
                    }
                    now = completion;
                    dram.finishDue(now, done);
                    for (int core : done)
                        out.emplace_back(now, core);
                }
                return out;
            };
            const auto onTime = completions(false);
            const auto ahead = completions(true);
            QCOMPARE(onTime.size(), starts.size());
            QCOMPARE(ahead, onTime);
        }
    }
};

QTEST_APPLESS_MAIN(TestDramModel)
#include "tst_dram_model.moc"
