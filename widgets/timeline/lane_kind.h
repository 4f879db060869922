#pragma once

#include "sim/trace.h"

#include <QColor>
#include <QString>

#include <cstdint>

namespace pipescope::widgets {

// What a row of the timeline shows. The trace marks lanes by core id (>= 0 a NeuronCore, -1 the
// GPU, -2 a host serving worker); this is the only place that decodes those ids, so the views ask
// for a kind instead.
enum class LaneKind : std::uint8_t {
    ChipHeader, // the header row of a group: a chip, or the GPU's / the host's group
    NeuronCore,
    Gpu,
    HostWorker,
};

LaneKind laneKindOf(const sim::Lane& lane);
// "NC 3", "GPU", "host 1": the lane's own label, or one made from its kind when it has none.
QString laneLabelOf(const sim::Lane& lane, int hostOrdinal);
// A stable, distinct hue per chip (golden angle), a green for the GPU and a grey for the host.
QColor laneColourOf(LaneKind kind, int chip);

} // namespace pipescope::widgets
