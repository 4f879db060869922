#pragma once

#include "sim/trace.h"
#include "timeline/lane_summary.h"
#include "timeline/time_mapping.h"

#include <vector>

namespace pipescope::widgets {

// Adds each pixel column's busy fraction (0..1) on `lane` over the mapping's range to `columns`
// (one entry per column of the mapping's width). What a folded chip's row draws.
// Exact while the range holds at most a few events per column; beyond that, from the summary's
// per-block busy sums, spreading each block's busy time evenly over its span (a block then spans
// at most a few columns), so the cost is bounded by columns + blocks whatever the zoom.
void addLaneDensity(const sim::Lane& lane, const LaneSummary& summary, const TimeMapping& m,
                    std::vector<float>& columns);

// Events of `lane` overlapping [t0, t1).
std::size_t eventsOverlapping(const sim::Lane& lane, qint64 t0, qint64 t1);
// Busy nanoseconds of `lane` inside [t0, t1), exactly.
qint64 busyBetween(const sim::Lane& lane, qint64 t0, qint64 t1);

} // namespace pipescope::widgets
