#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QByteArray>
#include <QString>

namespace pipescope::model {

// True when the engine was built with Debian's libonnx (otherwise the loaders return an Error).
bool onnxSupported();

// Largest .onnx accepted: protobuf's own limit for one message.
constexpr qint64 kMaxOnnxBytes = 2LL * 1024 * 1024 * 1024 - 1;

// Builds the operator graph of an ONNX ModelProto held in memory. Symbolic dimensions are fixed
// (batch 1: costs are per sample; any other to `sequenceLength`, which is the image side for
// image models), shapes come from ONNX shape inference, nodes are put in a topological order.
// Weights are counted from the initializers' dimensions; external data is never read. Operators
// without a cost rule are counted by their bytes and listed in ModelGraph::warnings.
Result<ModelGraph> parseOnnx(const QByteArray& bytes, int sequenceLength, int dtypeBytes,
                             const QString& origin);
Result<ModelGraph> loadOnnxFile(const QString& path, int sequenceLength, int dtypeBytes);

} // namespace pipescope::model
