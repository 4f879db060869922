#pragma once

#include "model/model_graph.h"

#include <cstdint>
#include <vector>

namespace pipescope::model {

// A tensor as the ONNX cost model sees it, after shape inference (no ONNX types in this header,
// so the cost rules are testable and the engine builds without libonnx).
struct OnnxTensor {
    std::vector<std::int64_t> dims;
    bool shapeKnown = false;
    bool initializer = false; // a weight: its bytes are the operator's, not activations
    bool floating = true;     // floating point tensors take the graph's storage data type
    int elementBytes = 4;     // size of one element in the file (used for non-floating tensors)

    std::int64_t elements() const;
};

// How an ONNX node is costed.
enum class OnnxCostClass {
    MatMul,         // 2 * output elements * K
    Gemm,           // 2 * M * N * K (+ M * N for the bias)
    Conv,           // 2 * output elements * input channels per group * kernel area (+ bias)
    Softmax,        // exp, sum, divide: 5 per element
    LayerNorm,      // mean, variance, normalise, scale, shift: 8 per element
    BatchNorm,      // scale and shift: 2 per element
    Gather,         // no arithmetic; reads only the rows it returns
    Elementwise,    // 1 per output element
    Transcendental, // erf, tanh, exp, sigmoid...: 4 per output element, on the scalar engine
    Reduction,      // 1 per input element
    Pool,           // kernel area per output element
    DataMovement,   // reshape, transpose, concat, cast...: no arithmetic
    Unknown,        // counted by its bytes only, and reported
};

OnnxCostClass onnxCostClass(const QString& opType);

// Fills FLOPs, engine and activation bytes of `op` from its tensors (per sample: the batch
// dimension is fixed to 1 before this runs). Weight fields are set by the loader, which knows
// which node first uses an initializer. `transA`/`transB` are Gemm's attributes, `kernelArea`
// a pool's kernel size product.
void costOnnxNode(Operator& op, OnnxCostClass costClass, const std::vector<OnnxTensor>& inputs,
                  const std::vector<OnnxTensor>& outputs, int dtypeBytes, bool transA,
                  std::int64_t kernelArea);

// Bytes of a tensor stored in the graph's data type (floating) or its own type (integers).
std::int64_t onnxTensorBytes(const OnnxTensor& tensor, int dtypeBytes);

} // namespace pipescope::model
