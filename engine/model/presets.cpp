#include "model/presets.h"

#include "model/resnet.h"
#include "model/transformer.h"

#include <map>

namespace pipescope::model {
namespace {

// Published architecture parameters (Hugging Face config.json of each checkpoint).
const std::map<QString, TransformerConfig>& transformerPresets() {
    static const std::map<QString, TransformerConfig> presets = [] {
        std::map<QString, TransformerConfig> m;
        auto add = [&m](TransformerConfig c) { m[c.name] = c; };
        add({QStringLiteral("bert-base-uncased"), QStringLiteral("bert"), 12, 768, 12, 3072, 30522, 512, 2,
             true, QStringLiteral("gelu")});
        add({QStringLiteral("bert-large-uncased"), QStringLiteral("bert"), 24, 1024, 16, 4096, 30522, 512, 2,
             true, QStringLiteral("gelu")});
        add({QStringLiteral("distilbert-base-uncased"), QStringLiteral("distilbert"), 6, 768, 12, 3072, 30522,
             512, 0, false, QStringLiteral("gelu")});
        add({QStringLiteral("roberta-base"), QStringLiteral("roberta"), 12, 768, 12, 3072, 50265, 514, 1,
             true, QStringLiteral("gelu")});
        // google/bert_uncased_L-4_H-512_A-8
        add({QStringLiteral("bert-small"), QStringLiteral("bert"), 4, 512, 8, 2048, 30522, 512, 2, true,
             QStringLiteral("gelu")});
        return m;
    }();
    return presets;
}

const QString kResNet50 = QStringLiteral("resnet50");
constexpr int kMinImageSize = 32; // below this the last stage has no pixel left
constexpr int kMaxImageSize = 2048;

} // namespace

QStringList presetNames() {
    QStringList names;
    for (const auto& [name, config] : transformerPresets())
        names << name;
    names << kResNet50;
    return names;
}

bool isImagePreset(const QString& name) {
    return name == kResNet50;
}

int defaultSequenceLength(const QString& name) {
    return isImagePreset(name) ? 224 : 128;
}

Result<ModelGraph> buildPreset(const QString& name, int sequenceLength, int dtypeBytes) {
    if (dtypeBytes < 1 || dtypeBytes > 8)
        return makeError(QStringLiteral("data type of %1 bytes is not supported (1..8)").arg(dtypeBytes),
                         QStringLiteral("--dtype"));
    if (isImagePreset(name)) {
        if (sequenceLength < kMinImageSize || sequenceLength > kMaxImageSize)
            return makeError(QStringLiteral("%1 takes an image size in pixels, %2..%3 (224 is the published "
                                            "one), not %4")
                                 .arg(name)
                                 .arg(kMinImageSize)
                                 .arg(kMaxImageSize)
                                 .arg(sequenceLength),
                             QStringLiteral("--seq-len"));
        ModelGraph graph = buildResNet(ResNetConfig{}, sequenceLength, dtypeBytes);
        graph.source = QStringLiteral("preset");
        return graph;
    }
    const auto it = transformerPresets().find(name);
    if (it == transformerPresets().end())
        return makeError(QStringLiteral("unknown model '%1'; built-in models: %2")
                             .arg(name, presetNames().join(QStringLiteral(", "))),
                         QStringLiteral("--model"));
    if (sequenceLength < 1 || sequenceLength > it->second.maxPositions)
        return makeError(QStringLiteral("sequence length %1 is outside 1..%2 for %3")
                             .arg(sequenceLength)
                             .arg(it->second.maxPositions)
                             .arg(name),
                         QStringLiteral("--seq-len"));
    ModelGraph graph = buildTransformer(it->second, sequenceLength, dtypeBytes);
    graph.source = QStringLiteral("preset");
    return graph;
}

} // namespace pipescope::model
