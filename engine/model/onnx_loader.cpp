#include "model/onnx_loader.h"

#include <QFile>
#include <QFileInfo>

#ifdef PIPESCOPE_HAVE_ONNX
#include "model/onnx_graph.h"
#endif

namespace pipescope::model {

bool onnxSupported() {
#ifdef PIPESCOPE_HAVE_ONNX
    return true;
#else
    return false;
#endif
}

Result<ModelGraph> parseOnnx(const QByteArray& bytes, int sequenceLength, int dtypeBytes,
                             const QString& origin) {
    if (sequenceLength < 1 || sequenceLength > 1'000'000)
        return makeError(QStringLiteral("sequence length %1 is outside 1..1000000").arg(sequenceLength),
                         QStringLiteral("--seq-len"));
    if (dtypeBytes < 1 || dtypeBytes > 8)
        return makeError(QStringLiteral("data type of %1 bytes is not supported").arg(dtypeBytes));
#ifdef PIPESCOPE_HAVE_ONNX
    return buildOnnxGraph(bytes, sequenceLength, dtypeBytes, origin);
#else
    Q_UNUSED(bytes);
    return makeError(QStringLiteral("this build of Pipescope has no ONNX support (libonnx-dev was not found "
                                    "when it was compiled)"),
                     origin);
#endif
}

Result<ModelGraph> loadOnnxFile(const QString& path, int sequenceLength, int dtypeBytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot open: %1").arg(file.errorString()), path);
    if (file.size() > kMaxOnnxBytes)
        return makeError(
            QStringLiteral("%1 bytes is beyond the 2 GiB a protobuf message can hold; export the "
                           "weights as external data")
                .arg(file.size()),
            path);
    Result<ModelGraph> graph = parseOnnx(file.readAll(), sequenceLength, dtypeBytes, path);
    if (graph) {
        graph.value().source = path;
        if (graph->name.isEmpty())
            graph.value().name = QFileInfo(path).completeBaseName();
    }
    return graph;
}

} // namespace pipescope::model
