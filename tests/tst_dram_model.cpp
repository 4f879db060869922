// A chip's DRAM as a processor-sharing server (sim::DramModel): streams share its bandwidth,
// each at most its DMA cap, and a stream started ahead of time must complete exactly when it would
// had it been started at its time, since the simulator no longer spends an event on each start.
#include "sim/dram_model.h"

#include <QTest>

#include <algorithm>
#include <cstdlib>
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

    // 0-25 ns: both at 20 bytes/ns, the silent one's 500 bytes are in at 25; then the other alone
    // at its cap of 25 for its last 500: done at 45. The silent one is never reported.
    void aSilentStreamSharesButIsNotReported() {
        DramModel dram = chip();
        dram.start(0, 500, 0, 0, true);
        dram.start(1, 1000, 0, 0);
        QCOMPARE(dram.nextCompletion(), std::int64_t{45});
        std::vector<int> done;
        dram.finishDue(45, done);
        QCOMPARE(done, std::vector<int>{1});
        QCOMPARE(dram.nextCompletion(), std::int64_t{-1});
        dram.start(2, 1000, 50, 45, true); // alone and silent: nothing to wait for
        QCOMPARE(dram.nextCompletion(), std::int64_t{-1});
    }

    // Random streams, some silent, all given ahead of time: the reported ones must end when they
    // end if the silent ones are ordinary streams whose ends nobody acts on. Those leave the
    // sharing at the next whole nanosecond after their end, a silent one at its exact end, so
    // each one ended before a reported stream may move that stream's end by up to a nanosecond.
    void silentStreamsEndAsOrdinaryOnesDo() {
        std::mt19937_64 random(11);
        int compared = 0;
        for (int trial = 0; trial < 300; ++trial) {
            struct Start {
                std::int64_t at;
                int id;
                double bytes;
                bool silent;
            };
            std::vector<Start> starts;
            std::int64_t t = 0;
            for (int i = 0; i < 12; ++i) {
                t += static_cast<std::int64_t>(random() % 60);
                starts.push_back(Start{t, i, 200.0 + static_cast<double>(random() % 2000), random() % 5 < 2});
            }
            // (end, id) of the reported streams, and how many silent ones ended before each.
            auto completions = [&](bool silentAsOrdinary) {
                DramModel dram = chip();
                for (const Start& s : starts)
                    dram.start(s.id, s.bytes, s.at, 0, s.silent && !silentAsOrdinary);
                std::vector<std::pair<std::int64_t, int>> out;
                std::vector<int> done;
                for (std::int64_t next = dram.nextCompletion(); next >= 0; next = dram.nextCompletion()) {
                    dram.finishDue(next, done);
                    for (int id : done)
                        if (!starts[static_cast<std::size_t>(id)].silent)
                            out.emplace_back(next, id);
                }
                std::sort(out.begin(), out.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; });
                return out;
            };
            const auto silent = completions(false);
            const auto ordinary = completions(true);
            QCOMPARE(silent.size(), ordinary.size());
            for (std::size_t i = 0; i < silent.size(); ++i) {
                QCOMPARE(silent[i].second, ordinary[i].second);
                const auto silentBefore = std::count_if(starts.begin(), starts.end(), [&](const Start& s) {
                    return s.silent && s.at < ordinary[i].first;
                });
                QVERIFY2(std::abs(silent[i].first - ordinary[i].first) <= silentBefore,
                         qPrintable(QStringLiteral("trial %1, stream %2: %3 ns silent, %4 ns ordinary")
                                        .arg(trial)
                                        .arg(silent[i].second)
                                        .arg(silent[i].first)
                                        .arg(ordinary[i].first)));
                ++compared;
            }
        }
        QVERIFY(compared > 2000);
    }
};

QTEST_APPLESS_MAIN(TestDramModel)
#include "tst_dram_model.moc"
