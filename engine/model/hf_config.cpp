#include "model/hf_config.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <optional>

namespace pipescope::model {
namespace {

// config.json files are a few kilobytes; anything far larger is not a config.
constexpr qsizetype kMaxConfigBytes = 4 * 1024 * 1024;

QString describe(const QJsonValue& v) {
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isString())
        return QStringLiteral("\"%1\"").arg(v.toString().left(40));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.isArray() ? QStringLiteral("an array") : QStringLiteral("an object");
}

// Reads whole-number keys with defaults and bounds, remembering the first problem found.
class ConfigReader {
public:
    ConfigReader(const QJsonObject& object, const QString& origin)
        : m_object(object)
        , m_origin(origin) {}

    // A required key when `fallback` is empty.
    int integer(const QString& key, std::optional<int> fallback, int min, int max) {
        if (m_error)
            return min;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (fallback)
                return *fallback;
            fail(key, QStringLiteral("key '%1' is missing").arg(key));
            return min;
        }
        const double d = v.toDouble(-1.0);
        // Range first: casting an out-of-range double to an integer is undefined.
        if (!v.isDouble() || !(d >= min && d <= max) || d != static_cast<double>(static_cast<long long>(d))) {
            fail(key, QStringLiteral("'%1' must be a whole number in %2..%3, not %4")
                          .arg(key)
                          .arg(min)
                          .arg(max)
                          .arg(describe(v)));
            return min;
        }
        return static_cast<int>(d);
    }
    QString string(const QString& key, const QString& fallback) const {
        const QJsonValue v = m_object.value(key);
        return v.isString() ? v.toString() : fallback;
    }
    bool boolean(const QString& key, bool fallback) const {
        const QJsonValue v = m_object.value(key);
        return v.isBool() ? v.toBool() : fallback;
    }
    void fail(const QString& key, const QString& message) {
        if (!m_error)
            m_error = makeError(message, QStringLiteral("%1: %2").arg(m_origin, key));
    }
    const std::optional<Error>& error() const { return m_error; }

private:
    const QJsonObject& m_object;
    QString m_origin;
    std::optional<Error> m_error;
};

// Bounds that keep every later product (tokens x hidden, vocabulary x hidden) far from overflow.
constexpr int kMaxLayers = 1000;
constexpr int kMaxHidden = 65536;
constexpr int kMaxHeads = 1024;
constexpr int kMaxVocabulary = 10'000'000;
constexpr int kMaxPositions = 1'000'000;

// The encoder families that share BERT's key names.
void readBertKeys(ConfigReader& r, TransformerConfig& c) {
    c.layers = r.integer(QStringLiteral("num_hidden_layers"), {}, 1, kMaxLayers);
    c.hidden = r.integer(QStringLiteral("hidden_size"), {}, 1, kMaxHidden);
    c.heads = r.integer(QStringLiteral("num_attention_heads"), {}, 1, kMaxHeads);
    c.intermediate = r.integer(QStringLiteral("intermediate_size"), {}, 1, 16 * kMaxHidden);
    c.vocabulary = r.integer(QStringLiteral("vocab_size"), {}, 1, kMaxVocabulary);
    c.maxPositions = r.integer(QStringLiteral("max_position_embeddings"), 512, 1, kMaxPositions);
    c.typeVocabulary = r.integer(QStringLiteral("type_vocab_size"), 2, 0, 1024);
    c.activation = r.string(QStringLiteral("hidden_act"), QStringLiteral("gelu"));
}

