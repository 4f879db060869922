#pragma once

#include "sim/trace.h"
#include "timeline/time_mapping.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace pipescope::widgets {

// A coarse index of one lane, built once per run: per block of kBlock events its first start and
// its widest event, and per group of kGroup blocks (4096 events) the block holding the group's
// widest event. At full zoom-out a pixel column holds hundreds to thousands of events; with this
// index the column's end and its widest event are found from a few cache lines of these small
// arrays, without reading the per-event arrays, and a column of thousands of blocks costs a few
// group entries instead of a pass over every block.
struct LaneSummary {
    static constexpr std::size_t kBlock = 64;
    static constexpr std::size_t kGroup = 64; // blocks per group
    std::vector<std::int64_t> blockStart;
    std::vector<std::int64_t> blockEnd; // end of the block's last event
    std::vector<std::int64_t> widestDuration;
    std::vector<std::uint8_t> widestOffset; // index of the widest event within its block
    // The widest event's fields, copied so that a dense column reads only these small arrays.
    std::vector<std::int32_t> widestRequest;
    std::vector<std::uint8_t> widestKind;
    std::vector<std::uint8_t> widestStage;
    std::vector<std::uint32_t> groupWidest; // per group: the block with the widest event
    // Busy ns of all blocks before block b (blocks + 1 entries), and the end of the lane's last
    // event: what a folded chip's density lane reads instead of the events.
    std::vector<std::int64_t> busyBefore;
    std::int64_t laneEnd = 0;
    static LaneSummary build(const sim::Lane& lane);
    // The block with the widest event among blocks [first, last) (first < last), the first one on
    // ties, exactly as a scan of every block would find it.
    std::size_t widestBlock(std::size_t first, std::size_t last) const;
    std::size_t bytes() const {
        return blockStart.capacity() * 31 + groupWidest.capacity() * 4 + busyBefore.capacity() * 8;
    }
};

// First index in [from, to) whose key is >= t, in an array ascending by key; `hint` is the
// expected distance (e.g. the previous column's count), where the first probe goes. Galloping from
// `from` touches a few nearby cache lines where a plain binary search over the whole array would
// miss the cache at every step: the answer is usually near `hint`.
template <typename Values, typename Key>
std::size_t gallopBy(const Values& values, Key key, std::size_t from, std::size_t to, std::int64_t t,
                     std::size_t hint) {
    std::size_t lo = from;
    std::size_t step = std::max<std::size_t>(hint, 1);
    std::size_t hi = std::min(from + step, to);
    while (hi < to && key(values[hi]) < t) {
        lo = hi;
        step *= 2;
        hi = std::min(from + step, to);
    }
    const auto begin = values.begin();
    const auto it =
        std::partition_point(begin + static_cast<std::ptrdiff_t>(lo), begin + static_cast<std::ptrdiff_t>(hi),
                             [&](const auto& v) { return key(v) < t; });
    return static_cast<std::size_t>(it - begin);
}

inline std::size_t gallop(const std::vector<std::int64_t>& values, std::size_t from, std::size_t to,
                          std::int64_t t, std::size_t hint) {
    return gallopBy(
        values, [](std::int64_t v) { return v; }, from, to, t, hint);
}

// The same over a lane's events, by start.
inline std::size_t gallop(const sim::Lane& lane, std::size_t from, std::size_t to, std::int64_t t,
                          std::size_t hint) {
    return gallopBy(
        lane.events(), [](const sim::TraceEvent& e) { return e.start(); }, from, to, t, hint);
}

// The first time past pixel column `column` (the column holds [.., columnEndTime)).
qint64 columnEndTime(const TimeMapping& m, double column);

// A pixel column of a dense lane decided from the summary alone: events [first, end), whole
// blocks, and the block holding the column's widest event.
struct SummaryColumn {
    double column = 0;
    std::size_t end = 0;
    std::size_t widestBlock = 0;
    double reach = 0; // x where the column's last event ends (may be past the column)
};

// The column starting at event `first`, a block boundary, when every event of its blocks is
// narrower than a pixel. Returns nothing when the exact per-event path is needed: a block holding
// a (nearly) pixel-wide event, which must keep its own box, or `end` (the view's right edge)
// cutting a block. `lastCount` is the previous column's event count.
std::optional<SummaryColumn> summaryColumn(const LaneSummary& summary, const TimeMapping& m,
                                           std::size_t first, std::size_t end, std::size_t lastCount);

} // namespace pipescope::widgets
