// ONNX loader: a BERT layer built here with ONNX's protobuf API costs what the analytic formula
// says; symbolic dimensions are fixed; bad files give messages naming the problem.
#include "model/model_loader.h"
#include "model/onnx_costs.h"
#include "model/onnx_loader.h"
#include "model/transformer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef PIPESCOPE_HAVE_ONNX
#include <onnx/onnx_pb.h>
#endif

using namespace pipescope;

#ifdef PIPESCOPE_HAVE_ONNX
namespace {

// Builds graphs node by node; weights get dimensions but no data (the loader never needs it).
class GraphWriter {
public:
    GraphWriter() {
        m_model.set_ir_version(8);
        m_model.add_opset_import()->set_version(17);
        m_model.mutable_graph()->set_name("bert_layer");
    }
    onnx::GraphProto& graph() { return *m_model.mutable_graph(); }
    onnx::ModelProto& model() { return m_model; }

    void input(const std::string& name, const std::vector<std::variant<std::int64_t, std::string>>& dims) {
        auto* v = graph().add_input();
        v->set_name(name);
        auto* t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(onnx::TensorProto_DataType_FLOAT);
        for (const auto& d : dims) {
            auto* dim = t->mutable_shape()->add_dim();
            if (std::holds_alternative<std::int64_t>(d))
                dim->set_dim_value(std::get<std::int64_t>(d));
            else
                dim->set_dim_param(std::get<std::string>(d));
        }
    }
    void output(const std::string& name) {
        auto* v = graph().add_output();
        v->set_name(name);
        v->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto_DataType_FLOAT);
    }
    void weight(const std::string& name, std::vector<std::int64_t> dims) {
        auto* t = graph().add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto_DataType_FLOAT);
        for (auto d : dims)
            t->add_dims(d);
    }
    void ints(const std::string& name, std::vector<std::int64_t> values) {
        auto* t = graph().add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto_DataType_INT64);
        t->add_dims(static_cast<std::int64_t>(values.size()));
        for (auto v : values)
            t->add_int64_data(v);
    }
    void scalar(const std::string& name, float value) {
        auto* t = graph().add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto_DataType_FLOAT);
        t->add_float_data(value);
    }
    onnx::NodeProto& node(const std::string& op, std::vector<std::string> in, std::string out) {
        auto* n = graph().add_node();
        n->set_op_type(op);
        n->set_name(out);
        for (auto& i : in)
            n->add_input(i);
        n->add_output(out);
        return *n;
    }
    void intAttr(onnx::NodeProto& n, const std::string& name, std::int64_t v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto_AttributeType_INT);
        a->set_i(v);
    }
    void intsAttr(onnx::NodeProto& n, const std::string& name, std::vector<std::int64_t> v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto_AttributeType_INTS);
        for (auto x : v)
            a->add_ints(x);
    }
    // x W + b
    std::string dense(const std::string& x, const std::string& name, std::int64_t in, std::int64_t out) {
        weight(name + ".W", {in, out});
        weight(name + ".b", {out});
        node("MatMul", {x, name + ".W"}, name + ".mm");
        node("Add", {name + ".mm", name + ".b"}, name);
        return name;
    }
    QByteArray bytes() const {
        std::string s;
        m_model.SerializeToString(&s);
        return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
    }

private:
    onnx::ModelProto m_model;
};

