#include "model/resnet.h"

namespace pipescope::model {
namespace {

// Tracks the current feature map (channels x side x side) while operators are appended.
class ConvNetBuilder {
public:
    ConvNetBuilder(ModelGraph& graph, int channels, int side, int dtypeBytes)
        : m_graph(graph)
        , m_channels(channels)
        , m_side(side)
        , m_dtype(dtypeBytes) {}

    int channels() const { return m_channels; }
    int side() const { return m_side; }
    void setShape(int channels, int side) {
        m_channels = channels;
        m_side = side;
    }

    void conv(const QString& name, int out, int kernel, int stride) {
        const int pad = kernel / 2;
        const int outSide = (m_side + 2 * pad - kernel) / stride + 1;
        const std::int64_t params = std::int64_t{out} * m_channels * kernel * kernel;
        const double flops = 2.0 * outSide * outSide * static_cast<double>(params);
        add(name, QStringLiteral("Conv"), EngineKind::Tensor, flops, params, elems(), elems(out, outSide));
        setShape(out, outSide);
    }
    void batchNorm(const QString& name) {
        add(name, QStringLiteral("BatchNorm"), EngineKind::Vector, 2.0 * elems(), 2 * m_channels, elems(),
            elems());
    }
    void relu(const QString& name) {
        add(name, QStringLiteral("Relu"), EngineKind::Vector, elems(), 0, elems(), elems());
    }
    void add(const QString& name) {
        add(name, QStringLiteral("Add"), EngineKind::Vector, elems(), 0, 2 * elems(), elems());
    }
    void maxPool(const QString& name, int kernel, int stride) {
        const int pad = kernel / 2;
        const int outSide = (m_side + 2 * pad - kernel) / stride + 1;
        const std::int64_t in = elems();
        const std::int64_t out = elems(m_channels, outSide);
        add(name, QStringLiteral("MaxPool"), EngineKind::Vector, static_cast<double>(out) * kernel * kernel,
            0, in, out);
        m_side = outSide;
    }
    void globalAveragePool(const QString& name) {
        add(name, QStringLiteral("GlobalAveragePool"), EngineKind::Vector, elems(), 0, elems(), m_channels);
        m_side = 1;
    }
    void fullyConnected(const QString& name, int out) {
        const std::int64_t params = std::int64_t{m_channels} * out + out;
        add(name, QStringLiteral("Gemm"), EngineKind::Tensor, 2.0 * m_channels * out, params, m_channels,
            out);
        setShape(out, 1);
    }

private:
    std::int64_t elems() const { return elems(m_channels, m_side); }
    static std::int64_t elems(int channels, int side) { return std::int64_t{channels} * side * side; }

    void add(const QString& name, const QString& type, EngineKind engine, double flops, std::int64_t params,
             std::int64_t inElems, std::int64_t outElems) {
        m_graph.ops.push_back(makeOperator(name, type, engine, flops, params, inElems, outElems, m_dtype));
    }

    ModelGraph& m_graph;
    int m_channels;
    int m_side;
    int m_dtype;
};

} // namespace

ModelGraph buildResNet(const ResNetConfig& config, int imageSize, int dtypeBytes) {
    ModelGraph graph;
    graph.name = config.name;
    graph.family = QStringLiteral("resnet");
    graph.source = QStringLiteral("architecture");
    graph.sequenceLength = imageSize;
    graph.dtypeBytes = dtypeBytes;

    ConvNetBuilder b(graph, 3, imageSize, dtypeBytes);
    b.conv(QStringLiteral("conv1"), config.stemChannels, 7, 2);
    b.batchNorm(QStringLiteral("bn1"));
    b.relu(QStringLiteral("relu1"));
    b.maxPool(QStringLiteral("maxpool"), 3, 2);

    int width = config.stemChannels;
    for (int stage = 0; stage < 4; ++stage) {
        for (int block = 0; block < config.blocks[stage]; ++block) {
            const QString p = QStringLiteral("layer%1.%2.").arg(stage + 1).arg(block);
            const int stride = (stage > 0 && block == 0) ? 2 : 1;
            const int inChannels = b.channels();
            const int inSide = b.side();
            const int out = 4 * width;
            b.conv(p + QStringLiteral("conv1"), width, 1, 1);
            b.batchNorm(p + QStringLiteral("bn1"));
            b.relu(p + QStringLiteral("relu1"));
            b.conv(p + QStringLiteral("conv2"), width, 3, stride);
            b.batchNorm(p + QStringLiteral("bn2"));
            b.relu(p + QStringLiteral("relu2"));
            b.conv(p + QStringLiteral("conv3"), out, 1, 1);
            b.batchNorm(p + QStringLiteral("bn3"));
            if (block == 0) {
                // The shortcut needs the block input's shape: project it to the output's.
                const int mainSide = b.side();
                b.setShape(inChannels, inSide);
                b.conv(p + QStringLiteral("downsample.conv"), out, 1, stride);
                b.batchNorm(p + QStringLiteral("downsample.bn"));
                b.setShape(out, mainSide);
            }
            b.add(p + QStringLiteral("add"));
            b.relu(p + QStringLiteral("relu3"));
        }
        width *= 2;
    }
    b.globalAveragePool(QStringLiteral("avgpool"));
    b.fullyConnected(QStringLiteral("fc"), config.classes);
    return graph;
}

} // namespace pipescope::model
