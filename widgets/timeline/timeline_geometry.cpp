#include "timeline/timeline_geometry.h"

#include "timeline/lane_density.h"

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr std::size_t kSamplesPerColumn = 8;
// Events per column from which columns end on block boundaries and are decided from the lane
// summary: at half a block per column the per-event arrays (80 MB for 10M events) would otherwise
// be read end to end at full zoom-out of a 64-lane run.
constexpr std::size_t kDenseColumn = LaneSummary::kBlock / 2;

int colourFor(std::uint8_t stage, std::int32_t request, bool byRequest) {
    if (byRequest)
        return static_cast<int>(static_cast<std::uint32_t>(request) % kColourCount);
    return stage % kColourCount;
}

int colourOf(const sim::Lane& lane, std::size_t i, bool byRequest) {
    return colourFor(lane.stage(i), lane.request(i), byRequest);
}

// Keeps one pending box per lane and extends it while the next box has the same bucket and
// touches it, so runs of merged columns become a single rect.
class RowEmitter {
public:
    RowEmitter(TimelineGeometry& out, int y, int height, int left)
        : m_out(out)
        , m_y(y)
        , m_height(height)
        , m_left(left) {}
    ~RowEmitter() { flush(); }
    void add(int bucket, EventStyle style, int x0, int x1) {
        if (bucket == m_bucket && x0 <= m_x1) {
            m_x1 = std::max(m_x1, x1);
            return;
        }
        flush();
        m_bucket = bucket;
        m_style = style;
        m_x0 = x0;
        m_x1 = x1;
    }
    void flush() {
        if (m_bucket < 0)
            return;
        const QRect r = rectFor(m_style, m_x0, m_x1);
        m_out.buckets[static_cast<std::size_t>(m_bucket)].push_back(r);
        m_out.addHatch(m_style, r);
        m_bucket = -1;
    }
    QRect rectFor(EventStyle style, int x0, int x1) const {
        const int inner = std::max(m_height - 2, 1);
        if (style == EventStyle::Transfer) {
            // Transfers fill the lower half so they read apart from compute at any colour.
            const int h = std::max(inner / 2, 1);
            return QRect(m_left + x0, m_y + 1 + inner - h, x1 - x0, h);
        }
        return QRect(m_left + x0, m_y + 1, x1 - x0, inner);
    }

private:
    TimelineGeometry& m_out;
    int m_y, m_height, m_left;
    int m_bucket = -1;
    EventStyle m_style = EventStyle::Solid;
    int m_x0 = 0, m_x1 = 0;
};

int clampPixel(double x, double width) {
    return static_cast<int>(std::clamp(std::floor(x), -2.0, width + 2.0));
}

// A sub-pixel column starting at event i: where it ends (events [i, end) merge into one box) and
// the fields of its widest event, which colour the box.
struct SubPixelColumn {
    std::size_t end = 0;
    double reach = 0; // x where its events end when it ends on a block boundary, else 0
    std::uint8_t kind = 0, stage = 0;
    std::int32_t request = 0;
};

SubPixelColumn subPixelColumn(const sim::Lane& lane, const LaneSummary* summary, const TimeMapping& m,
                              std::size_t i, std::size_t end, std::size_t lastCount, qint64 columnEnd) {
    constexpr std::size_t kBlock = LaneSummary::kBlock;
    const double nsPerPx = m.nsPerPixel();
    std::size_t j = 0;
    const bool dense = summary && lastCount >= kDenseColumn;
    if (dense) {
        // Hundreds of events per column: end the column at the first block that starts after it.
        // The few events of the last block that start past the column's end are counted in this
        // column (a fraction of a pixel), and no per-event array is read to find the end.
        const std::size_t blocks = summary->blockStart.size();
        const std::size_t bj = gallop(summary->blockStart, i / kBlock, blocks, columnEnd, lastCount / kBlock);
        j = std::min(bj * kBlock, end);
        // A pixel-wide event among them must keep its own box (folding it in would leave the
        // columns it covers empty): then find the exact end instead.
        for (std::size_t b = i / kBlock; b < bj; ++b) {
            if (static_cast<double>(summary->widestDuration[b]) >= nsPerPx) {
                j = gallop(lane, i, end, columnEnd, lastCount);
                break;
            }
        }
    } else {
        j = gallop(lane, i, end, columnEnd, lastCount);
    }
    j = std::max(j, i + 1);
    // Only the column's last event can reach past it; if it is a pixel or wider, it gets its
    // own box on the next turn instead of being folded in here.
    if (j - 1 > i && m.toX(lane.start(j - 1) + lane.duration(j - 1)) - m.toX(lane.start(j - 1)) >= 1.0)
        --j;
    const std::size_t n = j - i;
    SubPixelColumn c;
    c.end = j;
    if (dense && j % kBlock == 0 && j > 0)
        c.reach = m.toX(summary->blockEnd[j / kBlock - 1]);
    const std::size_t fullFirst = (i + kBlock - 1) / kBlock;
    const std::size_t fullEnd = j / kBlock;
    if (summary && fullEnd > fullFirst) {
        // The widest of all the whole blocks inside the column.
        const std::size_t best = summary->widestBlock(fullFirst, fullEnd);
        c.kind = summary->widestKind[best];
        c.stage = summary->widestStage[best];
        c.request = summary->widestRequest[best];
    } else {
        std::size_t widest = i;
        const std::size_t stride = std::max<std::size_t>(n / kSamplesPerColumn, 1);
        for (std::size_t k = i; k < j; k += stride) {
            if (lane.duration(k) > lane.duration(widest))
                widest = k;
        }
        c.kind = lane.kind(widest);
        c.stage = lane.stage(widest);
        c.request = lane.request(widest);
    }
    return c;
}