// One BERT encoder layer as PyTorch exports it: separate q/k/v projections, heads split by
// Reshape/Transpose, scaled scores, softmax, LayerNormalization, GELU through Erf.
GraphWriter bertLayer(std::int64_t h, std::int64_t heads, std::int64_t inter) {
    GraphWriter w;
    const std::int64_t d = h / heads;
    w.input("x", {std::string("batch_size"), std::string("sequence_length"), h});
    w.ints("split_heads", {0, 0, heads, d});
    w.ints("merge_heads", {0, 0, h});
    w.scalar("scale", std::sqrt(static_cast<float>(d)));
    w.scalar("sqrt2", std::sqrt(2.0f));
    w.scalar("one", 1.0f);
    w.scalar("half", 0.5f);
    for (const char* p : {"q", "k", "v"}) {
        const std::string name(p);
        w.dense("x", name, h, h);
        w.node("Reshape", {name, "split_heads"}, name + ".heads");
        auto& t = w.node("Transpose", {name + ".heads"}, name + ".t");
        w.intsAttr(t, "perm",
                   name == "k" ? std::vector<std::int64_t>{0, 2, 3, 1}
                               : std::vector<std::int64_t>{0, 2, 1, 3});
    }
    w.node("MatMul", {"q.t", "k.t"}, "scores");
    w.node("Div", {"scores", "scale"}, "scaled");
    w.intAttr(w.node("Softmax", {"scaled"}, "probs"), "axis", -1);
    w.node("MatMul", {"probs", "v.t"}, "context");
    w.intsAttr(w.node("Transpose", {"context"}, "context.t"), "perm", {0, 2, 1, 3});
    w.node("Reshape", {"context.t", "merge_heads"}, "context.merged");
    w.dense("context.merged", "attn_out", h, h);
    w.node("Add", {"attn_out", "x"}, "residual1");
    w.weight("ln1.g", {h});
    w.weight("ln1.b", {h});
    w.intAttr(w.node("LayerNormalization", {"residual1", "ln1.g", "ln1.b"}, "ln1"), "axis", -1);
    w.dense("ln1", "ffn1", h, inter);
    w.node("Div", {"ffn1", "sqrt2"}, "gelu.div");
    w.node("Erf", {"gelu.div"}, "gelu.erf");
    w.node("Add", {"gelu.erf", "one"}, "gelu.add");
    w.node("Mul", {"ffn1", "gelu.add"}, "gelu.mul");
    w.node("Mul", {"gelu.mul", "half"}, "gelu");
    w.dense("gelu", "ffn2", inter, h);
    w.node("Add", {"ffn2", "ln1"}, "residual2");
    w.weight("ln2.g", {h});
    w.weight("ln2.b", {h});
    w.intAttr(w.node("LayerNormalization", {"residual2", "ln2.g", "ln2.b"}, "y"), "axis", -1);
    w.output("y");
    return w;
}

// The same layer's FLOPs and parameters as the preset builder counts them.
std::pair<double, std::int64_t> analyticLayer(int h, int heads, int inter, int seq) {
    model::TransformerConfig c;
    c.layers = 1;
    c.hidden = h;
    c.heads = heads;
    c.intermediate = inter;
    const auto g = model::buildTransformer(c, seq, 2);
    double flops = 0;
    std::int64_t params = 0;
    for (const auto& op : g.ops)
        if (op.name.startsWith(QLatin1String("layer.0."))) {
            flops += op.flops;
            params += op.parameters;
        }
    return {flops, params};
}

} // namespace
#endif

class TestModelOnnx : public QObject {
    Q_OBJECT

private slots:
    void costClasses() {
        QCOMPARE(model::onnxCostClass(QStringLiteral("MatMul")), model::OnnxCostClass::MatMul);
        QCOMPARE(model::onnxCostClass(QStringLiteral("ReduceMean")), model::OnnxCostClass::Reduction);
        QCOMPARE(model::onnxCostClass(QStringLiteral("Sqrt")), model::OnnxCostClass::Elementwise);
        QCOMPARE(model::onnxCostClass(QStringLiteral("FancyAttention")), model::OnnxCostClass::Unknown);
    }

#ifdef PIPESCOPE_HAVE_ONNX
    void bertLayerMatchesFormula_data() {
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("inter");
        QTest::addColumn<int>("seq");
        QTest::newRow("bert-base 128") << 768 << 12 << 3072 << 128;
        QTest::newRow("bert-base 384") << 768 << 12 << 3072 << 384;
        QTest::newRow("bert-large 128") << 1024 << 16 << 4096 << 128;
        QTest::newRow("bert-small 64") << 512 << 8 << 2048 << 64;
    }
    void bertLayerMatchesFormula() {
        QFETCH(int, h);
        QFETCH(int, heads);
        QFETCH(int, inter);
        QFETCH(int, seq);
        const auto graph =
            model::parseOnnx(bertLayer(h, heads, inter).bytes(), seq, 2, QStringLiteral("layer.onnx"));
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        QVERIFY2(graph->warnings.isEmpty(), qPrintable(graph->warnings.join('\n')));
        const auto [flops, params] = analyticLayer(h, heads, inter, seq);
        QCOMPARE(graph->parameters(), params);
        QVERIFY2(std::abs(graph->flopsPerSample() - flops) < 0.01 * flops,
                 qPrintable(QStringLiteral("onnx %1, formula %2").arg(graph->flopsPerSample()).arg(flops)));
        QCOMPARE(graph->family, QStringLiteral("onnx"));
        QCOMPARE(graph->name, QStringLiteral("bert_layer"));
        // Per sample: the batch dimension is 1, so the output is seq x h values.
        QCOMPARE(graph->ops.back().activationOutBytes, std::int64_t{seq} * h * 2);
    }

