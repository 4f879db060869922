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
    // count values, the i-th being at(i) as a T: an array written without first building it.
    template <typename T, typename At> void putEach(std::size_t count, At at) {
        static_assert(std::is_arithmetic_v<T>);
        const qsizetype from = m_bytes.size();
        m_bytes.resize(from + static_cast<qsizetype>(count * sizeof(T)));
        char* out = m_bytes.data() + from;
        for (std::size_t i = 0; i < count; ++i, out += sizeof(T))
            qToLittleEndian(static_cast<T>(at(i)), out);
    }
    const QByteArray& bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// An array inside a PackReader's buffer, read in place (element by element, little-endian).
template <typename T> class PackedArray {
public:
    PackedArray(const char* data, std::size_t count)
        : m_data(data)
        , m_count(count) {}
    std::size_t size() const { return m_count; }
    T operator[](std::size_t i) const { return qFromLittleEndian<T>(m_data + i * sizeof(T)); }

private:
    const char* m_data;
    std::size_t m_count;
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
    // The next `count` values without copying them; valid while the buffer lives.
    template <typename T> PackedArray<T> view(std::size_t count) {
        static_assert(std::is_arithmetic_v<T>);
        PackedArray<T> array(m_bytes.constData() + m_at, count);
        m_at += static_cast<qsizetype>(count * sizeof(T));
        return array;
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
