#pragma once

namespace pipescope::widgets {

class TimelineView;
class OccupancyView;

// Keeps the visible time ranges of a timeline and an occupancy view equal in both directions.
// A guard shared by the two connections stops the echo of a change from being re-applied, so
// even views that clamp differently cannot ping-pong. The connections live as long as both views.
void linkTimeRanges(TimelineView* timeline, OccupancyView* occupancy);

} // namespace pipescope::widgets
