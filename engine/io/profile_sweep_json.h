#pragma once

#include "core/json_fields.h"
#include "io/profile.h"

namespace pipescope::io {

// JSON of a saved sweep (the profile's optional "sweeps" block, see docs/profile-format.md): the
// space and targets, each distinct model and instance once, and per deployment its configuration
// and load curve (points, probe summary, saturation, knee). Enough to re-rank and to simulate any
// deployment again; nothing of the sweep is re-simulated on opening.
QJsonObject sweepToJson(const SavedSweep& sweep);

// Checks types and ranges; on failure `diagnostics` names the field's path
// ("sweeps[0].deployments[3].curve.points[2].offered_per_s: ...").
bool sweepFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits,
                   Diagnostics* diagnostics, SavedSweep* out);

} // namespace pipescope::io
