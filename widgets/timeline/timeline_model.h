#pragma once

#include "sim/run.h"
#include "timeline/lane_kind.h"
#include "timeline/lane_summary.h"
#include "timeline/latency_bins.h"
#include "timeline/occupancy_series.h"

#include <QColor>
#include <QString>

#include <memory>
#include <vector>

namespace pipescope::widgets {

// What the time views show of one run, in the style of Qt Creator's TimelineModel: the rows in
// display order (each group's header, then its lanes) with their kind, label, chip and colour,
// and the indexes the views read while painting (lane summaries, occupancy prefix sums, latency
// histogram bins). Built once per run off the GUI thread and immutable afterwards: views share it
// as TimelineModelPtr and only read it.
class TimelineModel {
public:
    struct Lane {
        LaneKind kind = LaneKind::NeuronCore;
        QString label;
        int chip = 0;
        QColor colour;
        int traceLane = -1; // index into Trace::lanes; -1 for a header
        int group = 0;      // index into groups()
    };
    // A chip's NeuronCores, the GPU, or the host's serving workers: what folds into one row.
    struct Group {
        QString label;                        // "Chip 3", "GPU", "Host"
        LaneKind kind = LaneKind::NeuronCore; // of its lanes
        int chip = 0;
        QColor colour;
        int header = 0; // index into lanes() of its header row
        int first = 0;  // its lanes are lanes()[first, first + count)
        int count = 0;
    };

    // Reads the whole trace (a few ms per million events): call it on a worker thread.
    static std::shared_ptr<const TimelineModel> build(sim::RunPtr run);

    const sim::RunPtr& run() const { return m_run; }
    const sim::Trace& trace() const { return m_run->trace; }
    const std::vector<Lane>& lanes() const { return m_lanes; }
    const std::vector<Group>& groups() const { return m_groups; }
    // The row of trace lane `traceLane` in lanes(), -1 if there is none.
    int laneOfTrace(int traceLane) const;
    const Lane* laneForTrace(int traceLane) const;
    const std::vector<LaneSummary>& summaries() const { return m_summaries; } // per trace lane
    const OccupancySeries& occupancy() const { return m_occupancy; }
    const LatencyBins& latencyBins() const { return m_latency; }
    qint64 extent() const { return m_extent; }
    std::size_t bytes() const;

private:
    TimelineModel() = default;
    void buildLanes();
    void buildOccupancy();

    sim::RunPtr m_run;
    std::vector<Lane> m_lanes;
    std::vector<Group> m_groups;
    std::vector<int> m_laneOfTrace;
    std::vector<LaneSummary> m_summaries;
    OccupancySeries m_occupancy;
    LatencyBins m_latency;
    qint64 m_extent = 0;
};

using TimelineModelPtr = std::shared_ptr<const TimelineModel>;

// The time extent every time view fits to: the trace's end, or the end of its last event if
// later, so all views clamp to the same [0, total].
qint64 traceExtent(const sim::Trace& trace);
// traceExtent, or the occupancy bins' span for a run recorded without its trace.
qint64 runExtent(const sim::Run& run);

} // namespace pipescope::widgets
