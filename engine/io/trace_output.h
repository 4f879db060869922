#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace pipescope::io {

// A byte stream for large exports: the caller formats straight into a small buffer that is
// handed on (gzip-compressed with zlib when asked) every megabyte, to memory or to a file written
// through QSaveFile, so ten million events never exist as one document in memory and a failed
// export leaves the previous file intact.
class TraceOutput {
public:
    enum class Compression { None, Gzip };

    // Collects the bytes in `target` (tests and the window's in-memory uses).
    TraceOutput(QByteArray* target, Compression compression);
    // Writes `path` atomically; nothing replaces it until finish() succeeds.
    TraceOutput(const QString& path, Compression compression);
    ~TraceOutput();
    TraceOutput(const TraceOutput&) = delete;
    TraceOutput& operator=(const TraceOutput&) = delete;

    // Opens the file (or memory target); the error names the path.
    std::optional<Error> open();

    // Room for at least `bytes` more bytes at the returned pointer; say how many were used with
    // commit(end). Keeps the formatting loop free of per-call copies.
    char* reserve(std::size_t bytes) {
        if (m_used + bytes > m_buffer.size())
            makeRoom(bytes);
        return m_buffer.data() + m_used;
    }
    void commit(const char* end) { m_used = static_cast<std::size_t>(end - m_buffer.data()); }
    void append(const char* data, std::size_t size) {
        char* p = reserve(size);
        std::memcpy(p, data, size);
        commit(p + size);
    }
    void append(const QByteArray& bytes) {
        append(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    }
    // Drops the last `count` bytes not yet handed on (false if fewer are buffered).
    bool unwrite(std::size_t count);

    // Flushes, ends the gzip member and commits the file. The first error of the whole export,
    // naming the path, or nothing.
    std::optional<Error> finish();

    qint64 uncompressedBytes() const { return m_uncompressed + static_cast<qint64>(m_used); }
    qint64 writtenBytes() const { return m_written; }

private:
    struct Sink;
    void makeRoom(std::size_t bytes);
    void flush(bool last);
    void fail(const QString& reason);

    std::vector<char> m_buffer;
    std::size_t m_used = 0;
    qint64 m_uncompressed = 0;
    qint64 m_written = 0;
    std::unique_ptr<Sink> m_sink;
    std::optional<Error> m_error;
};

// TraceOutput::Compression::Gzip for names ending in ".gz" (any case).
TraceOutput::Compression compressionForPath(const QString& path);

} // namespace pipescope::io