void readFamily(const QString& type, ConfigReader& r, TransformerConfig& c) {
    c.family = type;
    if (type == QLatin1String("bert") || type == QLatin1String("roberta") ||
        type == QLatin1String("xlm-roberta")) {
        readBertKeys(r, c);
    } else if (type == QLatin1String("distilbert")) {
        c.layers = r.integer(QStringLiteral("n_layers"), {}, 1, kMaxLayers);
        c.hidden = r.integer(QStringLiteral("dim"), {}, 1, kMaxHidden);
        c.heads = r.integer(QStringLiteral("n_heads"), {}, 1, kMaxHeads);
        c.intermediate = r.integer(QStringLiteral("hidden_dim"), {}, 1, 16 * kMaxHidden);
        c.vocabulary = r.integer(QStringLiteral("vocab_size"), {}, 1, kMaxVocabulary);
        c.maxPositions = r.integer(QStringLiteral("max_position_embeddings"), 512, 1, kMaxPositions);
        c.activation = r.string(QStringLiteral("activation"), QStringLiteral("gelu"));
        c.typeVocabulary = 0;
        c.pooler = false;
    } else if (type == QLatin1String("albert")) {
        readBertKeys(r, c);
        c.embeddingSize = r.integer(QStringLiteral("embedding_size"), 128, 1, kMaxHidden);
        if (r.integer(QStringLiteral("num_hidden_groups"), 1, 1, kMaxLayers) != 1)
            r.fail(QStringLiteral("num_hidden_groups"),
                   QStringLiteral(
                       "only ALBERT with one group of shared layers (num_hidden_groups 1) is supported"));
        c.sharedLayers = true;
    } else if (type == QLatin1String("electra")) {
        readBertKeys(r, c);
        c.embeddingSize = r.integer(QStringLiteral("embedding_size"), 128, 1, kMaxHidden);
        c.pooler = false; // ElectraModel has no pooler
    } else if (type == QLatin1String("gpt2")) {
        c.layers = r.integer(QStringLiteral("n_layer"), {}, 1, kMaxLayers);
        c.hidden = r.integer(QStringLiteral("n_embd"), {}, 1, kMaxHidden);
        c.heads = r.integer(QStringLiteral("n_head"), {}, 1, kMaxHeads);
        c.vocabulary = r.integer(QStringLiteral("vocab_size"), {}, 1, kMaxVocabulary);
        c.maxPositions = r.integer(QStringLiteral("n_positions"), {}, 1, kMaxPositions);
        // n_inner is null in the published configs: GPT-2 uses four times the width.
        c.intermediate = r.integer(QStringLiteral("n_inner"), 4 * c.hidden, 1, 16 * kMaxHidden);
        c.activation = r.string(QStringLiteral("activation_function"), QStringLiteral("gelu_new"));
        c.tiedLmHead = r.boolean(QStringLiteral("tie_word_embeddings"), true);
        c.typeVocabulary = 0;
        c.pooler = false;
        c.preLayerNorm = true;
        c.embeddingLayerNorm = false;
        c.causal = true;
        c.lmHead = true;
    }
}

} // namespace

QStringList supportedHfModelTypes() {
    return {QStringLiteral("bert"),       QStringLiteral("roberta"), QStringLiteral("xlm-roberta"),
            QStringLiteral("distilbert"), QStringLiteral("albert"),  QStringLiteral("electra"),
            QStringLiteral("gpt2")};
}

Result<TransformerConfig> parseHfConfig(const QByteArray& json, const QString& origin) {
    if (json.size() > kMaxConfigBytes)
        return makeError(QStringLiteral("%1 bytes is far too large for a config.json").arg(json.size()),
                         origin);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON: %1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset),
                         origin);
    if (!doc.isObject())
        return makeError(QStringLiteral("a config.json must hold a JSON object"), origin);
    const QJsonObject object = doc.object();
    const QJsonValue typeValue = object.value(QStringLiteral("model_type"));
    if (!typeValue.isString())
        return makeError(QStringLiteral("key 'model_type' is missing; supported: %1")
                             .arg(supportedHfModelTypes().join(QStringLiteral(", "))),
                         origin);
    const QString type = typeValue.toString();
    if (!supportedHfModelTypes().contains(type))
        return makeError(QStringLiteral("unknown model_type '%1'; supported: %2")
                             .arg(type, supportedHfModelTypes().join(QStringLiteral(", "))),
                         QStringLiteral("%1: model_type").arg(origin));

    TransformerConfig config;
    ConfigReader reader(object, origin);
    readFamily(type, reader, config);
    if (reader.error())
        return *reader.error();
    if (config.hidden % config.heads != 0)
        return makeError(QStringLiteral("the width %1 is not a multiple of the %2 attention heads")
                             .arg(config.hidden)
                             .arg(config.heads),
                         QStringLiteral("%1: heads").arg(origin));
    return config;
}

} // namespace pipescope::model
