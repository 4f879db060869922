#include "timeline/timeline_model.h"

#include <algorithm>
#include <map>

namespace pipescope::widgets {

namespace {
// Groups in display order: chips by number, then the GPU, then the host's workers.
std::pair<int, int> groupKey(const sim::Lane& lane) {
    switch (laneKindOf(lane)) {
    case LaneKind::NeuronCore:
        return {0, lane.chip};
    case LaneKind::Gpu:
        return {1, 0};
    default:
        return {2, 0};
    }
}

QString groupLabel(LaneKind kind, int chip) {
    switch (kind) {
    case LaneKind::NeuronCore:
        return QStringLiteral("Chip %1").arg(chip);
    case LaneKind::Gpu:
        return QStringLiteral("GPU");
    default:
        return QStringLiteral("Host");
    }
}
} // namespace

std::shared_ptr<const TimelineModel> TimelineModel::build(sim::RunPtr run) {
    if (!run)
        return nullptr;
    std::shared_ptr<TimelineModel> model(new TimelineModel);
    model->m_run = std::move(run);
    model->buildLanes();
    for (const sim::Lane& lane : model->m_run->trace.lanes)
        model->m_summaries.push_back(LaneSummary::build(lane));
    model->buildOccupancy();
    model->m_latency = computeLatencyBins(model->m_run->requests);
    model->m_extent = runExtent(*model->m_run);
    return model;
}

void TimelineModel::buildLanes() {
    const auto& lanes = m_run->trace.lanes;
    std::map<std::pair<int, int>, std::vector<int>> grouped;
    for (std::size_t i = 0; i < lanes.size(); ++i)
        grouped[groupKey(lanes[i])].push_back(static_cast<int>(i));
    m_laneOfTrace.assign(lanes.size(), -1);
    for (auto& [key, members] : grouped) {
        // Cores in id order; host workers keep the trace's order (their ids are all -2).
        std::stable_sort(members.begin(), members.end(),
                         [&](int a, int b) { return lanes[a].core < lanes[b].core; });
        Group group;
        group.kind = laneKindOf(lanes[static_cast<std::size_t>(members.front())]);
        group.chip = group.kind == LaneKind::NeuronCore ? key.second : 0;
        group.label = groupLabel(group.kind, group.chip);
        group.colour = laneColourOf(group.kind, group.chip);
        group.header = static_cast<int>(m_lanes.size());
        const int groupIndex = static_cast<int>(m_groups.size());
        m_lanes.push_back({LaneKind::ChipHeader, group.label, group.chip, group.colour, -1, groupIndex});
        group.first = static_cast<int>(m_lanes.size());
        group.count = static_cast<int>(members.size());
        int hostOrdinal = 0;
        for (int traceLane : members) {
            const sim::Lane& lane = lanes[static_cast<std::size_t>(traceLane)];
            m_laneOfTrace[static_cast<std::size_t>(traceLane)] = static_cast<int>(m_lanes.size());
            m_lanes.push_back({laneKindOf(lane), laneLabelOf(lane, hostOrdinal++), group.chip, group.colour,
                               traceLane, groupIndex});
        }
        m_groups.push_back(group);
    }
}

void TimelineModel::buildOccupancy() {
    // metrics::Occupancy has a row per NeuronCore / GPU lane (host workers have none), in trace order.
    std::vector<QString> labels;
    std::vector<int> groups;
    std::vector<int> cores;
    for (std::size_t i = 0; i < m_run->trace.lanes.size(); ++i) {
        const Lane& lane = m_lanes[static_cast<std::size_t>(m_laneOfTrace[i])];
        if (lane.kind == LaneKind::HostWorker)
            continue;
        labels.push_back(lane.label);
        groups.push_back(lane.group);
        cores.push_back(m_run->trace.lanes[i].core);
    }
    // Rows that do not match the trace (a run recorded without it, a damaged profile) are named
    // from their core ids and belong to no group.
    const auto& rowCores = m_run->occupancy.laneCores;
    if (cores != rowCores) {
        labels.clear();
        groups.assign(rowCores.size(), -1);
        for (int core : rowCores)
            labels.push_back(core >= 0 ? QStringLiteral("NC %1").arg(core) : QStringLiteral("GPU"));
    }
    std::vector<QString> groupLabels;
    for (const Group& g : m_groups)
        groupLabels.push_back(g.label);
    m_occupancy = OccupancySeries::build(m_run->occupancy, labels, groups, groupLabels);
}

int TimelineModel::laneOfTrace(int traceLane) const {
    if (traceLane < 0 || static_cast<std::size_t>(traceLane) >= m_laneOfTrace.size())
        return -1;
    return m_laneOfTrace[static_cast<std::size_t>(traceLane)];
}

const TimelineModel::Lane* TimelineModel::laneForTrace(int traceLane) const {
    const int row = laneOfTrace(traceLane);
    return row >= 0 ? &m_lanes[static_cast<std::size_t>(row)] : nullptr;
}

std::size_t TimelineModel::bytes() const {
    std::size_t n = m_lanes.capacity() * sizeof(Lane) + m_laneOfTrace.capacity() * sizeof(int);
    for (const LaneSummary& s : m_summaries)
        n += s.bytes();
    for (const auto* rows : {&m_occupancy.coreRows, &m_occupancy.groupRows}) {
        for (const auto& row : *rows)
            n += row.prefix.capacity() * sizeof(double);
    }
    return n + m_occupancy.inFlightPrefix.capacity() * sizeof(double);
}

qint64 traceExtent(const sim::Trace& trace) {
    qint64 last = trace.endNs;
    for (const sim::Lane& lane : trace.lanes) {
        if (lane.size() > 0)
            last = std::max<qint64>(last, lane.end(lane.size() - 1));
    }
    return last;
}

qint64 runExtent(const sim::Run& run) {
    const qint64 t = traceExtent(run.trace);
    return t > 0 ? t : run.occupancy.binNs * run.occupancy.bins;
}

} // namespace pipescope::widgets
