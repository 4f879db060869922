#include "model/model_graph.h"

#include <numeric>

namespace pipescope::model {

QString engineKindName(EngineKind kind) {
    switch (kind) {
    case EngineKind::Tensor:
        return QStringLiteral("tensor");
    case EngineKind::Vector:
        return QStringLiteral("vector");
    case EngineKind::Scalar:
        return QStringLiteral("scalar");
    }
    return QStringLiteral("vector");
}

QString opClassName(OpClass opClass) {
    switch (opClass) {
    case OpClass::MatMul:
        return QStringLiteral("matmul");
    case OpClass::Attention:
        return QStringLiteral("attention");
    case OpClass::Convolution:
        return QStringLiteral("convolution");
    case OpClass::Elementwise:
        return QStringLiteral("elementwise");
    case OpClass::Gather:
        return QStringLiteral("gather");
    }
    return QStringLiteral("elementwise");
}

OpClass opClass(const Operator& op) {
    if (op.type == QLatin1String("Conv") || op.type == QLatin1String("ConvTranspose"))
        return OpClass::Convolution;
    if (op.type == QLatin1String("Gather"))
        return OpClass::Gather;
    if (op.type == QLatin1String("Softmax"))
        return OpClass::Attention;
    if (op.engine == EngineKind::Tensor)
        // A tensor-engine operator that reads no weights multiplies two activations: attention.
        return op.weightReadBytes > 0 ? OpClass::MatMul : OpClass::Attention;
    return OpClass::Elementwise;
}

Operator makeOperator(const QString& name, const QString& type, EngineKind engine, double flops,
                      std::int64_t parameters, std::int64_t inElems, std::int64_t outElems, int dtypeBytes) {
    Operator op;
    op.name = name;
    op.type = type;
    op.engine = engine;
    op.flops = flops;
    op.parameters = parameters;
    op.weightBytes = parameters * dtypeBytes;
    op.weightReadBytes = op.weightBytes;
    op.activationInBytes = inElems * dtypeBytes;
    op.activationOutBytes = outElems * dtypeBytes;
    return op;
}

std::int64_t ModelGraph::parameters() const {
    return std::accumulate(ops.begin(), ops.end(), std::int64_t{0},
                           [](std::int64_t sum, const Operator& op) { return sum + op.parameters; });
}

double ModelGraph::flopsPerSample() const {
    return std::accumulate(ops.begin(), ops.end(), 0.0,
                           [](double sum, const Operator& op) { return sum + op.flops; });
}

std::int64_t ModelGraph::weightBytes() const {
    return std::accumulate(ops.begin(), ops.end(), std::int64_t{0},
                           [](std::int64_t sum, const Operator& op) { return sum + op.weightBytes; });
}

std::int64_t ModelGraph::weightReadBytes() const {
    return std::accumulate(ops.begin(), ops.end(), std::int64_t{0},
                           [](std::int64_t sum, const Operator& op) { return sum + op.weightReadBytes; });
}

} // namespace pipescope::model
