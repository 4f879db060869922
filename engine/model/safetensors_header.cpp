#include "model/safetensors_header.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>
#include <limits>

namespace pipescope::model {
namespace {

// Bytes per element of the safetensors dtypes; 0 for unknown names.
int dtypeSize(const QString& dtype) {
    static const std::map<QString, int> sizes = {
        {QStringLiteral("F64"), 8},  {QStringLiteral("F32"), 4},     {QStringLiteral("F16"), 2},
        {QStringLiteral("BF16"), 2}, {QStringLiteral("F8_E4M3"), 1}, {QStringLiteral("F8_E5M2"), 1},
        {QStringLiteral("I64"), 8},  {QStringLiteral("I32"), 4},     {QStringLiteral("I16"), 2},
        {QStringLiteral("I8"), 1},   {QStringLiteral("U64"), 8},     {QStringLiteral("U32"), 4},
        {QStringLiteral("U16"), 2},  {QStringLiteral("U8"), 1},      {QStringLiteral("BOOL"), 1}};
    const auto it = sizes.find(dtype);
    return it == sizes.end() ? 0 : it->second;
}

bool isFloat(const QString& dtype) {
    return dtype.startsWith(QLatin1Char('F')) || dtype == QLatin1String("BF16");
}

// Elements of one tensor, or an error naming it; refuses products beyond any real checkpoint.
Result<std::int64_t> tensorElements(const QString& name, const QJsonObject& info, std::int64_t dataBytes,
                                    const QString& origin) {
    const QString where = QStringLiteral("%1: header tensor '%2'").arg(origin, name.left(80));
    const QString dtype = info.value(QStringLiteral("dtype")).toString();
    const int size = dtypeSize(dtype);
    if (size == 0)
        return makeError(QStringLiteral("unknown dtype '%1'").arg(dtype.left(20)), where);
    const QJsonValue shape = info.value(QStringLiteral("shape"));
    if (!shape.isArray())
        return makeError(QStringLiteral("'shape' must be an array"), where);
    constexpr double kMaxElements = 1e13;
    double elements = 1;
    for (const QJsonValue& dim : shape.toArray()) {
        const double d = dim.toDouble(-1);
        if (!dim.isDouble() || d < 0 || d != std::floor(d) || d > kMaxElements)
            return makeError(QStringLiteral("shape dimensions must be whole numbers in 0..1e13"), where);
        elements *= d;
        if (elements > kMaxElements)
            return makeError(QStringLiteral("shape holds more than 1e13 elements"), where);
    }
    const QJsonArray offsets = info.value(QStringLiteral("data_offsets")).toArray();
    if (offsets.size() != 2)
        return makeError(QStringLiteral("'data_offsets' must be [begin, end]"), where);
    const double begin = offsets[0].toDouble(-1);
    const double end = offsets[1].toDouble(-1);
    if (begin < 0 || end < begin || end - begin != elements * size)
        return makeError(QStringLiteral("data_offsets [%1, %2] do not hold %3 elements of %4")
                             .arg(begin, 0, 'f', 0)
                             .arg(end, 0, 'f', 0)
                             .arg(elements, 0, 'f', 0)
                             .arg(dtype),
                         where);
    if (dataBytes >= 0 && end > static_cast<double>(dataBytes))
        return makeError(
            QStringLiteral("data ends at byte %1 but the file holds %2 bytes of data (truncated?)")
                .arg(end, 0, 'f', 0)
                .arg(dataBytes),
            where);
    return static_cast<std::int64_t>(elements);
}

} // namespace

Result<SafetensorsSummary> parseSafetensorsHeader(const QByteArray& bytes, std::int64_t fileSize,
                                                  const QString& origin) {
    if (bytes.size() < 8)
        return makeError(QStringLiteral("too short for a safetensors file (no 8-byte header length)"),
                         origin);
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | static_cast<unsigned char>(bytes[i]);
    if (length < 2 || length > static_cast<std::uint64_t>(kMaxSafetensorsHeaderBytes))
        return makeError(QStringLiteral("header length %1 is not plausible (2..%2 bytes)")
                             .arg(length)
                             .arg(kMaxSafetensorsHeaderBytes),
                         origin);
    const auto headerBytes = static_cast<qsizetype>(length);
    if (bytes.size() - 8 < headerBytes || (fileSize >= 0 && fileSize - 8 < headerBytes))
        return makeError(
            QStringLiteral("the header announces %1 bytes but the file is shorter (truncated)").arg(length),
            origin);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(8, headerBytes), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("the header is not a JSON object (%1)").arg(parseError.errorString()),
                         origin);
    const std::int64_t dataBytes = fileSize >= 0 ? fileSize - 8 - headerBytes : -1;

    SafetensorsSummary summary;
    const QJsonObject tensors = doc.object();
    for (auto it = tensors.begin(); it != tensors.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        if (!it.value().isObject())
            return makeError(QStringLiteral("entry '%1' is not an object").arg(it.key().left(80)), origin);
        const QJsonObject info = it.value().toObject();
        const auto elements = tensorElements(it.key(), info, dataBytes, origin);
        if (!elements)
            return elements.error();
        const QString dtype = info.value(QStringLiteral("dtype")).toString();
        summary.elementsByDtype[dtype] += *elements;
        if (isFloat(dtype))
            summary.floatParameters += *elements;
        ++summary.tensors;
    }
    return summary;
}

Result<SafetensorsSummary> readSafetensorsHeader(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot open: %1").arg(file.errorString()), path);
    QByteArray bytes = file.read(8);
    if (bytes.size() == 8) {
        std::uint64_t length = 0;
        for (int i = 7; i >= 0; --i)
            length = (length << 8) | static_cast<unsigned char>(bytes[i]);
        // Read the header only, and only when its length is plausible and within the file.
        if (length <= static_cast<std::uint64_t>(kMaxSafetensorsHeaderBytes) &&
            length <= static_cast<std::uint64_t>(file.size()))
            bytes += file.read(static_cast<qint64>(length));
    }
    return parseSafetensorsHeader(bytes, file.size(), path);
}

std::optional<QString> compareWithGraph(const SafetensorsSummary& summary, const ModelGraph& graph) {
    const double graphParams = static_cast<double>(graph.parameters());
    const double fileParams = static_cast<double>(summary.floatParameters);
    const double scale = std::max(graphParams, 1.0);
    if (std::abs(fileParams - graphParams) <= 0.01 * scale)
        return std::nullopt;
    QStringList dtypes;
    for (const auto& [dtype, elements] : summary.elementsByDtype)
        dtypes << QStringLiteral("%1 %2").arg(elements).arg(dtype);
    return QStringLiteral("model.safetensors holds %1 parameters (%2) but the architecture gives %3 (%4%): "
                          "the config may not describe this checkpoint, or it holds extra heads")
        .arg(summary.floatParameters)
        .arg(dtypes.join(QStringLiteral(", ")))
        .arg(graph.parameters())
        .arg((fileParams - graphParams) / scale * 100.0, 0, 'f', 1);
}

} // namespace pipescope::model
