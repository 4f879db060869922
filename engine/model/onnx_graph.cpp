#ifdef PIPESCOPE_HAVE_ONNX
#include "model/onnx_graph.h"

#include "model/onnx_costs.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <climits>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

namespace pipescope::model {
namespace {

// No real tensor comes near these; a 10^12 dimension is a broken or hostile file.
constexpr std::int64_t kMaxDim = std::int64_t{1} << 32;
constexpr std::int64_t kMaxElements = std::int64_t{1} << 36;

QString qs(const std::string& s) {
    return QString::fromStdString(s.size() > 200 ? s.substr(0, 200) : s);
}

int elementBytes(int type, bool* floating) {
    using T = onnx::TensorProto_DataType;
    *floating = type == T::TensorProto_DataType_FLOAT || type == T::TensorProto_DataType_FLOAT16 ||
                type == T::TensorProto_DataType_BFLOAT16 || type == T::TensorProto_DataType_DOUBLE;
    switch (type) {
    case T::TensorProto_DataType_DOUBLE:
    case T::TensorProto_DataType_INT64:
    case T::TensorProto_DataType_UINT64:
    case T::TensorProto_DataType_COMPLEX64:
        return 8;
    case T::TensorProto_DataType_FLOAT:
    case T::TensorProto_DataType_INT32:
    case T::TensorProto_DataType_UINT32:
        return 4;
    case T::TensorProto_DataType_FLOAT16:
    case T::TensorProto_DataType_BFLOAT16:
    case T::TensorProto_DataType_INT16:
    case T::TensorProto_DataType_UINT16:
        return 2;
    case T::TensorProto_DataType_COMPLEX128:
        return 16;
    default:
        return 1;
    }
}

// Checks dimensions before anything multiplies them; the error names the tensor.
std::optional<Error> checkDims(const std::vector<std::int64_t>& dims, const std::string& name,
                               const QString& origin) {
    std::int64_t elements = 1;
    for (std::int64_t d : dims) {
        if (d < 0 || d > kMaxDim)
            return makeError(QStringLiteral("tensor '%1' has an absurd dimension %2").arg(qs(name)).arg(d),
                             origin);
        if (d != 0 && elements > kMaxElements / d)
            return makeError(QStringLiteral("tensor '%1' would hold more than 2^36 elements").arg(qs(name)),
                             origin);
        elements *= d;
    }
    return std::nullopt;
}

std::optional<Error> checkInitializer(const onnx::TensorProto& t, const QString& origin) {
    const std::vector<std::int64_t> dims(t.dims().begin(), t.dims().end());
    if (auto e = checkDims(dims, t.name(), origin))
        return e;
    std::int64_t elements = 1;
    for (std::int64_t d : dims)
        elements *= d;
    bool floating = false;
    const int size = elementBytes(t.data_type(), &floating);
    const bool external = t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL;
    // Shape inference may read small constant initializers (Reshape targets): their data must
    // match their dimensions. External data is never read, only its size is taken from dims.
    if (!external && !t.raw_data().empty() &&
        static_cast<std::int64_t>(t.raw_data().size()) != elements * size)
        return makeError(QStringLiteral("initializer '%1' holds %2 bytes of data for %3 elements")
                             .arg(qs(t.name()))
                             .arg(t.raw_data().size())
                             .arg(elements),
                         origin);
    const std::int64_t typed = t.float_data_size() + t.int32_data_size() + t.int64_data_size() +
                               t.double_data_size() + t.uint64_data_size() + t.string_data_size();
    if (!external && typed != 0 && typed != elements &&
        !(t.data_type() == onnx::TensorProto_DataType_COMPLEX64 && typed == 2 * elements))
        return makeError(QStringLiteral("initializer '%1' holds %2 values for %3 elements")
                             .arg(qs(t.name()))
                             .arg(typed)
                             .arg(elements),
                         origin);
    return std::nullopt;
}

bool isBatchDim(const std::string& param, int index) {
    const QString p = qs(param).toLower();
    if (p.contains(QLatin1String("batch")))
        return true;
    const bool looksLikeLength = p.contains(QLatin1String("seq")) || p.contains(QLatin1String("len")) ||
                                 p.contains(QLatin1String("token"));
    return index == 0 && !looksLikeLength;
}

// Gives every symbolic or unknown input dimension a value, then the outputs that name the same
// symbols; intermediate shapes are dropped so that shape inference recomputes them.
std::optional<Error> fixDimensions(onnx::GraphProto& g, const std::set<std::string>& initializers, int seq,
                                   const QString& origin) {
    std::map<std::string, std::int64_t> symbols;
    for (onnx::ValueInfoProto& input : *g.mutable_input()) {
        if (initializers.count(input.name()) || !input.type().has_tensor_type() ||
            !input.type().tensor_type().has_shape())
            continue;
        auto* shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
        for (int i = 0; i < shape->dim_size(); ++i) {
            auto* dim = shape->mutable_dim(i);
            if (dim->has_dim_value()) {
                if (dim->dim_value() < 0 || dim->dim_value() > kMaxDim)
                    return makeError(QStringLiteral("input '%1' has an absurd dimension %2")
                                         .arg(qs(input.name()))
                                         .arg(dim->dim_value()),
                                     origin);
                continue;
            }
            const std::int64_t value = isBatchDim(dim->dim_param(), i) ? 1 : seq;
            if (dim->has_dim_param())
                symbols.emplace(dim->dim_param(), value);
            dim->set_dim_value(value);
        }
    }
    for (onnx::ValueInfoProto& output : *g.mutable_output()) {
        if (!output.type().has_tensor_type() || !output.type().tensor_type().has_shape())
            continue;
        auto* tensorType = output.mutable_type()->mutable_tensor_type();
        bool known = true;
        for (auto& dim : *tensorType->mutable_shape()->mutable_dim()) {
            if (dim.has_dim_value())
                continue;
            const auto it = symbols.find(dim.dim_param());
            if (it == symbols.end())
                known = false;
            else
                dim.set_dim_value(it->second);
        }
        if (!known)
            tensorType->clear_shape();
    }
    g.clear_value_info();
    return std::nullopt;
}

// Kahn's algorithm, always taking the earliest ready node so an ordered file keeps its order.
Result<std::vector<int>> topologicalOrder(const onnx::GraphProto& g, const std::set<std::string>& available,
                                          const QString& origin) {
    std::unordered_map<std::string, int> producer;
    for (int n = 0; n < g.node_size(); ++n)
        for (const std::string& out : g.node(n).output())
            if (!out.empty() && !producer.emplace(out, n).second)
                return makeError(QStringLiteral("tensor '%1' is produced by two nodes").arg(qs(out)), origin);
    std::vector<int> pending(g.node_size(), 0);
    std::vector<std::vector<int>> consumers(g.node_size());
    for (int n = 0; n < g.node_size(); ++n) {
        for (const std::string& in : g.node(n).input()) {
            if (in.empty() || available.count(in))
                continue;
            const auto it = producer.find(in);
            if (it == producer.end())
                return makeError(
                    QStringLiteral("node '%1' (%2) reads '%3', which no node, input or initializer "
                                   "provides (dangling input)")
                        .arg(qs(g.node(n).name()), qs(g.node(n).op_type()), qs(in)),
                    origin);
            ++pending[n];
            consumers[it->second].push_back(n);
        }
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int n = 0; n < g.node_size(); ++n)
        if (pending[n] == 0)
            ready.push(n);
    std::vector<int> order;
    while (!ready.empty()) {
        const int n = ready.top();
        ready.pop();
        order.push_back(n);
        for (int c : consumers[n])
            if (--pending[c] == 0)
                ready.push(c);
    }
    if (order.size() != static_cast<std::size_t>(g.node_size())) {
        int stuck = 0;
        while (pending[stuck] == 0)
            ++stuck;
        return makeError(QStringLiteral("the graph has a cycle through node '%1' (%2)")
                             .arg(qs(g.node(stuck).name()), qs(g.node(stuck).op_type())),
                         origin);
    }
    return order;
}

OnnxTensor tensorFromType(const onnx::TypeProto& type) {
    OnnxTensor t;
    if (!type.has_tensor_type())
        return t;
    t.elementBytes = elementBytes(type.tensor_type().elem_type(), &t.floating);
    if (!type.tensor_type().has_shape())
        return t;
    t.shapeKnown = true;
    for (const auto& dim : type.tensor_type().shape().dim()) {
        if (!dim.has_dim_value()) {
            t.shapeKnown = false;
            t.dims.clear();
            break;
        }
        t.dims.push_back(dim.dim_value());
    }
    return t;
}

using TensorTable = std::unordered_map<std::string, OnnxTensor>;

// Checks the initializers, fixes the symbolic dimensions and orders the nodes.
Result<std::vector<int>> prepareGraph(onnx::GraphProto& g, int seq, const QString& origin) {
    std::set<std::string> initializers;
    for (const onnx::TensorProto& t : g.initializer()) {
        if (auto e = checkInitializer(t, origin))
            return *e;
        initializers.insert(t.name());
    }
    if (auto e = fixDimensions(g, initializers, seq, origin))
        return *e;
    std::set<std::string> available = initializers;
    for (const auto& input : g.input())
        available.insert(input.name());
    return topologicalOrder(g, available, origin);
}

QStringList inferShapes(onnx::ModelProto& model) {
    try {
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(),
                                           onnx::ShapeInferenceOptions(false, 0, true));
    } catch (const std::exception& e) {
        // Partial shapes are still useful: nodes after the failure are counted by what is known.
        return {
            QStringLiteral("ONNX shape inference stopped: %1").arg(QString::fromUtf8(e.what()).left(300))};
    }
    return {};
}

// Every named value's type and shape (inputs, inferred values, outputs) and the initializers.
Result<TensorTable> tensorTable(const onnx::GraphProto& g, const QString& origin) {
    TensorTable tensors;
    for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
        for (const auto& v : *list) {
            OnnxTensor t = tensorFromType(v.type());
            if (auto e = checkDims(t.dims, v.name(), origin))
                return *e;
            tensors[v.name()] = t;
        }
    }
    for (const onnx::TensorProto& init : g.initializer()) {
        OnnxTensor t;
        t.dims.assign(init.dims().begin(), init.dims().end());
        t.shapeKnown = true;
        t.initializer = true;
        t.elementBytes = elementBytes(init.data_type(), &t.floating);
        tensors[init.name()] = t;
    }
    return tensors;
}

