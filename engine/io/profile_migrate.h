#pragma once

#include <QJsonObject>

namespace pipescope::io {

// Rewrites a version 0 profile into the version 1 layout, in place. Version 0 (written by the
// prototype, documented in docs/profile-format.md) differs in two ways: a workload had no
// "warmup" (every request was measured, so it becomes 0), and "config.group_sizes" was the
// NEURONCORE_GROUP_SIZES string ("4,4,4,4") rather than an array. Anything else is left for
// the version 1 reader to check, so a damaged v0 file gets the same messages as a v1 file.
void migrateV0ToV1(QJsonObject* root);

} // namespace pipescope::io