void buildLane(const GeometryInput& in, const sim::Lane& lane, const LaneSummary* summary,
               const TimelineLayout::Row& row, TimelineGeometry& out) {
    constexpr std::size_t kBlock = LaneSummary::kBlock;
    if (summary && summary->blockStart.size() != (lane.size() + kBlock - 1) / kBlock)
        summary = nullptr; // built for another lane: ignore rather than read out of bounds
    const TimeMapping& m = in.mapping;
    const double width = m.width;
    std::size_t i = lane.firstEndingAfter(m.begin);
    const std::size_t end = lane.lastStartingBefore(m.end);
    RowEmitter emitter(out, row.y, row.height, in.left);
    std::size_t lastCount = 1;
    while (i < end) {
        if (summary && lastCount >= kDenseColumn && i % kBlock == 0) {
            if (const auto c = summaryColumn(*summary, m, i, end, lastCount)) {
                const std::size_t b = c->widestBlock;
                const std::int32_t request = summary->widestRequest[b];
                const EventStyle style = styleOf(summary->widestKind[b]);
                const bool dim = in.highlight >= 0 && request != in.highlight;
                const int x0 = clampPixel(c->column, width);
                // To where its last event ends: a block may reach into the next column.
                const int x1 = std::max(x0 + 1, clampPixel(std::ceil(c->reach), width));
                emitter.add(bucketOf(colourFor(summary->widestStage[b], request, in.byRequest), style, dim),
                            style, x0, x1);
                lastCount = c->end - i;
                i = c->end;
                continue;
            }
        }
        const qint64 s = lane.start(i);
        const double fx0 = m.toX(s);
        const double fx1 = m.toX(s + lane.duration(i));
        if (fx1 - fx0 >= 1.0) {
            const EventStyle style = styleOf(lane.kind(i));
            const bool dim = in.highlight >= 0 && lane.request(i) != in.highlight;
            const int x0 = clampPixel(fx0, width);
            const int x1 = std::max(clampPixel(fx1, width), x0 + 1);
            emitter.add(bucketOf(colourOf(lane, i, in.byRequest), style, dim), style, x0, x1);
            ++i;
            continue;
        }
        // Sub-pixel: everything starting in this pixel column becomes one box.
        const double column = std::floor(fx0);
        const qint64 columnEnd = columnEndTime(m, column);
        const SubPixelColumn c = subPixelColumn(lane, summary, m, i, end, lastCount, columnEnd);
        lastCount = c.end - i;
        const EventStyle style = styleOf(c.kind);
        const bool dim = in.highlight >= 0 && c.request != in.highlight;
        const int x0 = clampPixel(column, width);
        const int x1 = std::max(x0 + 1, clampPixel(std::ceil(c.reach), width));
        emitter.add(bucketOf(colourFor(c.stage, c.request, in.byRequest), style, dim), style, x0, x1);
        i = c.end;
    }
}