    // LayerNorm as older exporters write it: reductions and elementwise ops, each costed, none unknown.
    void decomposedLayerNorm() {
        GraphWriter w;
        const std::int64_t h = 256;
        w.input("x", {std::string("batch"), std::string("sequence"), h});
        w.scalar("two", 2.0f);
        w.scalar("eps", 1e-12f);
        w.weight("gamma", {h});
        w.weight("beta", {h});
        w.intsAttr(w.node("ReduceMean", {"x"}, "mean"), "axes", {-1});
        w.node("Sub", {"x", "mean"}, "centred");
        w.node("Pow", {"centred", "two"}, "squared");
        w.intsAttr(w.node("ReduceMean", {"squared"}, "variance"), "axes", {-1});
        w.node("Add", {"variance", "eps"}, "variance.eps");
        w.node("Sqrt", {"variance.eps"}, "std");
        w.node("Div", {"centred", "std"}, "normed");
        w.node("Mul", {"normed", "gamma"}, "scaled");
        w.node("Add", {"scaled", "beta"}, "y");
        w.output("y");
        const int seq = 32;
        const auto graph = model::parseOnnx(w.bytes(), seq, 2, {});
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        QVERIFY2(graph->warnings.isEmpty(), qPrintable(graph->warnings.join('\n')));
        // Two reductions and five full-size elementwise ops per value, two per-token ops.
        QCOMPARE(graph->flopsPerSample(), 7.0 * seq * h + 2.0 * seq);
        QCOMPARE(graph->parameters(), 2 * h);
    }

    // Nodes listed out of order come back in a topological order.
    void nodesAreOrdered() {
        GraphWriter w = bertLayer(64, 2, 256);
        auto* nodes = w.graph().mutable_node();
        std::reverse(nodes->begin(), nodes->end());
        const auto graph = model::parseOnnx(w.bytes(), 16, 2, {});
        QVERIFY(graph.ok());
        QSet<QString> seen;
        for (const auto& op : graph->ops) {
            if (op.name == QLatin1String("scores"))
                QVERIFY(seen.contains(QStringLiteral("q.t")) && seen.contains(QStringLiteral("k.t")));
            if (op.name == QLatin1String("y"))
                QCOMPARE(seen.size(), graph->ops.size() - 1);
            seen.insert(op.name);
        }
    }

    void unknownOperatorsAreWarnedAndCountedByBytes() {
        GraphWriter w;
        w.input("x", {std::int64_t{1}, std::int64_t { 32 }});
        w.weight("W", {32, 32});
        w.node("MatMul", {"x", "W"}, "mm");
        auto& custom = w.node("FancyAttention", {"mm"}, "y");
        custom.set_domain("com.example");
        w.output("y");
        auto* opset = w.model().add_opset_import();
        opset->set_domain("com.example");
        opset->set_version(1);
        const auto graph = model::parseOnnx(w.bytes(), 8, 2, {});
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        QCOMPARE(graph->ops.size(), std::size_t{2});
        QCOMPARE(graph->ops[1].type, QStringLiteral("FancyAttention"));
        QCOMPARE(graph->ops[1].activationInBytes, std::int64_t{32 * 2});
        QVERIFY(graph->warnings.join(' ').contains(QLatin1String("FancyAttention x1")));
    }