// What the nodes left uncosted, for the model's warnings.
struct UncostedNodes {
    std::map<QString, int> unknownTypes;
    int unshaped = 0;
    std::set<std::string> ownedWeights; // initializers already counted as some operator's weights
};

// The node's weights: each initializer it reads, held by the first node that uses it.
void addWeights(Operator& op, const onnx::NodeProto& node, const std::vector<OnnxTensor>& ins,
                const std::vector<OnnxTensor>& outs, OnnxCostClass costClass, int dtypeBytes,
                std::set<std::string>& ownedWeights) {
    for (int i = 0; i < node.input_size(); ++i) {
        const OnnxTensor& t = ins[i];
        if (!t.initializer)
            continue;
        const std::int64_t bytes = onnxTensorBytes(t, dtypeBytes);
        // A weight shared by several nodes (a tied LM head) is held once, read by each user.
        if (ownedWeights.insert(node.input(i)).second) {
            op.weightBytes += bytes;
            // Rank-0 floats are constants an exporter folded from code (scales, 1, 0.5), not weights.
            if (t.floating && !t.dims.empty())
                op.parameters += t.elements();
        }
        const bool gatherTable = costClass == OnnxCostClass::Gather && i == 0;
        op.weightReadBytes +=
            gatherTable && !outs.empty() ? std::min(bytes, onnxTensorBytes(outs[0], dtypeBytes)) : bytes;
    }
}

