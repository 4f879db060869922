#include "core/json_fields.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace pipescope {

Result<QJsonObject> parseFormattedObject(const QByteArray& json, const QString& origin, const QString& format,
                                         const QString& kind) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON at byte %1: %2")
                             .arg(parseError.offset)
                             .arg(parseError.errorString()),
                         origin);
    if (!doc.isObject())
        return makeError(QStringLiteral("the top level must be an object (%1)").arg(kind), origin);
    QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != format)
        return makeError(QStringLiteral("not %1 (\"format\" is not \"%2\")").arg(kind, format), origin);
    return root;
}

QString joinPath(const QString& parent, const QString& key) {
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString indexPath(const QString& parent, qsizetype index) {
    return parent + QStringLiteral("[%1]").arg(index);
}

std::optional<qint64> wholeNumber(const QJsonValue& value, qint64 min, qint64 max) {
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(min) ||
        d > static_cast<double>(max))
        return std::nullopt;
    // toInteger keeps full 64-bit precision when the parser stored an integer; the double
    // comparison above already rejected fractions and values far outside the range.
    const qint64 i = value.toInteger(min);
    if (static_cast<double>(i) != d || i < min || i > max)
        return std::nullopt;
    return i;
}

QString wholeNumberMessage(qint64 min, qint64 max) {
    return QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max);
}

FieldReader::FieldReader(QJsonObject object, QString path, Diagnostics* diagnostics)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_diagnostics(diagnostics) {}

void FieldReader::fail(const QString& key, const QString& message) const {
    m_diagnostics->fail(pathOf(key), message);
}

bool FieldReader::fetch(const QString& key, bool required, QJsonValue* out) {
    m_seen.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull()) {
        if (required)
            fail(key, QStringLiteral("is missing"));
        return false;
    }
    *out = *it;
    return true;
}

bool FieldReader::integer(const QString& key, qint64 min, qint64 max, qint64* out, bool required) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    const auto whole = wholeNumber(value, min, max);
    if (!whole) {
        fail(key, wholeNumberMessage(min, max));
        return false;
    }
    *out = *whole;
    return true;
}

bool FieldReader::number(const QString& key, double min, double max, double* out, bool required) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d < min || d > max) {
        fail(key, QStringLiteral("must be a number from %1 to %2")
                      .arg(QString::number(min, 'g', 6), QString::number(max, 'g', 6)));
        return false;
    }
    *out = d;
    return true;
}

bool FieldReader::param(const QString& key, double min, double max, double* out, QString* source,
                        bool required, bool whole) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    if (value.isObject()) {
        FieldReader inner(value.toObject(), pathOf(key), m_diagnostics);
        QString text;
        if (!inner.param(QStringLiteral("value"), min, max, out, nullptr, true, whole) ||
            !inner.string(QStringLiteral("source"), &text, false))
            return false;
        if (source)
            *source = text;
        inner.warnUnknown();
        return true;
    }
    if (whole) {
        const auto n = wholeNumber(value, static_cast<qint64>(min), static_cast<qint64>(max));
        if (!n) {
            fail(key, wholeNumberMessage(static_cast<qint64>(min), static_cast<qint64>(max)));
            return false;
        }
        *out = static_cast<double>(*n);
        return true;
    }
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d < min || d > max) {
        fail(key, QStringLiteral("must be a number from %1 to %2")
                      .arg(QString::number(min, 'g', 6), QString::number(max, 'g', 6)));
        return false;
    }
    *out = d;
    return true;
}

bool FieldReader::string(const QString& key, QString* out, bool required, qsizetype maxLength) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    if (!value.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return false;
    }
    QString text = value.toString();
    if (text.size() > maxLength) {
        fail(key, QStringLiteral("is longer than %1 characters").arg(maxLength));
        return false;
    }
    *out = std::move(text);
    return true;
}

bool FieldReader::boolean(const QString& key, bool* out, bool required) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    if (!value.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return false;
    }
    *out = value.toBool();
    return true;
}

bool FieldReader::object(const QString& key, QJsonObject* out, bool required) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    if (!value.isObject()) {
        fail(key, QStringLiteral("must be an object"));
        return false;
    }
    *out = value.toObject();
    return true;
}

bool FieldReader::array(const QString& key, qsizetype maxLength, QJsonArray* out, bool required) {
    QJsonValue value;
    if (!fetch(key, required, &value))
        return !required;
    if (!value.isArray()) {
        fail(key, QStringLiteral("must be an array"));
        return false;
    }
    QJsonArray items = value.toArray();
    if (items.size() > maxLength) {
        fail(key, QStringLiteral("has %1 entries; at most %2 are allowed").arg(items.size()).arg(maxLength));
        return false;
    }
    *out = std::move(items);
    return true;
}

void FieldReader::warnUnknown() const {
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!m_seen.contains(it.key()))
            m_diagnostics->warnings << QStringLiteral("%1: unknown field ignored").arg(pathOf(it.key()));
}

} // namespace pipescope
