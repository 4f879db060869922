#include "timeline/timeline_layout.h"

#include <algorithm>

namespace pipescope::widgets {

namespace {
bool isFolded(const LayoutRequest& request, std::size_t group) {
    return request.folded && group < request.folded->size() && (*request.folded)[group];
}
} // namespace

const TimelineLayout::Row* TimelineLayout::rowAt(int y) const {
    if (y < top || y >= bottom)
        return nullptr;
    const auto it =
        std::upper_bound(rows.begin(), rows.end(), y, [](int v, const Row& r) { return v < r.y; });
    if (it == rows.begin())
        return nullptr;
    const Row& row = *(it - 1);
    return y < row.y + row.height ? &row : nullptr;
}

int TimelineLayout::laneAt(int y) const {
    const Row* row = rowAt(y);
    return row && row->type == RowType::Lane ? row->lane : -1;
}

TimelineLayout layoutLanes(const TimelineModel& model, const LayoutRequest& request) {
    TimelineLayout layout;
    layout.top = request.top;
    layout.bottom = request.top + std::max(request.height, 0);
    layout.rowOfLane.assign(model.trace().lanes.size(), -1);
    const auto& groups = model.groups();
    int headers = 0, laneRows = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (isFolded(request, g)) {
            ++laneRows;
        } else {
            ++headers;
            laneRows += groups[g].count;
        }
    }
    const int free = request.height - headers * request.headerHeight;
    layout.laneHeight = laneRows > 0 ? std::clamp(free / laneRows, request.minLaneHeight,
                                                  std::max(request.maxLaneHeight, request.minLaneHeight))
                                     : 0;
    layout.contentHeight = headers * request.headerHeight + laneRows * layout.laneHeight;
    layout.scroll = std::clamp(request.scroll, 0, layout.maxScroll());
    int y = request.top - layout.scroll;
    using RowType = TimelineLayout::RowType;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int group = static_cast<int>(g);
        if (isFolded(request, g)) {
            layout.rows.push_back({RowType::Folded, -1, group, y, layout.laneHeight});
            y += layout.laneHeight;
            continue;
        }
        layout.rows.push_back({RowType::Header, -1, group, y, request.headerHeight});
        y += request.headerHeight;
        for (int i = groups[g].first; i < groups[g].first + groups[g].count; ++i) {
            const int lane = model.lanes()[static_cast<std::size_t>(i)].traceLane;
            layout.rowOfLane[static_cast<std::size_t>(lane)] = static_cast<int>(layout.rows.size());
            layout.rows.push_back({RowType::Lane, lane, group, y, layout.laneHeight});
            y += layout.laneHeight;
        }
    }
    return layout;
}

} // namespace pipescope::widgets