Operator operatorFromNode(const onnx::NodeProto& node, int n, TensorTable& tensors, int dtypeBytes,
                          UncostedNodes& uncosted) {
    Operator op;
    op.type = qs(node.op_type());
    op.name = node.name().empty() ? QStringLiteral("%1_%2").arg(op.type).arg(n) : qs(node.name());
    std::vector<OnnxTensor> ins;
    std::vector<OnnxTensor> outs;
    for (const std::string& name : node.input())
        ins.push_back(name.empty() ? OnnxTensor{} : tensors[name]);
    for (const std::string& name : node.output())
        outs.push_back(tensors[name]);
    bool transA = false;
    std::int64_t kernelArea = 1;
    for (const onnx::AttributeProto& a : node.attribute()) {
        if (a.name() == "transA")
            transA = a.i() != 0;
        if (a.name() == "kernel_shape")
            for (std::int64_t k : a.ints())
                kernelArea *= std::clamp<std::int64_t>(k, 1, 1024);
    }
    const OnnxCostClass costClass = onnxCostClass(op.type);
    costOnnxNode(op, costClass, ins, outs, dtypeBytes, transA, kernelArea);
    if (costClass == OnnxCostClass::Unknown)
        ++uncosted.unknownTypes[op.type];
    else if (!outs.empty() && !outs[0].shapeKnown)
        ++uncosted.unshaped;
    addWeights(op, node, ins, outs, costClass, dtypeBytes, uncosted.ownedWeights);
    return op;
}

