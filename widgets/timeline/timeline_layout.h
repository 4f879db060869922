#pragma once

#include "timeline/timeline_model.h"

#include <algorithm>
#include <vector>

namespace pipescope::widgets {

// Where each row of a timeline model sits vertically at one scroll position: every group's header
// then its lanes, or, for a folded group, one row in place of both. Lanes share the height below
// the time axis but never get shorter than a readable label; what does not fit scrolls.
struct TimelineLayout {
    enum class RowType { Header, Lane, Folded };
    struct Row {
        RowType type = RowType::Lane;
        int lane = -1;  // index into Trace::lanes for a Lane row, -1 otherwise
        int group = -1; // index into TimelineModel::groups()
        int y = 0;      // in widget coordinates, scroll applied
        int height = 0;
    };
    std::vector<Row> rows;      // top to bottom
    std::vector<int> rowOfLane; // trace lane -> index into rows, -1 when its group is folded
    int top = 0, bottom = 0;    // the band rows are shown in (below the axis)
    int contentHeight = 0;      // of all rows
    int scroll = 0;             // applied scroll, within [0, maxScroll()]
    int laneHeight = 0;
    int maxScroll() const { return std::max(contentHeight - (bottom - top), 0); }
    bool isVisible(const Row& row) const { return row.y + row.height > top && row.y < bottom; }
    const Row* rowAt(int y) const; // null outside the band or below the last row
    int laneAt(int y) const;       // trace lane at y; -1 on a header, a folded row or no row
};

struct LayoutRequest {
    int top = 0;
    int height = 0;
    int scroll = 0;
    int headerHeight = 18;
    int minLaneHeight = 8; // the views pass what keeps a label readable in their font
    int maxLaneHeight = 30;
    const std::vector<bool>* folded = nullptr; // per group; missing entries are unfolded
};

TimelineLayout layoutLanes(const TimelineModel& model, const LayoutRequest& request);

} // namespace pipescope::widgets
