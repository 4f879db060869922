#include "timeline/lane_density.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

namespace {
// Events per column below which every event is read: 8 per column keeps a 64-lane fold at full
// zoom-out (the expensive case) under a millisecond, and above it a 64-event block spans at most
// 8 columns, so spreading a block evenly over its span blurs the density by a few pixels at most.
constexpr std::size_t kExactEventsPerColumn = 8;

void addExact(const sim::Lane& lane, std::size_t first, std::size_t last, const TimeMapping& m,
              std::vector<float>& columns) {
    const double width = m.width;
    const int count = static_cast<int>(columns.size());
    for (std::size_t i = first; i < last; ++i) {
        const double x0 = std::max(m.toX(lane.start(i)), 0.0);
        const double x1 = std::min(m.toX(lane.start(i) + lane.duration(i)), width);
        if (x1 <= x0)
            continue;
        const int c0 = std::min(static_cast<int>(x0), count - 1);
        const int c1 = std::min(static_cast<int>(x1), count - 1);
        if (c0 == c1) {
            columns[static_cast<std::size_t>(c0)] += static_cast<float>(x1 - x0);
            continue;
        }
        columns[static_cast<std::size_t>(c0)] += static_cast<float>(c0 + 1 - x0);
        for (int c = c0 + 1; c < c1; ++c)
            columns[static_cast<std::size_t>(c)] += 1.0f;
        columns[static_cast<std::size_t>(c1)] += static_cast<float>(std::min(x1 - c1, 1.0));
    }
}

// Busy ns before t from the block sums, with the block holding t spread evenly over its span.
class BlockBusy {
public:
    // Starts at the block holding `from`; later calls must ask for later times.
    BlockBusy(const LaneSummary& s, qint64 from)
        : m_s(s) {
        const auto it = std::upper_bound(s.blockStart.begin(), s.blockStart.end(), from);
        m_block = it == s.blockStart.begin() ? 0 : static_cast<std::size_t>(it - s.blockStart.begin()) - 1;
    }
    double before(qint64 t) {
        const auto& starts = m_s.blockStart;
        while (m_block + 1 < starts.size() && starts[m_block + 1] <= t)
            ++m_block;
        if (starts.empty() || t <= starts[m_block])
            return static_cast<double>(m_s.busyBefore[m_block]);
        const qint64 blockEnd = m_block + 1 < starts.size() ? starts[m_block + 1] : m_s.laneEnd;
        const double span = static_cast<double>(std::max<qint64>(blockEnd - starts[m_block], 1));
        const double f = std::clamp(static_cast<double>(t - starts[m_block]) / span, 0.0, 1.0);
        const auto inBlock = static_cast<double>(m_s.busyBefore[m_block + 1] - m_s.busyBefore[m_block]);
        return static_cast<double>(m_s.busyBefore[m_block]) + f * inBlock;
    }

private:
    const LaneSummary& m_s;
    std::size_t m_block = 0;
};
} // namespace

void addLaneDensity(const sim::Lane& lane, const LaneSummary& summary, const TimeMapping& m,
                    std::vector<float>& columns) {
    if (!m.isValid() || columns.empty() || lane.size() == 0)
        return;
    const std::size_t first = lane.firstEndingAfter(m.begin);
    const std::size_t last = lane.lastStartingBefore(m.end);
    if (last <= first)
        return;
    const bool summaryFits =
        summary.busyBefore.size() == (lane.size() + LaneSummary::kBlock - 1) / LaneSummary::kBlock + 1;
    if (!summaryFits || last - first <= kExactEventsPerColumn * columns.size()) {
        addExact(lane, first, last, m, columns);
        return;
    }
    BlockBusy busy(summary, m.begin);
    const double perPixel = m.nsPerPixel();
    double previous = busy.before(m.begin);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const qint64 t = m.begin + static_cast<qint64>(std::llround((static_cast<double>(c) + 1) * perPixel));
        const double next = busy.before(t);
        columns[c] += static_cast<float>(std::clamp((next - previous) / perPixel, 0.0, 1.0));
        previous = next;
    }
}

std::size_t eventsOverlapping(const sim::Lane& lane, qint64 t0, qint64 t1) {
    const std::size_t first = lane.firstEndingAfter(t0);
    const std::size_t last = lane.lastStartingBefore(t1);
    return last > first ? last - first : 0;
}

qint64 busyBetween(const sim::Lane& lane, qint64 t0, qint64 t1) {
    qint64 busy = 0;
    for (std::size_t i = lane.firstEndingAfter(t0), end = lane.lastStartingBefore(t1); i < end; ++i)
        busy += std::min<qint64>(lane.start(i) + lane.duration(i), t1) - std::max<qint64>(lane.start(i), t0);
    return busy;
}

} // namespace pipescope::widgets
