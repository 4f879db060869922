// The timeline's lane summary: its two-level index finds the same widest block as a plain scan
// over every block, for ranges inside one group and across many (columns of thousands of events).
#include "timeline/lane_summary.h"

#include <QTest>

using namespace pipescope;

namespace {

// A lane of `events` contiguous events whose durations follow a fixed pseudo-random sequence,
// with repeated maxima so that ties are exercised.
sim::Lane makeLane(std::size_t events) {
    sim::Lane lane;
    std::uint64_t state = 42;
    std::int64_t t = 0;
    for (std::size_t i = 0; i < events; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const std::int64_t duration = 1 + static_cast<std::int64_t>((state >> 40) % 997);
        lane.append(t, duration, static_cast<std::int32_t>(i), sim::EventKind::Compute, 0);
        t += duration;
    }
    return lane;
}

std::size_t scanWidest(const widgets::LaneSummary& s, std::size_t first, std::size_t last) {
    std::size_t best = first;
    for (std::size_t b = first + 1; b < last; ++b)
        if (s.widestDuration[b] > s.widestDuration[best])
            best = b;
    return best;
}

} // namespace

class TestTimelineSummary : public QObject {
    Q_OBJECT
private slots:
    void widestEventOfEachBlock() {
        const sim::Lane lane = makeLane(1000);
        const auto s = widgets::LaneSummary::build(lane);
        QCOMPARE(s.blockStart.size(),
                 (lane.size() + widgets::LaneSummary::kBlock - 1) / widgets::LaneSummary::kBlock);
        for (std::size_t b = 0; b < s.blockStart.size(); ++b) {
            const std::size_t begin = b * widgets::LaneSummary::kBlock;
            const std::size_t end = std::min(lane.size(), begin + widgets::LaneSummary::kBlock);
            QCOMPARE(s.blockStart[b], lane.start(begin));
            std::int64_t widest = 0;
            for (std::size_t i = begin; i < end; ++i)
                widest = std::max(widest, lane.duration(i));
            QCOMPARE(s.widestDuration[b], widest);
            QCOMPARE(lane.duration(begin + s.widestOffset[b]), widest);
        }
    }

    void widestBlockMatchesScan() {
        const sim::Lane lane = makeLane(300000); // about 4700 blocks, 73 groups
        const auto s = widgets::LaneSummary::build(lane);
        const std::size_t blocks = s.blockStart.size();
        std::uint64_t state = 7;
        for (int trial = 0; trial < 3000; ++trial) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const std::size_t first = static_cast<std::size_t>(state >> 33) % blocks;
            // Short ranges inside a group, and long ones across many groups.
            const std::size_t span = 1 + static_cast<std::size_t>(state >> 17) % (trial % 2 ? 40 : 900);
            const std::size_t last = std::min(blocks, first + span);
            QCOMPARE(s.widestBlock(first, last), scanWidest(s, first, last));
        }
        QCOMPARE(s.widestBlock(0, blocks), scanWidest(s, 0, blocks));
    }
};

QTEST_GUILESS_MAIN(TestTimelineSummary)
#include "tst_timeline_summary.moc"
