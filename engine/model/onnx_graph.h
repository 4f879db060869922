#pragma once

#include "core/result.h"
#include "model/model_graph.h"

#include <QByteArray>

namespace pipescope::model {

// The libonnx part of the ONNX loader (compiled only with PIPESCOPE_HAVE_ONNX); call parseOnnx().
Result<ModelGraph> buildOnnxGraph(const QByteArray& bytes, int sequenceLength, int dtypeBytes,
                                  const QString& origin);

} // namespace pipescope::model
