#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace pipescope::model {

// Which NeuronCore engine (or GPU kernel class) executes an operator.
enum class EngineKind : std::uint8_t { Tensor, Vector, Scalar };

QString engineKindName(EngineKind kind);

// What kind of work an operator is, for the engine efficiency that applies to it: dense matmuls
// stream a weight matrix through the systolic array, attention's weight-free batched matmuls and
// softmax work on small per-head tiles, convolutions map im2col tiles onto the array, elementwise
// work runs on the vector and scalar engines, and a gather is bound by the rows it reads from DRAM.
enum class OpClass : std::uint8_t { MatMul, Attention, Convolution, Elementwise, Gather };
constexpr int kOpClassCount = 5;
QString opClassName(OpClass opClass);

// One node of the operator graph. Costs are per sample at the graph's sequence length; the
// simulator multiplies by the batch. Weight bytes are at the graph's storage data type.
struct Operator {
    QString name;
    QString type; // "MatMul", "Gather", "Softmax", "LayerNorm", "Add", "Gelu", ...
    EngineKind engine = EngineKind::Vector;
    double flops = 0;                    // floating point operations per sample
    std::int64_t parameters = 0;         // learned parameters held by this operator
    std::int64_t weightBytes = 0;        // footprint of those parameters on the device
    std::int64_t weightReadBytes = 0;    // bytes of weights read per inference, whatever the batch
    std::int64_t activationInBytes = 0;  // per sample
    std::int64_t activationOutBytes = 0; // per sample
};

OpClass opClass(const Operator& op);

// An operator whose weights, if any, are all read on every inference. Element counts are per
// sample; bytes follow from the data type. The graph builders (presets, loaders) share it.
Operator makeOperator(const QString& name, const QString& type, EngineKind engine, double flops,
                      std::int64_t parameters, std::int64_t inElems, std::int64_t outElems, int dtypeBytes);

// A model as the simulator sees it: operators in execution order (a topological order of the
// real graph; pipeline stages are contiguous ranges of it).
struct ModelGraph {
    QString name;
    QString family; // "bert", "roberta", "distilbert", "resnet", "onnx", ...
    QString source; // "preset", a file path, ...
    int sequenceLength = 128;
    int dtypeBytes = 2;
    std::vector<Operator> ops;

    std::int64_t parameters() const;
    double flopsPerSample() const;
    std::int64_t weightBytes() const;
    std::int64_t weightReadBytes() const;

    // What a loader could not model exactly (unknown operators, checkpoint mismatches), for the user.
    QStringList warnings;
};

} // namespace pipescope::model
