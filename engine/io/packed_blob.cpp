#include "io/packed_blob.h"

namespace pipescope::io {

namespace {
constexpr qint64 kZlibMaxRatio = 1032;
constexpr qint64 kZlibSlack = 64; // stream header and an empty final block
} // namespace

QString encodeBlob(const QByteArray& raw) {
    return QString::fromLatin1(qCompress(raw, 6).toBase64());
}

qint64 maxInflatedSize(qint64 compressedBytes) {
    return compressedBytes * kZlibMaxRatio + kZlibSlack;
}

std::optional<QByteArray> decodeBlob(const QJsonValue& value, qint64 expectedBytes, qint64* budget,
                                     const QString& path, Diagnostics* diagnostics) {
    if (!value.isString()) {
        diagnostics->fail(path, QStringLiteral("must be a base64 string"));
        return std::nullopt;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        diagnostics->fail(path, QStringLiteral("is not valid base64"));
        return std::nullopt;
    }
    const QByteArray& compressed = *decoded;
    if (compressed.size() < 4) {
        diagnostics->fail(
            path, QStringLiteral("is too short to be compressed data (%1 bytes)").arg(compressed.size()));
        return std::nullopt;
    }
    const auto* header = reinterpret_cast<const uchar*>(compressed.constData());
    const qint64 declared = qFromBigEndian<quint32>(header);
    if (declared != expectedBytes) {
        diagnostics->fail(path, QStringLiteral("declares %1 bytes once inflated but its counts need %2")
                                    .arg(declared)
                                    .arg(expectedBytes));
        return std::nullopt;
    }
    if (declared > maxInflatedSize(compressed.size() - 4)) {
        diagnostics->fail(path, QStringLiteral("claims %1 bytes from only %2 compressed bytes")
                                    .arg(declared)
                                    .arg(compressed.size()));
        return std::nullopt;
    }
    if (declared > *budget) {
        diagnostics->fail(
            path, QStringLiteral("would inflate past the reader's limit (%1 bytes left)").arg(*budget));
        return std::nullopt;
    }
    *budget -= declared;
    if (declared == 0)
        return QByteArray();
    QByteArray raw = qUncompress(compressed);
    if (raw.size() != declared) {
        diagnostics->fail(path, QStringLiteral("is damaged: it inflates to %1 bytes instead of %2")
                                    .arg(raw.size())
                                    .arg(declared));
        return std::nullopt;
    }
    return raw;
}

} // namespace pipescope::io
