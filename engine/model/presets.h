#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QStringList>

namespace pipescope::model {

// Built-in models, built from their published architecture parameters.
QStringList presetNames();
// For an image model (resnet50) `sequenceLength` is the side of the square input image in pixels
// (32..2048); for a transformer it is the number of tokens.
Result<ModelGraph> buildPreset(const QString& name, int sequenceLength, int dtypeBytes);

// True for presets whose input is an image rather than a token sequence.
bool isImagePreset(const QString& name);
// The length (or image side) a preset is normally run at: 128 tokens, or 224 pixels for resnet50.
int defaultSequenceLength(const QString& name);

} // namespace pipescope::model