    // External data is never opened: the weight's size comes from its dimensions.
    void externalWeightsAreNotRead() {
        GraphWriter w;
        w.input("x", {std::string("batch"), std::int64_t { 64 }});
        w.weight("W", {64, 1000});
        auto* t = w.graph().mutable_initializer(0);
        t->set_data_location(onnx::TensorProto_DataLocation_EXTERNAL);
        auto* location = t->add_external_data();
        location->set_key("location");
        location->set_value("/nonexistent/weights.bin");
        w.node("Gemm", {"x", "W"}, "y");
        w.output("y");
        const auto graph = model::parseOnnx(w.bytes(), 8, 2, {});
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        QCOMPARE(graph->parameters(), std::int64_t{64000});
        QCOMPARE(graph->ops[0].flops, 2.0 * 64 * 1000);
    }

    void loadsFromFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("layer.onnx"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bertLayer(768, 12, 3072).bytes());
        f.close();
        const auto graph = model::loadModel(path, 128, 2);
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        QCOMPARE(graph->source, path);
        QCOMPARE(graph->parameters(), analyticLayer(768, 12, 3072, 128).second);
    }

    void badGraphs_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a model") << QByteArray("this is a text file, not a model\n")
                                     << "not an ONNX model";
        const QByteArray good = bertLayer(64, 2, 256).bytes();
        QTest::newRow("truncated") << good.left(good.size() / 2) << "not an ONNX model";
        QTest::newRow("empty") << QByteArray() << "not an ONNX model";

        GraphWriter cycle;
        cycle.input("x", {std::int64_t { 4 }});
        cycle.node("Add", {"x", "b"}, "a");
        cycle.node("Relu", {"a"}, "b");
        cycle.output("b");
        QTest::newRow("cycle") << cycle.bytes() << "cycle";

        GraphWriter dangling;
        dangling.input("x", {std::int64_t { 4 }});
        dangling.node("Add", {"x", "ghost"}, "y");
        dangling.output("y");
        QTest::newRow("dangling input") << dangling.bytes() << "reads 'ghost'";

        GraphWriter hugeInput;
        hugeInput.input("x", {std::int64_t{1}, std::int64_t { 1'000'000'000'000 }});
        hugeInput.node("Relu", {"x"}, "y");
        hugeInput.output("y");
        QTest::newRow("absurd input dimension") << hugeInput.bytes() << "absurd dimension 1000000000000";

        GraphWriter hugeWeight;
        hugeWeight.input("x", {std::int64_t{1}, std::int64_t { 4 }});
        hugeWeight.weight("W", {4, 1'000'000'000'000});
        hugeWeight.node("MatMul", {"x", "W"}, "y");
        hugeWeight.output("y");
        QTest::newRow("absurd weight dimension")
            << hugeWeight.bytes() << "tensor 'W' has an absurd dimension";

        GraphWriter lying;
        lying.input("x", {std::int64_t { 4 }});
        lying.ints("shape", {2, 2});
        lying.graph().mutable_initializer(0)->add_dims(5);
        lying.node("Reshape", {"x", "shape"}, "y");
        lying.output("y");
        QTest::newRow("initializer data does not match dims")
            << lying.bytes() << "holds 2 values for 10 elements";
    }
    void badGraphs() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto graph = model::parseOnnx(bytes, 128, 2, QStringLiteral("bad.onnx"));
        QVERIFY(!graph.ok());
        QVERIFY2(graph.error().message.contains(expected), qPrintable(graph.error().toString()));
        QCOMPARE(graph.error().where, QStringLiteral("bad.onnx"));
    }
#else
    void reportsMissingSupport() {
        const auto graph = model::parseOnnx(QByteArray("x"), 128, 2, QStringLiteral("m.onnx"));
        QVERIFY(!graph.ok());
        QVERIFY(graph.error().message.contains(QLatin1String("no ONNX support")));
    }
#endif
};

QTEST_GUILESS_MAIN(TestModelOnnx)
#include "tst_model_onnx.moc"
