#include "timeline/lane_kind.h"

#include <cmath>

namespace pipescope::widgets {

LaneKind laneKindOf(const sim::Lane& lane) {
    if (lane.core >= 0)
        return LaneKind::NeuronCore;
    return lane.core == -1 ? LaneKind::Gpu : LaneKind::HostWorker;
}

QString laneLabelOf(const sim::Lane& lane, int hostOrdinal) {
    if (!lane.label.isEmpty())
        return lane.label;
    switch (laneKindOf(lane)) {
    case LaneKind::NeuronCore:
        return QStringLiteral("NC %1").arg(lane.core);
    case LaneKind::Gpu:
        return QStringLiteral("GPU");
    default:
        return QStringLiteral("host %1").arg(hostOrdinal);
    }
}

QColor laneColourOf(LaneKind kind, int chip) {
    switch (kind) {
    case LaneKind::Gpu:
        return QColor::fromHsvF(0.33f, 0.6f, 0.7f);
    case LaneKind::HostWorker:
        return QColor::fromHsvF(0.6f, 0.1f, 0.6f);
    default: {
        const float hue = static_cast<float>(std::fmod(chip * 137.508 + 200.0, 360.0) / 360.0);
        return QColor::fromHsvF(hue, 0.55f, 0.8f);
    }
    }
}

} // namespace pipescope::widgets
