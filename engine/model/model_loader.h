#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QString>

namespace pipescope::model {

// Loads a model by what the user typed after --model or picked in Open Model...: a built-in
// preset name, a Hugging Face model folder or its config.json (with model.safetensors beside it
// when present: its header is checked against the graph), or an .onnx file. Errors say which of
// these was tried and what is wrong with it.
Result<ModelGraph> loadModel(const QString& nameOrPath, int sequenceLength, int dtypeBytes);

// Builds the graph of a Hugging Face config.json held in memory (no safetensors check).
Result<ModelGraph> loadHfConfig(const QByteArray& json, const QString& name, int sequenceLength,
                                int dtypeBytes, const QString& origin);

} // namespace pipescope::model
