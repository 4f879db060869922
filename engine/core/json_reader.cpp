#include "core/json_reader.h"

#include <cmath>

namespace pipescope {

QString JsonReader::join(const QString& path, const QString& key) {
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

bool JsonReader::fail(const QString& path, const QString& message) {
    if (!m_failed) {
        m_failed = true;
        const QString where = m_origin.isEmpty() ? path : m_origin + QLatin1Char(':') + path;
        m_error = makeError(message, where);
    }
    return false;
}

bool JsonReader::fetch(const QJsonObject& obj, const QString& path, const QString& key, QJsonValue* out) {
    if (m_failed)
        return false;
    const auto it = obj.constFind(key);
    if (it == obj.constEnd())
        return fail(join(path, key), QStringLiteral("is missing"));
    *out = it.value();
    return true;
}

bool JsonReader::number(const QJsonObject& obj, const QString& path, const QString& key, double min,
                        double max, double* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !std::isfinite(d) || d < min || d > max)
        return fail(join(path, key), QStringLiteral("must be a number from %1 to %2").arg(min).arg(max));
    *out = d;
    return true;
}

bool JsonReader::integer(const QJsonObject& obj, const QString& path, const QString& key, qint64 min,
                         qint64 max, qint64* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
        d > static_cast<double>(max))
        return fail(join(path, key),
                    QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
    *out = static_cast<qint64>(d);
    return true;
}

bool JsonReader::string(const QJsonObject& obj, const QString& path, const QString& key, QString* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    if (!v.isString())
        return fail(join(path, key), QStringLiteral("must be a string"));
    *out = v.toString();
    return true;
}

bool JsonReader::boolean(const QJsonObject& obj, const QString& path, const QString& key, bool* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    if (!v.isBool())
        return fail(join(path, key), QStringLiteral("must be true or false"));
    *out = v.toBool();
    return true;
}

bool JsonReader::array(const QJsonObject& obj, const QString& path, const QString& key, QJsonArray* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    if (!v.isArray())
        return fail(join(path, key), QStringLiteral("must be an array"));
    *out = v.toArray();
    return true;
}

bool JsonReader::childObject(const QJsonObject& obj, const QString& path, const QString& key,
                             QJsonObject* out) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    return object(v, join(path, key), out);
}

bool JsonReader::object(const QJsonValue& value, const QString& path, QJsonObject* out) {
    if (m_failed)
        return false;
    if (!value.isObject())
        return fail(path, QStringLiteral("must be an object"));
    *out = value.toObject();
    return true;
}

bool JsonReader::param(const QJsonObject& obj, const QString& path, const QString& key, double min,
                       double max, double* out, const ParamSink& sink) {
    QJsonValue v;
    if (!fetch(obj, path, key, &v))
        return false;
    if (v.isObject()) {
        const QJsonObject p = v.toObject();
        if (!number(p, join(path, key), QStringLiteral("value"), min, max, out))
            return false;
        if (sink.sources)
            (*sink.sources)[sink.prefix + key] = p.value(QStringLiteral("source")).toString();
        return true;
    }
    return number(obj, path, key, min, max, out);
}

} // namespace pipescope
