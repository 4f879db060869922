#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace pipescope {

// What reading a document found: the first error (reading stops being useful after it) and
// every warning (unknown fields), each naming its JSON path.
struct Diagnostics {
    std::optional<Error> error;
    QStringList warnings;

    bool failed() const { return error.has_value(); }
    void fail(const QString& where, const QString& message) {
        if (!error)
            error = makeError(message, where);
    }
};

// std::int64_t is `long` here and qint64 `long long`: QJsonValue needs the latter.
inline QJsonValue json64(std::int64_t value) {
    return QJsonValue(static_cast<qint64>(value));
}

// Parses a whole document that must be one JSON object whose "format" is `format`. The error names
// `origin` and says what is wrong: invalid JSON (the byte and why), a top level that is not an
// object, or another format (`kind` says what the file should be: "a Pipescope instance catalog").
Result<QJsonObject> parseFormattedObject(const QByteArray& json, const QString& origin, const QString& format,
                                         const QString& kind);

QString joinPath(const QString& parent, const QString& key);
QString indexPath(const QString& parent, qsizetype index);

// The one JSON reading framework of the engine (profiles, the instance catalog, calibration
// data). Reads the fields of one JSON object, checking type and range, and remembers which keys
// were read so that the rest can be reported as unknown. Every accessor returns false (and records
// the error with the field's path) when the field is missing or wrong; optional fields keep
// the caller's default when absent.
class FieldReader {
public:
    FieldReader(QJsonObject object, QString path, Diagnostics* diagnostics);

    const QString& path() const { return m_path; }
    QString pathOf(const QString& key) const { return joinPath(m_path, key); }
    bool has(const QString& key) const { return m_object.contains(key); }
    void markKnown(const QString& key) { m_seen.insert(key); } // for fields read by hand

    bool integer(const QString& key, qint64 min, qint64 max, qint64* out, bool required = true);
    template <typename T>
    bool integerAs(const QString& key, qint64 min, qint64 max, T* out, bool required = true) {
        qint64 value = static_cast<qint64>(*out);
        if (!integer(key, min, max, &value, required))
            return false;
        *out = static_cast<T>(value);
        return true;
    }
    bool number(const QString& key, double min, double max, double* out, bool required = true);
    // A published or calibrated parameter: a bare number, or {"value": number, "source": "text"}
    // whose source is stored in *source (when given). `whole` asks for a whole number.
    bool param(const QString& key, double min, double max, double* out, QString* source, bool required = true,
               bool whole = false);
    bool string(const QString& key, QString* out, bool required = true, qsizetype maxLength = 4096);
    bool boolean(const QString& key, bool* out, bool required = true);
    bool object(const QString& key, QJsonObject* out, bool required = true);
    bool array(const QString& key, qsizetype maxLength, QJsonArray* out, bool required = true);

    // Reports every key that no accessor asked for as a warning.
    void warnUnknown() const;

private:
    bool fetch(const QString& key, bool required, QJsonValue* out);
    void fail(const QString& key, const QString& message) const;

    QJsonObject m_object;
    QString m_path;
    Diagnostics* m_diagnostics;
    QSet<QString> m_seen;
};

// The whole-number check shared by fields and array elements.
std::optional<qint64> wholeNumber(const QJsonValue& value, qint64 min, qint64 max);
QString wholeNumberMessage(qint64 min, qint64 max);

} // namespace pipescope
