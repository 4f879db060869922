// Built-in models: parameter counts match the published ones, FLOPs follow the analytic formula,
// and the image model takes an image size where transformers take a sequence length.
#include "model/presets.h"
#include "model/transformer.h"

#include <QTest>

using namespace pipescope;

namespace {

// Sum of the FLOPs of the operators of one type.
double flopsOfType(const model::ModelGraph& g, const QString& type) {
    double sum = 0;
    for (const auto& op : g.ops)
        if (op.type == type)
            sum += op.flops;
    return sum;
}

} // namespace

class TestModelPresets : public QObject {
    Q_OBJECT

private slots:
    void publishedParameters_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("published");
        // Parameter counts of the published checkpoints (base models, no task head).
        QTest::newRow("bert-base-uncased") << "bert-base-uncased" << 109'482'240.0;
        QTest::newRow("bert-large-uncased") << "bert-large-uncased" << 335'141'888.0;
        QTest::newRow("distilbert-base-uncased") << "distilbert-base-uncased" << 66'362'880.0;
        QTest::newRow("roberta-base") << "roberta-base" << 124'645'632.0;
        QTest::newRow("bert-small (google/bert_uncased_L-4_H-512_A-8)") << "bert-small" << 28'763'648.0;
        QTest::newRow("resnet50") << "resnet50" << 25'557'032.0;
    }
    void publishedParameters() {
        QFETCH(QString, name);
        QFETCH(double, published);
        const auto graph = model::buildPreset(name, model::defaultSequenceLength(name), 2);
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        const double params = static_cast<double>(graph->parameters());
        QVERIFY2(std::abs(params - published) <= 0.01 * published,
                 qPrintable(
                     QStringLiteral("%1: %2 parameters, published %3").arg(name).arg(params).arg(published)));
        QCOMPARE(graph->weightBytes(), graph->parameters() * 2);
        QCOMPARE(graph->source, QStringLiteral("preset"));
    }

    void presetListHoldsEveryModel() {
        const QStringList names = model::presetNames();
        for (const char* n : {"bert-base-uncased", "bert-large-uncased", "distilbert-base-uncased",
                              "roberta-base", "bert-small", "resnet50"})
            QVERIFY2(names.contains(QString::fromLatin1(n)), n);
        QVERIFY(model::isImagePreset(QStringLiteral("resnet50")));
        QVERIFY(!model::isImagePreset(QStringLiteral("bert-base-uncased")));
        QCOMPARE(model::defaultSequenceLength(QStringLiteral("resnet50")), 224);
        QCOMPARE(model::defaultSequenceLength(QStringLiteral("roberta-base")), 128);
    }

    // FLOPs per sample of a BERT-like encoder, operator by operator as the builder counts them:
    // dense layers 2*s*in*out, attention 2 * 2*s*s*h, softmax 5, layer norms 8 or 10 (with the
    // residual add), GELU 8 per element, pooler on the first token.
    void transformerFlops_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("seq");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("inter");
        QTest::addColumn<bool>("pooler");
        QTest::newRow("bert-base 128") << "bert-base-uncased" << 128 << 12 << 768 << 12 << 3072 << true;
        QTest::newRow("bert-base 384") << "bert-base-uncased" << 384 << 12 << 768 << 12 << 3072 << true;
        QTest::newRow("bert-large 128") << "bert-large-uncased" << 128 << 24 << 1024 << 16 << 4096 << true;
        QTest::newRow("distilbert 64") << "distilbert-base-uncased" << 64 << 6 << 768 << 12 << 3072 << false;
        QTest::newRow("bert-small 512") << "bert-small" << 512 << 4 << 512 << 8 << 2048 << true;
    }
    void transformerFlops() {
        QFETCH(QString, name);
        QFETCH(int, seq);
        QFETCH(int, layers);
        QFETCH(int, h);
        QFETCH(int, heads);
        QFETCH(int, inter);
        QFETCH(bool, pooler);
        const auto graph = model::buildPreset(name, seq, 2);
        QVERIFY(graph.ok());
        const double s = seq;
        const double matmul =
            layers * (2 * s * (4.0 * h * h + 2.0 * h * inter) + 4 * s * s * h) + (pooler ? 2.0 * h * h : 0.0);
        QCOMPARE(flopsOfType(*graph, QStringLiteral("MatMul")), matmul);
        const double other = 2 * s * h + 8 * s * h +
                             layers * (5 * heads * s * s + 2 * 10 * s * h + 8 * s * inter) +
                             (pooler ? 4.0 * h : 0);
        QVERIFY(qFuzzyCompare(graph->flopsPerSample(), matmul + other));
    }

    // The simulator is calibrated on this graph: its shape must not drift unnoticed.
    void bertBaseOperatorListIsStable() {
        const auto graph = model::buildPreset(QStringLiteral("bert-base-uncased"), 128, 2);
        QVERIFY(graph.ok());
        QCOMPARE(graph->ops.size(), std::size_t{5 + 12 * 10 + 2});
        QCOMPARE(graph->ops.front().name, QStringLiteral("embeddings.word"));
        QCOMPARE(graph->ops[5].name, QStringLiteral("layer.0.attention.qkv"));
        QCOMPARE(graph->ops.back().name, QStringLiteral("pooler.tanh"));
        // The word embedding gather reads only the 128 rows it uses.
        QCOMPARE(graph->ops.front().weightReadBytes, std::int64_t{128 * 768 * 2});
        QCOMPARE(graph->ops.front().weightBytes, std::int64_t{30522LL * 768 * 2});
    }

    // ResNet-50 at 224x224 is about 4.1 G multiply-adds, nearly all in its 53 convolutions.
    void resnetFlops() {
        const auto graph = model::buildPreset(QStringLiteral("resnet50"), 224, 2);
        QVERIFY(graph.ok());
        int convs = 0;
        for (const auto& op : graph->ops)
            convs += op.type == QLatin1String("Conv");
        QCOMPARE(convs, 53);
        const double conv = flopsOfType(*graph, QStringLiteral("Conv"));
        QVERIFY2(std::abs(conv / 2 - 4.09e9) < 0.02 * 4.09e9, qPrintable(QString::number(conv)));
        // conv1: 7x7 over 3 channels to 64 at 112x112 output.
        QCOMPARE(graph->ops.front().flops, 2.0 * 112 * 112 * 64 * 3 * 49);
        QCOMPARE(graph->ops.back().type, QStringLiteral("Gemm"));
        QCOMPARE(graph->ops.back().flops, 2.0 * 2048 * 1000);
        // Pixels grow 4x at twice the side: so do the convolutions (same weights).
        const auto big = model::buildPreset(QStringLiteral("resnet50"), 448, 2);
        QVERIFY(big.ok());
        QCOMPARE(big->parameters(), graph->parameters());
        QVERIFY(std::abs(flopsOfType(*big, QStringLiteral("Conv")) / conv - 4.0) < 0.01);
        QCOMPARE(big->sequenceLength, 448);
    }

    void badArguments_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("seq");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown model") << "gpt-9" << 128 << "unknown model 'gpt-9'";
        QTest::newRow("sequence beyond positions") << "bert-base-uncased" << 513 << "outside 1..512";
        QTest::newRow("sequence 0") << "bert-small" << 0 << "outside 1..512";
        QTest::newRow("image too small") << "resnet50" << 16 << "image size";
        QTest::newRow("image too large") << "resnet50" << 100000 << "image size";
    }
    void badArguments() {
        QFETCH(QString, name);
        QFETCH(int, seq);
        QFETCH(QString, expected);
        const auto graph = model::buildPreset(name, seq, 2);
        QVERIFY(!graph.ok());
        QVERIFY2(graph.error().message.contains(expected), qPrintable(graph.error().message));
    }
};

QTEST_GUILESS_MAIN(TestModelPresets)
#include "tst_model_presets.moc"
