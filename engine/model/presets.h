#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QStringList>

namespace pipescope::model {

// Built-in models, built from their published architecture parameters.
QStringList presetNames();
Result<ModelGraph> buildPreset(const QString& name, int sequenceLength, int dtypeBytes);

} // namespace pipescope::model
