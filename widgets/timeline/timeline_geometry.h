#pragma once

#include "sim/trace.h"
#include "timeline/lane_summary.h"
#include "timeline/time_mapping.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_model.h"

#include <QRect>
#include <QString>

#include <vector>

namespace pipescope::widgets {

// How an event looks: the colour comes from its stage or request, the style from its kind.
enum class EventStyle : int { Solid = 0, WeightWait = 1, Transfer = 2, Host = 3 };
constexpr int kStyleCount = 4;
constexpr int kColourCount = 12;
// Buckets: one per (colour, style, dimmed) so that painting is one batch per brush.
constexpr int kBucketCount = kColourCount * kStyleCount * 2;

constexpr int bucketOf(int colour, EventStyle style, bool dimmed) {
    return (colour * kStyleCount + static_cast<int>(style)) * 2 + (dimmed ? 1 : 0);
}
EventStyle styleOf(std::uint8_t kind);

// Everything painted in the time area for one (range, size, colour mode, highlight): rects
// already in widget coordinates, grouped by bucket.
struct TimelineGeometry {
    std::vector<std::vector<QRect>> buckets = std::vector<std::vector<QRect>>(kBucketCount);
    std::vector<QRect> outlines; // around the highlighted request's events
    // Weight-wait boxes wide enough to show the hatching: narrower ones would only be greyed by
    // it, and a pattern fill costs several times a plain one.
    std::vector<QRect> hatched;
    static constexpr int kMinHatchWidth = 4;
    void addHatch(EventStyle style, const QRect& r) {
        if (style == EventStyle::WeightWait && r.width() >= kMinHatchWidth)
            hatched.push_back(r);
    }
    // Per folded group on screen: bars as high as the share of its lanes busy in each column.
    struct Density {
        int group = -1;
        std::vector<QRect> bars;
    };
    std::vector<Density> density;
    std::size_t rectCount() const;
    std::size_t bytes() const;
    void clear();
};

struct GeometryInput {
    const sim::Trace* trace = nullptr;
    const TimelineLayout* layout = nullptr;
    TimeMapping mapping;
    int left = 0; // x of the time area in the widget (the label column width)
    bool byRequest = false;
    int highlight = -1; // request drawn undimmed and outlined; -1 none
    // (lane, index) of the highlighted request's events, so they stay visible when sub-pixel.
    const std::vector<std::pair<int, std::size_t>>* highlightEvents = nullptr;
    const std::vector<LaneSummary>* summaries = nullptr; // per lane; optional, only speeds things up
    const TimelineModel* model = nullptr;                // needed for folded rows (their groups' lanes)
};

// Culls each lane by binary search and merges sub-pixel events into one box per pixel column,
// coloured like the widest of (at most 8 evenly spaced) events in that column: work per lane is
// bounded by the number of pixel columns, whatever the number of events. With summaries, a dense
// column is coloured like the widest event of all its whole blocks, and one starting on a block
// boundary is decided from the summary alone, without reading the per-event arrays. Rows outside
// the layout's visible band cost nothing; a folded row costs one pass over its columns per lane.
void buildGeometry(const GeometryInput& in, TimelineGeometry& out);

} // namespace pipescope::widgets
