#include "model/onnx_costs.h"

#include <map>

namespace pipescope::model {

std::int64_t OnnxTensor::elements() const {
    if (!shapeKnown)
        return 0;
    std::int64_t n = 1;
    for (std::int64_t d : dims)
        n *= d; // the loader has bounded every dimension and product before costing
    return n;
}

std::int64_t onnxTensorBytes(const OnnxTensor& tensor, int dtypeBytes) {
    return tensor.elements() * (tensor.floating ? dtypeBytes : tensor.elementBytes);
}

OnnxCostClass onnxCostClass(const QString& opType) {
    using C = OnnxCostClass;
    static const std::map<QString, C> classes = [] {
        std::map<QString, C> m;
        auto set = [&m](C c, std::initializer_list<const char*> names) {
            for (const char* n : names)
                m[QString::fromLatin1(n)] = c;
        };
        set(C::MatMul, {"MatMul", "MatMulInteger"});
        set(C::Gemm, {"Gemm"});
        set(C::Conv, {"Conv", "ConvInteger"});
        set(C::Softmax, {"Softmax", "LogSoftmax"});
        set(C::LayerNorm, {"LayerNormalization"});
        set(C::BatchNorm, {"BatchNormalization", "InstanceNormalization"});
        set(C::Gather, {"Gather"});
        set(C::Elementwise, {"Add",       "Sub",   "Mul",   "Div",     "Neg",         "Abs",
                             "Relu",      "Max",   "Min",   "Sum",     "Mean",        "Where",
                             "Clip",      "Equal", "Less",  "Greater", "LessOrEqual", "GreaterOrEqual",
                             "Not",       "And",   "Or",    "Xor",     "Mod",         "PRelu",
                             "LeakyRelu", "Sign",  "Floor", "Ceil",    "Round",       "Reciprocal",
                             "Pow",       "Sqrt",  "IsNaN", "BitShift"});
        set(C::Transcendental, {"Erf", "Tanh", "Exp", "Log", "Sigmoid", "Gelu", "Softplus", "Softsign",
                                "HardSigmoid", "HardSwish", "Sin", "Cos", "Elu", "Selu", "Celu", "Mish"});
        set(C::Reduction, {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
                           "ReduceL2", "ReduceSumSquare", "ReduceLogSumExp", "ArgMax", "ArgMin",
                           "GlobalAveragePool", "GlobalMaxPool", "CumSum"});
        set(C::Pool, {"MaxPool", "AveragePool", "LpPool"});
        set(C::DataMovement, {"Reshape",        "Transpose",    "Squeeze",        "Unsqueeze",
                              "Flatten",        "Concat",       "Split",          "Slice",
                              "Shape",          "Size",         "Constant",       "ConstantOfShape",
                              "Identity",       "Cast",         "CastLike",       "Expand",
                              "Tile",           "Pad",          "Range",          "Dropout",
                              "GatherElements", "GatherND",     "ScatterND",      "ScatterElements",
                              "DepthToSpace",   "SpaceToDepth", "QuantizeLinear", "DequantizeLinear",
                              "Trilu",          "OneHot",       "NonZero"});
        return m;
    }();
    const auto it = classes.find(opType);
    return it == classes.end() ? C::Unknown : it->second;
}

void costOnnxNode(Operator& op, OnnxCostClass costClass, const std::vector<OnnxTensor>& inputs,
                  const std::vector<OnnxTensor>& outputs, int dtypeBytes, bool transA,
                  std::int64_t kernelArea) {
    using C = OnnxCostClass;
    const OnnxTensor none;
    const OnnxTensor& in0 = inputs.empty() ? none : inputs[0];
    const OnnxTensor& w = inputs.size() > 1 ? inputs[1] : none;
    const OnnxTensor& out0 = outputs.empty() ? none : outputs[0];
    const double outElems = static_cast<double>(out0.elements());

    op.activationInBytes = 0;
    for (const OnnxTensor& t : inputs)
        if (!t.initializer)
            op.activationInBytes += onnxTensorBytes(t, dtypeBytes);
    op.activationOutBytes = 0;
    for (const OnnxTensor& t : outputs)
        op.activationOutBytes += onnxTensorBytes(t, dtypeBytes);

    op.engine = EngineKind::Vector;
    op.flops = 0;
    switch (costClass) {
    case C::MatMul:
        op.engine = EngineKind::Tensor;
        if (in0.shapeKnown && !in0.dims.empty())
            op.flops = 2.0 * outElems * static_cast<double>(in0.dims.back());
        break;
    case C::Gemm:
        op.engine = EngineKind::Tensor;
        if (in0.shapeKnown && in0.dims.size() == 2)
            op.flops = 2.0 * outElems * static_cast<double>(transA ? in0.dims[0] : in0.dims[1]) +
                       (inputs.size() > 2 ? outElems : 0.0);
        break;
    case C::Conv:
        op.engine = EngineKind::Tensor;
        if (w.shapeKnown && w.dims.size() >= 2) {
            double perOutput = 1;
            for (std::size_t i = 1; i < w.dims.size(); ++i)
                perOutput *= static_cast<double>(w.dims[i]);
            op.flops = 2.0 * outElems * perOutput + (inputs.size() > 2 ? outElems : 0.0);
        }
        break;
    case C::Softmax:
        op.engine = EngineKind::Scalar;
        op.flops = 5.0 * outElems;
        break;
    case C::LayerNorm:
        op.flops = 8.0 * static_cast<double>(in0.elements());
        break;
    case C::BatchNorm:
        op.flops = 2.0 * outElems;
        break;
    case C::Elementwise:
        op.flops = outElems;
        break;
    case C::Transcendental:
        op.engine = EngineKind::Scalar;
        op.flops = 4.0 * outElems;
        break;
    case C::Reduction:
        op.flops = static_cast<double>(in0.elements());
        break;
    case C::Pool:
        op.flops = outElems * static_cast<double>(std::max<std::int64_t>(kernelArea, 1));
        break;
    case C::Gather:
    case C::DataMovement:
    case C::Unknown:
        break;
    }
}

} // namespace pipescope::model
