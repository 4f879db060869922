#pragma once

#include "sim/run.h"
#include "sim/trace.h"
#include "timeline/lane_summary.h"
#include "timeline/time_mapping.h"

#include <QRect>
#include <QString>

#include <vector>

namespace pipescope::widgets {

// Where each lane of a trace sits vertically: NeuronCore lanes grouped under a header row per
// chip, the GPU lane (core -1) under "GPU" and the host lane (core -2) under "Host", all fitted
// to the height below the time axis.
struct TimelineLayout {
    struct Row {
        int lane = -1; // index into Trace::lanes
        int y = 0;
        int height = 0;
    };
    struct Header {
        QString text;
        int y = 0;
        int height = 0;
    };
    std::vector<Row> rows;       // top to bottom
    std::vector<Header> headers; // chip / GPU header rows
    std::vector<int> rowOfLane;  // lane index -> index into rows
    int laneAt(int y) const;     // lane index at y, -1 on a header, the axis or below the rows
};

TimelineLayout layoutLanes(const sim::Trace& trace, int top, int height);

// The time extent both views fit to: the trace's end, or the end of its last event if later, so
// the timeline and the occupancy view clamp to the same [0, total] and stay locked.
qint64 traceExtent(const sim::Trace& trace);
// traceExtent, or the occupancy bins' span for a run recorded without its trace.
qint64 runExtent(const sim::Run& run);

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
};

// Culls each lane by binary search and merges sub-pixel events into one box per pixel column,
// coloured like the widest of (at most 8 evenly spaced) events in that column: work per lane is
// bounded by the number of pixel columns, whatever the number of events. With summaries, a dense
// column is coloured like the widest event of all its whole blocks, and one starting on a block
// boundary is decided from the summary alone, without reading the per-event arrays.
void buildGeometry(const GeometryInput& in, TimelineGeometry& out);

} // namespace pipescope::widgets