// One bar per run of columns of equal height, from the bottom of the row up.
void buildFolded(const GeometryInput& in, const TimelineLayout::Row& row, TimelineGeometry& out) {
    const TimelineModel::Group& group = in.model->groups()[static_cast<std::size_t>(row.group)];
    std::vector<float> columns(static_cast<std::size_t>(std::max(in.mapping.width, 0.0)), 0.0f);
    for (int i = group.first; i < group.first + group.count; ++i) {
        const int lane = in.model->lanes()[static_cast<std::size_t>(i)].traceLane;
        addLaneDensity(in.model->trace().lanes[static_cast<std::size_t>(lane)],
                       in.model->summaries()[static_cast<std::size_t>(lane)], in.mapping, columns);
    }
    TimelineGeometry::Density density;
    density.group = row.group;
    const int inner = std::max(row.height - 2, 1);
    const float scale = static_cast<float>(inner) / static_cast<float>(std::max(group.count, 1));
    int runHeight = 0, runStart = 0;
    for (std::size_t c = 0; c <= columns.size(); ++c) {
        const int h = c < columns.size()
                          ? std::min(static_cast<int>(std::ceil(columns[c] * scale - 0.25f)), inner)
                          : -1;
        if (h == runHeight)
            continue;
        if (runHeight > 0)
            density.bars.emplace_back(in.left + runStart, row.y + 1 + inner - runHeight,
                                      static_cast<int>(c) - runStart, runHeight);
        runHeight = h;
        runStart = static_cast<int>(c);
    }
    out.density.push_back(std::move(density));
}
} // namespace

EventStyle styleOf(std::uint8_t kind) {
    switch (static_cast<sim::EventKind>(kind)) {
    case sim::EventKind::WeightWait:
        return EventStyle::WeightWait;
    case sim::EventKind::Transfer:
        return EventStyle::Transfer;
    case sim::EventKind::Host:
        return EventStyle::Host;
    default:
        return EventStyle::Solid;
    }
}

std::size_t TimelineGeometry::rectCount() const {
    std::size_t n = outlines.size();
    for (const auto& bucket : buckets)
        n += bucket.size();
    for (const auto& d : density)
        n += d.bars.size();
    return n + hatched.size();
}

std::size_t TimelineGeometry::bytes() const {
    std::size_t n = outlines.capacity() * sizeof(QRect) + buckets.capacity() * sizeof(buckets[0]);
    for (const auto& bucket : buckets)
        n += bucket.capacity() * sizeof(QRect);
    for (const auto& d : density)
        n += d.bars.capacity() * sizeof(QRect);
    return n + hatched.capacity() * sizeof(QRect);
}

void TimelineGeometry::clear() {
    // Keep the capacity: a rebuild after a small pan needs about as many rects again.
    for (auto& bucket : buckets)
        bucket.clear();
    outlines.clear();
    density.clear();
    hatched.clear();
}

void buildGeometry(const GeometryInput& in, TimelineGeometry& out) {
    out.clear();
    if (!in.trace || !in.layout || !in.mapping.isValid())
        return;
    for (const TimelineLayout::Row& row : in.layout->rows) {
        if (!in.layout->isVisible(row))
            continue;
        if (row.type == TimelineLayout::RowType::Folded && in.model)
            buildFolded(in, row, out);
        if (row.type != TimelineLayout::RowType::Lane)
            continue;
        const auto lane = static_cast<std::size_t>(row.lane);
        const LaneSummary* summary =
            in.summaries && lane < in.summaries->size() ? &(*in.summaries)[lane] : nullptr;
        buildLane(in, in.trace->lanes[lane], summary, row, out);
    }
    if (!in.highlightEvents)
        return;
    const TimeMapping& m = in.mapping;
    for (const auto& [laneIndex, i] : *in.highlightEvents) {
        const sim::Lane& lane = in.trace->lanes[static_cast<std::size_t>(laneIndex)];
        const qint64 s = lane.start(i);
        const qint64 e = s + lane.duration(i);
        if (e <= m.begin || s >= m.end)
            continue;
        const int rowIndex = in.layout->rowOfLane[static_cast<std::size_t>(laneIndex)];
        if (rowIndex < 0)
            continue;
        const TimelineLayout::Row& row = in.layout->rows[static_cast<std::size_t>(rowIndex)];
        if (!in.layout->isVisible(row))
            continue;
        const int x0 = clampPixel(m.toX(s), m.width);
        // At least 3 px so that the highlighted request stays findable at any zoom.
        const int x1 = std::max(clampPixel(m.toX(e), m.width), x0 + 3);
        const EventStyle style = styleOf(lane.kind(i));
        RowEmitter box(out, row.y, row.height, in.left);
        const QRect r = box.rectFor(style, x0, x1);
        out.buckets[static_cast<std::size_t>(bucketOf(colourOf(lane, i, in.byRequest), style, false))]
            .push_back(r);
        out.addHatch(style, r);
        out.outlines.push_back(r.adjusted(0, 0, -1, -1));
    }
}

} // namespace pipescope::widgets