QStringList uncostedWarnings(const UncostedNodes& uncosted) {
    QStringList warnings;
    if (!uncosted.unknownTypes.empty()) {
        QStringList list;
        for (const auto& [type, count] : uncosted.unknownTypes)
            list << QStringLiteral("%1 x%2").arg(type).arg(count);
        warnings << QStringLiteral("no cost model for %1: counted by their bytes only")
                        .arg(list.join(QStringLiteral(", ")));
    }
    if (uncosted.unshaped > 0)
        warnings << QStringLiteral("%1 operators have no inferred output shape: their FLOPs and bytes are "
                                   "counted as 0")
                        .arg(uncosted.unshaped);
    return warnings;
}

} // namespace

Result<ModelGraph> buildOnnxGraph(const QByteArray& bytes, int seq, int dtypeBytes, const QString& origin) {
    onnx::ModelProto model;
    if (bytes.size() >= INT_MAX || !model.ParseFromArray(bytes.constData(), static_cast<int>(bytes.size())))
        return makeError(
            QStringLiteral("not an ONNX model: the protobuf does not parse (another format, or a "
                           "truncated file)"),
            origin);
    if (model.ir_version() <= 0 || !model.has_graph() || model.graph().node_size() == 0)
        return makeError(QStringLiteral("not an ONNX model: no IR version or no graph nodes"), origin);
    onnx::GraphProto& g = *model.mutable_graph();
    const auto order = prepareGraph(g, seq, origin);
    if (!order)
        return order.error();
    QStringList warnings = inferShapes(model);
    auto tensors = tensorTable(g, origin);
    if (!tensors)
        return tensors.error();

    ModelGraph graph;
    graph.name = qs(g.name());
    graph.family = QStringLiteral("onnx");
    graph.source = origin;
    graph.sequenceLength = seq;
    graph.dtypeBytes = dtypeBytes;
    UncostedNodes uncosted;
    for (int n : *order)
        graph.ops.push_back(operatorFromNode(g.node(n), n, tensors.value(), dtypeBytes, uncosted));
    graph.warnings = warnings + uncostedWarnings(uncosted);
    return graph;
}

} // namespace pipescope::model
#endif
