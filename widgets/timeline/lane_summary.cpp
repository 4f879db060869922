#include "timeline/lane_summary.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

LaneSummary LaneSummary::build(const sim::Lane& lane) {
    LaneSummary s;
    const std::size_t blocks = (lane.size() + kBlock - 1) / kBlock;
    s.blockStart.resize(blocks);
    s.blockEnd.resize(blocks);
    s.widestDuration.resize(blocks);
    s.widestOffset.resize(blocks);
    s.widestRequest.resize(blocks);
    s.widestKind.resize(blocks);
    s.widestStage.resize(blocks);
    s.busyBefore.assign(blocks + 1, 0);
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t first = b * kBlock;
        const std::size_t last = std::min(first + kBlock, lane.size());
        std::size_t widest = first;
        std::int64_t busy = lane.duration(first);
        for (std::size_t i = first + 1; i < last; ++i) {
            busy += lane.duration(i);
            if (lane.duration(i) > lane.duration(widest))
                widest = i;
        }
        s.busyBefore[b + 1] = s.busyBefore[b] + busy;
        s.blockStart[b] = lane.start(first);
        s.blockEnd[b] = lane.start(last - 1) + lane.duration(last - 1);
        s.widestDuration[b] = lane.duration(widest);
        s.widestOffset[b] = static_cast<std::uint8_t>(widest - first);
        s.widestRequest[b] = lane.request(widest);
        s.widestKind[b] = lane.kind(widest);
        s.widestStage[b] = lane.stage(widest);
    }
    if (lane.size() > 0)
        s.laneEnd = lane.end(lane.size() - 1);
    s.groupWidest.resize((blocks + kGroup - 1) / kGroup);
    for (std::size_t g = 0; g < s.groupWidest.size(); ++g) {
        std::size_t widest = g * kGroup;
        for (std::size_t b = widest + 1; b < std::min((g + 1) * kGroup, blocks); ++b) {
            if (s.widestDuration[b] > s.widestDuration[widest])
                widest = b;
        }
        s.groupWidest[g] = static_cast<std::uint32_t>(widest);
    }
    return s;
}

std::size_t LaneSummary::widestBlock(std::size_t first, std::size_t last) const {
    std::size_t best = first;
    // In index order with a strict comparison, so that ties go to the first block as in a plain scan.
    const auto consider = [&](std::size_t b) {
        if (widestDuration[b] > widestDuration[best])
            best = b;
    };
    std::size_t b = first + 1;
    if (last - first > 2 * kGroup) {
        // Blocks up to the first whole group, the whole groups by their entries, then the rest.
        const std::size_t g0 = (b + kGroup - 1) / kGroup;
        const std::size_t g1 = last / kGroup;
        for (; b < g0 * kGroup; ++b)
            consider(b);
        for (std::size_t g = g0; g < g1; ++g)
            consider(groupWidest[g]);
        b = std::max(b, g1 * kGroup);
    }
    for (; b < last; ++b)
        consider(b);
    return best;
}

qint64 columnEndTime(const TimeMapping& m, double column) {
    return m.begin + static_cast<qint64>(std::ceil((column + 1) * m.nsPerPixel()));
}

// Reads only the summary's small arrays: the per-event arrays are 40 times larger and each column
// lands on a new cache line of each, which at full zoom-out cost a miss per array per column and
// dominated the whole geometry build.
std::optional<SummaryColumn> summaryColumn(const LaneSummary& summary, const TimeMapping& m,
                                           std::size_t first, std::size_t end, std::size_t lastCount) {
    constexpr std::size_t kBlock = LaneSummary::kBlock;
    // Slightly below a pixel so that rounding never folds in an event the exact test calls wide.
    const double narrow = m.nsPerPixel() * 0.999;
    const auto& widest = summary.widestDuration;
    const std::size_t b = first / kBlock;
    if (b >= widest.size() || static_cast<double>(widest[b]) >= narrow)
        return std::nullopt;
    SummaryColumn c;
    c.column = std::floor(m.toX(summary.blockStart[b]));
    const std::size_t bj = gallop(summary.blockStart, b + 1, summary.blockStart.size(),
                                  columnEndTime(m, c.column), lastCount / kBlock);
    if (bj * kBlock > end)
        return std::nullopt;
    // The widest of every block in the column, not a sample.
    c.widestBlock = summary.widestBlock(b, bj);
    if (static_cast<double>(widest[c.widestBlock]) >= narrow)
        return std::nullopt;
    c.end = bj * kBlock;
    c.reach = m.toX(summary.blockEnd[bj - 1]);
    return c;
}

} // namespace pipescope::widgets
