#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <map>

namespace pipescope {

// Reads typed values out of parsed JSON and, on the first bad one, remembers an Error that names
// its JSON path ("devices.t4.mem_bandwidth: must be a number from ..."). Calls return false once
// an error is set, so a chain of `&&` stops at the first problem.
class JsonReader {
public:
    explicit JsonReader(QString origin)
        : m_origin(std::move(origin)) {}

    // Where a parameter's provenance goes: sources[prefix + key] = "source" text.
    struct ParamSink {
        std::map<QString, QString>* sources = nullptr;
        QString prefix;
    };

    bool number(const QJsonObject& obj, const QString& path, const QString& key, double min, double max,
                double* out);
    bool integer(const QJsonObject& obj, const QString& path, const QString& key, qint64 min, qint64 max,
                 qint64* out);
    bool string(const QJsonObject& obj, const QString& path, const QString& key, QString* out);
    bool boolean(const QJsonObject& obj, const QString& path, const QString& key, bool* out);
    bool array(const QJsonObject& obj, const QString& path, const QString& key, QJsonArray* out);
    bool childObject(const QJsonObject& obj, const QString& path, const QString& key, QJsonObject* out);
    bool object(const QJsonValue& value, const QString& path, QJsonObject* out);
    // A calibrated or published parameter: {"value": number, "source": "text"} or a bare number.
    bool param(const QJsonObject& obj, const QString& path, const QString& key, double min, double max,
               double* out, const ParamSink& sink);

    bool fail(const QString& path, const QString& message);
    const Error& error() const { return m_error; }
    bool failed() const { return m_failed; }

    static QString join(const QString& path, const QString& key);

private:
    bool fetch(const QJsonObject& obj, const QString& path, const QString& key, QJsonValue* out);

    QString m_origin;
    Error m_error;
    bool m_failed = false;
};

} // namespace pipescope
