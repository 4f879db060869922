#include "model/model_loader.h"

#include "model/hf_config.h"
#include "model/onnx_loader.h"
#include "model/presets.h"
#include "model/safetensors_header.h"
#include "model/transformer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pipescope::model {
namespace {

constexpr qint64 kMaxConfigFileBytes = 4 * 1024 * 1024;

Result<ModelGraph> loadHfFolder(const QString& configPath, int sequenceLength, int dtypeBytes) {
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot open: %1").arg(file.errorString()), configPath);
    if (file.size() > kMaxConfigFileBytes)
        return makeError(QStringLiteral("%1 bytes is far too large for a config.json").arg(file.size()),
                         configPath);
    const QFileInfo info(configPath);
    // Hugging Face folders are named after the checkpoint ("bert-base-uncased").
    const QString name = info.dir().dirName().isEmpty() || info.dir().dirName() == QLatin1String(".")
                             ? info.completeBaseName()
                             : info.dir().dirName();
    Result<ModelGraph> graph = loadHfConfig(file.readAll(), name, sequenceLength, dtypeBytes, configPath);
    if (!graph)
        return graph;
    graph.value().source = configPath;
    const QString weights = info.dir().filePath(QStringLiteral("model.safetensors"));
    if (QFileInfo::exists(weights)) {
        const auto header = readSafetensorsHeader(weights);
        if (!header)
            graph.value().warnings
                << QStringLiteral("model.safetensors not checked: %1").arg(header.error().toString());
        else if (auto mismatch = compareWithGraph(*header, *graph))
            graph.value().warnings << *mismatch;
    }
    return graph;
}

bool looksLikeJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(64).trimmed();
    return head.startsWith('{');
}

} // namespace

Result<ModelGraph> loadHfConfig(const QByteArray& json, const QString& name, int sequenceLength,
                                int dtypeBytes, const QString& origin) {
    Result<TransformerConfig> config = parseHfConfig(json, origin);
    if (!config)
        return config.error();
    if (sequenceLength < 1 || sequenceLength > config->maxPositions)
        return makeError(
            QStringLiteral("sequence length %1 is outside 1..%2 (the model's position embeddings)")
                .arg(sequenceLength)
                .arg(config->maxPositions),
            QStringLiteral("--seq-len"));
    if (dtypeBytes < 1 || dtypeBytes > 8)
        return makeError(QStringLiteral("data type of %1 bytes is not supported").arg(dtypeBytes));
    config.value().name = name;
    return buildTransformer(*config, sequenceLength, dtypeBytes);
}

Result<ModelGraph> loadModel(const QString& nameOrPath, int sequenceLength, int dtypeBytes) {
    if (presetNames().contains(nameOrPath))
        return buildPreset(nameOrPath, sequenceLength, dtypeBytes);
    const QFileInfo info(nameOrPath);
    if (!info.exists())
        return makeError(
            QStringLiteral("'%1' is neither a built-in model (%2) nor an existing file or folder")
                .arg(nameOrPath, presetNames().join(QStringLiteral(", "))),
            QStringLiteral("--model"));
    // A device or pipe (/dev/zero, a FIFO) reports size 0 and would be read without end.
    if (!info.isDir() && !info.isFile())
        return makeError(QStringLiteral("is not a regular file or folder"), nameOrPath);
    if (info.isDir()) {
        const QDir dir(nameOrPath);
        if (dir.exists(QStringLiteral("config.json")))
            return loadHfFolder(dir.filePath(QStringLiteral("config.json")), sequenceLength, dtypeBytes);
        const QStringList onnx = dir.entryList({QStringLiteral("*.onnx")}, QDir::Files, QDir::Name);
        if (onnx.size() == 1)
            return loadOnnxFile(dir.filePath(onnx.first()), sequenceLength, dtypeBytes);
        return makeError(
            QStringLiteral("the folder holds no config.json (Hugging Face model) and not exactly one "
                           ".onnx file"),
            nameOrPath);
    }
    if (info.suffix().compare(QLatin1String("onnx"), Qt::CaseInsensitive) == 0)
        return loadOnnxFile(nameOrPath, sequenceLength, dtypeBytes);
    if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 || looksLikeJson(nameOrPath))
        return loadHfFolder(nameOrPath, sequenceLength, dtypeBytes);
    Result<ModelGraph> onnx = loadOnnxFile(nameOrPath, sequenceLength, dtypeBytes);
    if (!onnx)
        return makeError(
            QStringLiteral("not a model: neither a Hugging Face config.json nor an ONNX file (%1)")
                .arg(onnx.error().message),
            nameOrPath);
    return onnx;
}

} // namespace pipescope::model
