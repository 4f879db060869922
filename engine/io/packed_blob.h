#pragma once

#include "core/json_fields.h"

#include <QByteArray>
#include <QJsonValue>
#include <QtEndian>

#include <cstring>
#include <type_traits>
#include <vector>

namespace pipescope::io {

// Flat arrays of numbers as bytes: each array little-endian and back to back, so a trace of
// ten million events is one memcpy-like pass instead of ten million JSON values.
class PackWriter {
public:
    template <typename T> void put(const std::vector<T>& values) {
        static_assert(std::is_arithmetic_v<T>);
        const qsizetype at = m_bytes.size();
        m_bytes.resize(at + static_cast<qsizetype>(values.size() * sizeof(T)));
        char* out = m_bytes.data() + at;
        for (const T& v : values) {
            qToLittleEndian(v, out);
            out += sizeof(T);
        }
    }
    const QByteArray& bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// Reads what PackWriter wrote. The caller has already checked that the buffer holds exactly
// the declared counts, so take() never reads past the end.
class PackReader {
public:
    explicit PackReader(const QByteArray& bytes)
        : m_bytes(bytes) {}
    template <typename T> void take(std::size_t count, std::vector<T>* out) {
        static_assert(std::is_arithmetic_v<T>);
        out->resize(count);
        const char* in = m_bytes.constData() + m_at;
        for (std::size_t i = 0; i < count; ++i, in += sizeof(T))
            (*out)[i] = qFromLittleEndian<T>(in);
        m_at += static_cast<qsizetype>(count * sizeof(T));
    }
    qsizetype consumed() const { return m_at; }

private:
    const QByteArray& m_bytes;
    qsizetype m_at = 0;
};

// zlib (qCompress) then base64, as stored in a profile.
QString encodeBlob(const QByteArray& raw);

// zlib cannot expand data by more than about 1032:1, so a blob of n compressed bytes can never
// justify more than this many decompressed bytes.
qint64 maxInflatedSize(qint64 compressedBytes);

// Decodes a blob that must inflate to exactly `expectedBytes`. Before anything is allocated for
// the inflated data, the size qCompress declared in its first 4 bytes is compared with the
// expected size, with what the compressed size can justify, and with `*budget` (the bytes the
// whole file may still inflate to), which is then reduced. Errors name `path`.
std::optional<QByteArray> decodeBlob(const QJsonValue& value, qint64 expectedBytes, qint64* budget,
                                     const QString& path, Diagnostics* diagnostics);

} // namespace pipescope::io
