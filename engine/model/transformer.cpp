#include "model/transformer.h"

namespace pipescope::model {
namespace {

// Accumulates operators with their per-sample costs; keeps the builder below readable.
class GraphBuilder {
public:
    GraphBuilder(ModelGraph& graph, int dtypeBytes)
        : m_graph(graph)
        , m_dtype(dtypeBytes) {}

    // A dense layer applied to `rows` tokens: y = x W + b with W of shape in x out.
    void dense(const QString& name, std::int64_t rows, std::int64_t in, std::int64_t out, bool bias = true) {
        const std::int64_t params = in * out + (bias ? out : 0);
        add(name, QStringLiteral("MatMul"), EngineKind::Tensor, 2.0 * rows * in * out, params, rows * in,
            rows * out);
    }
    // A weight-free batched matmul (attention scores and context).
    void batchedMatMul(const QString& name, double flops, std::int64_t inElems, std::int64_t outElems) {
        add(name, QStringLiteral("MatMul"), EngineKind::Tensor, flops, 0, inElems, outElems);
    }
    // An embedding table of `rows` x `width` from which `used` rows are gathered per sample.
    void gather(const QString& name, std::int64_t rows, std::int64_t width, std::int64_t used) {
        const std::int64_t params = rows * width;
        Operator& op = add(name, QStringLiteral("Gather"), EngineKind::Vector, 0, params, used, used * width);
        op.weightReadBytes = std::min(rows, used) * width * m_dtype;
    }
    void elementwise(const QString& name, const QString& type, EngineKind engine, double flopsPerElem,
                     std::int64_t elems, std::int64_t params = 0) {
        add(name, type, engine, flopsPerElem * elems, params, elems, elems);
    }

private:
    Operator& add(const QString& name, const QString& type, EngineKind engine, double flops,
                  std::int64_t params, std::int64_t inElems, std::int64_t outElems) {
        m_graph.ops.push_back(makeOperator(name, type, engine, flops, params, inElems, outElems, m_dtype));
        return m_graph.ops.back();
    }

    ModelGraph& m_graph;
    int m_dtype;
};

// One encoder layer: attention, then the feed-forward block, with pre- or post-layer norms.
void addLayer(GraphBuilder& b, const TransformerConfig& c, int l, std::int64_t s) {
    const std::int64_t h = c.hidden;
    const std::int64_t tokens = s * h;
    const double headDim = static_cast<double>(h) / c.heads;
    const QString p = QStringLiteral("layer.%1.").arg(l);
    if (c.preLayerNorm)
        b.elementwise(p + QStringLiteral("attention.layernorm"), QStringLiteral("LayerNorm"),
                      EngineKind::Vector, 8, tokens, 2 * h);
    b.dense(p + QStringLiteral("attention.qkv"), s, h, 3 * h);
    b.batchedMatMul(p + QStringLiteral("attention.scores"), 2.0 * c.heads * s * s * headDim, 2 * tokens,
                    c.heads * s * s);
    b.elementwise(p + QStringLiteral("attention.softmax"), QStringLiteral("Softmax"), EngineKind::Scalar, 5,
                  c.heads * s * s);
    b.batchedMatMul(p + QStringLiteral("attention.context"), 2.0 * c.heads * s * s * headDim,
                    c.heads * s * s + tokens, tokens);
    b.dense(p + QStringLiteral("attention.output"), s, h, h);
    if (c.preLayerNorm) {
        b.elementwise(p + QStringLiteral("attention.residual"), QStringLiteral("Add"), EngineKind::Vector, 1,
                      tokens);
        b.elementwise(p + QStringLiteral("ffn.layernorm"), QStringLiteral("LayerNorm"), EngineKind::Vector, 8,
                      tokens, 2 * h);
    } else {
        b.elementwise(p + QStringLiteral("attention.add_layernorm"), QStringLiteral("LayerNorm"),
                      EngineKind::Vector, 10, tokens, 2 * h);
    }
    b.dense(p + QStringLiteral("ffn.intermediate"), s, h, c.intermediate);
    b.elementwise(p + QStringLiteral("ffn.") + c.activation, QStringLiteral("Gelu"), EngineKind::Scalar, 8,
                  s * c.intermediate);
    b.dense(p + QStringLiteral("ffn.output"), s, c.intermediate, h);
    if (c.preLayerNorm)
        b.elementwise(p + QStringLiteral("ffn.residual"), QStringLiteral("Add"), EngineKind::Vector, 1,
                      tokens);
    else
        b.elementwise(p + QStringLiteral("ffn.add_layernorm"), QStringLiteral("LayerNorm"),
                      EngineKind::Vector, 10, tokens, 2 * h);
}

void addEmbeddings(GraphBuilder& b, const TransformerConfig& c, std::int64_t s, std::int64_t e) {
    b.gather(QStringLiteral("embeddings.word"), c.vocabulary, e, s);
    b.gather(QStringLiteral("embeddings.position"), c.maxPositions, e, s);
    if (c.typeVocabulary > 0)
        b.gather(QStringLiteral("embeddings.token_type"), c.typeVocabulary, e, s);
    b.elementwise(QStringLiteral("embeddings.add"), QStringLiteral("Add"), EngineKind::Vector, 2, s * e);
    if (c.embeddingLayerNorm)
        b.elementwise(QStringLiteral("embeddings.layernorm"), QStringLiteral("LayerNorm"), EngineKind::Vector,
                      8, s * e, 2 * e);
    if (e != c.hidden)
        b.dense(QStringLiteral("embeddings.projection"), s, e, c.hidden);
}

} // namespace

int embeddingWidth(const TransformerConfig& config) {
    return config.embeddingSize > 0 ? config.embeddingSize : config.hidden;
}

ModelGraph buildTransformer(const TransformerConfig& c, int sequenceLength, int dtypeBytes) {
    ModelGraph graph;
    graph.name = c.name;
    graph.family = c.family;
    graph.source = QStringLiteral("architecture");
    graph.sequenceLength = sequenceLength;
    graph.dtypeBytes = dtypeBytes;

    const std::int64_t s = sequenceLength;
    const std::int64_t h = c.hidden;
    const std::int64_t tokens = s * h;
    GraphBuilder b(graph, dtypeBytes);
    addEmbeddings(b, c, s, embeddingWidth(c));
    for (int l = 0; l < c.layers; ++l) {
        const std::size_t firstOfLayer = graph.ops.size();
        addLayer(b, c, l, s);
        // ALBERT: the first layer owns the shared weights; the others execute (and read) them again.
        if (c.sharedLayers && l > 0)
            for (std::size_t i = firstOfLayer; i < graph.ops.size(); ++i) {
                graph.ops[i].parameters = 0;
                graph.ops[i].weightBytes = 0;
            }
    }
    if (c.preLayerNorm)
        b.elementwise(QStringLiteral("final.layernorm"), QStringLiteral("LayerNorm"), EngineKind::Vector, 8,
                      tokens, 2 * h);
    if (c.pooler) {
        b.dense(QStringLiteral("pooler.dense"), 1, h, h);
        b.elementwise(QStringLiteral("pooler.tanh"), QStringLiteral("Tanh"), EngineKind::Scalar, 4, h);
    }
    if (c.lmHead) {
        b.dense(QStringLiteral("lm_head"), s, h, c.vocabulary, false);
        // A tied head multiplies by the word embedding table: no parameters of its own, but the
        // whole table is read, not a few rows.
        if (c.tiedLmHead) {
            graph.ops.back().parameters = 0;
            graph.ops.back().weightBytes = 0;
        }
    }
    return graph;
}

} // namespace pipescope::model
