// Hugging Face configs and safetensors headers: configs written here from the published
// architecture numbers give the published parameter counts; a config file and the same preset give
// the same graph; bad files give messages naming the problem.
#include "model/hf_config.h"
#include "model/model_loader.h"
#include "model/presets.h"
#include "model/safetensors_header.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;

namespace {

QJsonObject bertBase() {
    return QJsonObject{{"model_type", "bert"},           {"num_hidden_layers", 12},   {"hidden_size", 768},
                       {"num_attention_heads", 12},      {"intermediate_size", 3072}, {"vocab_size", 30522},
                       {"max_position_embeddings", 512}, {"type_vocab_size", 2},      {"hidden_act", "gelu"}};
}

QByteArray json(const QJsonObject& o) {
    return QJsonDocument(o).toJson();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A safetensors file holding one F32 tensor of `elements` zeros.
QByteArray safetensors(std::int64_t elements) {
    const QByteArray header =
        QJsonDocument(QJsonObject{{"all", QJsonObject{{"dtype", "F32"},
                                                      {"shape", QJsonArray{double(elements)}},
                                                      {"data_offsets", QJsonArray{0, double(elements * 4)}}}},
                                  {"__metadata__", QJsonObject{{"format", "pt"}}}})
            .toJson(QJsonDocument::Compact);
    QByteArray bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
    return bytes + header + QByteArray(elements * 4, '\0');
}

} // namespace

class TestModelHf : public QObject {
    Q_OBJECT

private slots:
    void publishedParameters_data() {
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<double>("published");
        QTest::newRow("bert-base-uncased") << bertBase() << 109'482'240.0;
        QJsonObject roberta = bertBase();
        roberta["model_type"] = "roberta";
        roberta["vocab_size"] = 50265;
        roberta["max_position_embeddings"] = 514;
        roberta["type_vocab_size"] = 1;
        QTest::newRow("roberta-base") << roberta << 124'645'632.0;
        QJsonObject xlmr = roberta;
        xlmr["model_type"] = "xlm-roberta";
        xlmr["vocab_size"] = 250002;
        QTest::newRow("xlm-roberta-base") << xlmr << 278'043'648.0;
        QTest::newRow("distilbert-base-uncased") << QJsonObject{{"model_type", "distilbert"},
                                                                {"n_layers", 6},
                                                                {"dim", 768},
                                                                {"n_heads", 12},
                                                                {"hidden_dim", 3072},
                                                                {"vocab_size", 30522},
                                                                {"max_position_embeddings", 512},
                                                                {"activation", "gelu"}}
                                                 << 66'362'880.0;
        QJsonObject albert = bertBase();
        albert["model_type"] = "albert";
        albert["vocab_size"] = 30000;
        albert["embedding_size"] = 128;
        albert["num_hidden_groups"] = 1;
        QTest::newRow("albert-base-v2") << albert << 11'683'584.0;
        QJsonObject electra = bertBase();
        electra["model_type"] = "electra";
        electra["embedding_size"] = 768;
        QTest::newRow("electra-base-discriminator (no pooler)") << electra << 108'891'648.0;
        QTest::newRow("gpt2") << QJsonObject{{"model_type", "gpt2"},   {"n_layer", 12},
                                             {"n_embd", 768},          {"n_head", 12},
                                             {"n_positions", 1024},    {"vocab_size", 50257},
                                             {"n_inner", QJsonValue()}}
                              << 124'439'808.0;
    }
    void publishedParameters() {
        QFETCH(QJsonObject, config);
        QFETCH(double, published);
        const auto graph =
            model::loadHfConfig(json(config), QStringLiteral("m"), 128, 2, QStringLiteral("config.json"));
        QVERIFY2(graph.ok(), qPrintable(graph.ok() ? QString() : graph.error().toString()));
        const double params = static_cast<double>(graph->parameters());
        QVERIFY2(std::abs(params - published) <= 0.005 * published,
                 qPrintable(QStringLiteral("%1 parameters, published %2").arg(params).arg(published)));
    }

    // ALBERT shares one layer: parameters once, but twelve layers of work and weight reads.
    void albertSharesLayers() {
        QJsonObject albert = bertBase();
        albert["model_type"] = "albert";
        albert["embedding_size"] = 128;
        const auto graph = model::loadHfConfig(json(albert), QStringLiteral("albert"), 128, 2, {});
        const auto bert = model::loadHfConfig(json(bertBase()), QStringLiteral("bert"), 128, 2, {});
        QVERIFY(graph.ok() && bert.ok());
        double layerFlops = 0, bertLayerFlops = 0;
        std::int64_t reads = 0;
        for (const auto& op : graph->ops)
            if (op.name.startsWith(QLatin1String("layer."))) {
                layerFlops += op.flops;
                reads += op.weightReadBytes;
            }
        for (const auto& op : bert->ops)
            if (op.name.startsWith(QLatin1String("layer.")))
                bertLayerFlops += op.flops;
        QCOMPARE(layerFlops, bertLayerFlops);
        QCOMPARE(reads, std::int64_t{12} * 7'087'872 * 2);
        QVERIFY(graph->ops.size() > 12 * 10);
    }

    void electraProjectsSmallEmbeddings() {
        QJsonObject small = bertBase();
        small["model_type"] = "electra";
        small["hidden_size"] = 256;
        small["num_attention_heads"] = 4;
        small["intermediate_size"] = 1024;
        small["embedding_size"] = 128;
        const auto graph = model::loadHfConfig(json(small), QStringLiteral("electra-small"), 128, 2, {});
        QVERIFY(graph.ok());
        const auto it = std::find_if(graph->ops.begin(), graph->ops.end(), [](const auto& op) {
            return op.name == QLatin1String("embeddings.projection");
        });
        QVERIFY(it != graph->ops.end());
        QCOMPARE(it->parameters, std::int64_t{128 * 256 + 256});
        QCOMPARE(graph->ops.front().weightBytes, std::int64_t{30522LL * 128 * 2});
    }

    // GPT-2: one forward pass ends with the vocabulary projection of every position.
    void gpt2HasTiedLmHead() {
        QJsonObject gpt2{{"model_type", "gpt2"}, {"n_layer", 2},       {"n_embd", 64},
                         {"n_head", 4},          {"n_positions", 256}, {"vocab_size", 1000}};
        const auto tied = model::loadHfConfig(json(gpt2), QStringLiteral("g"), 100, 2, {});
        gpt2["tie_word_embeddings"] = false;
        const auto untied = model::loadHfConfig(json(gpt2), QStringLiteral("g"), 100, 2, {});
        QVERIFY(tied.ok() && untied.ok());
        const auto& head = tied->ops.back();
        QCOMPARE(head.name, QStringLiteral("lm_head"));
        QCOMPARE(head.flops, 2.0 * 100 * 64 * 1000);
        QCOMPARE(head.parameters, std::int64_t{0});
        QCOMPARE(head.weightReadBytes, std::int64_t{64 * 1000 * 2});
        QCOMPARE(untied->parameters() - tied->parameters(), std::int64_t{64 * 1000});
        QCOMPARE(tied->sequenceLength, 100);
    }

    // A Hugging Face folder of bert-base-uncased and the preset are the same graph.
    void folderMatchesPreset() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("bert-base-uncased"));
        QVERIFY(QDir().mkpath(folder));
        writeFile(folder + QStringLiteral("/config.json"), json(bertBase()));
        const auto preset = model::buildPreset(QStringLiteral("bert-base-uncased"), 128, 2);
        for (const QString& path : {folder, folder + QStringLiteral("/config.json")}) {
            const auto loaded = model::loadModel(path, 128, 2);
            QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
            QCOMPARE(loaded->name, QStringLiteral("bert-base-uncased"));
            QCOMPARE(loaded->ops.size(), preset->ops.size());
            QCOMPARE(loaded->parameters(), preset->parameters());
            QCOMPARE(loaded->flopsPerSample(), preset->flopsPerSample());
            QCOMPARE(loaded->weightBytes(), preset->weightBytes());
            QCOMPARE(loaded->weightReadBytes(), preset->weightReadBytes());
            QVERIFY(loaded->warnings.isEmpty());
            // Operator by operator, so the simulator sees the same work in the same order.
            for (std::size_t i = 0; i < preset->ops.size(); ++i) {
                const auto& a = loaded->ops[i];
                const auto& b = preset->ops[i];
                QCOMPARE(a.name, b.name);
                QCOMPARE(a.flops, b.flops);
                QCOMPARE(a.weightBytes, b.weightBytes);
                QCOMPARE(a.weightReadBytes, b.weightReadBytes);
                QCOMPARE(a.activationInBytes, b.activationInBytes);
                QCOMPARE(a.activationOutBytes, b.activationOutBytes);
                QCOMPARE(a.engine, b.engine);
            }
        }
    }

    void safetensorsCheckedAgainstGraph() {
        QJsonObject tiny = bertBase();
        tiny["num_hidden_layers"] = 2;
        tiny["hidden_size"] = 64;
        tiny["num_attention_heads"] = 2;
        tiny["intermediate_size"] = 256;
        tiny["vocab_size"] = 1000;
        tiny["max_position_embeddings"] = 128;
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("config.json")), json(tiny));
        const auto plain = model::loadModel(dir.path(), 64, 2);
        QVERIFY(plain.ok());
        const std::int64_t params = plain->parameters();

        writeFile(dir.filePath(QStringLiteral("model.safetensors")), safetensors(params));
        const auto header = model::readSafetensorsHeader(dir.filePath(QStringLiteral("model.safetensors")));
        QVERIFY(header.ok());
        QCOMPARE(header->floatParameters, params);
        QCOMPARE(header->elementsByDtype.at(QStringLiteral("F32")), params);
        const auto matching = model::loadModel(dir.path(), 64, 2);
        QVERIFY(matching.ok());
        QVERIFY2(matching->warnings.isEmpty(), qPrintable(matching->warnings.join('\n')));

        writeFile(dir.filePath(QStringLiteral("model.safetensors")), safetensors(params / 2));
        const auto differing = model::loadModel(dir.path(), 64, 2);
        QVERIFY(differing.ok());
        QCOMPARE(differing->warnings.size(), 1);
        QVERIFY(differing->warnings.first().contains(
            QStringLiteral("model.safetensors holds %1").arg(params / 2)));
    }

    void badSafetensors_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray good = safetensors(10);
        QTest::newRow("too short") << QByteArray("abc") << "too short";
        QTest::newRow("absurd header length") << QByteArray::fromHex("ffffffffffffff7f") + "{}"
                                              << "not plausible";
        QTest::newRow("truncated header") << good.left(20) << "truncated";
        QTest::newRow("truncated data") << good.left(good.size() - 4) << "truncated";
        QByteArray notJson = good;
        notJson[8] = 'x';
        QTest::newRow("header not JSON") << notJson << "not a JSON object";
        QByteArray badDtype = good;
        badDtype.replace("F32", "Q32");
        QTest::newRow("unknown dtype") << badDtype << "unknown dtype 'Q32'";
    }
    void badSafetensors() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto header =
            model::parseSafetensorsHeader(bytes, bytes.size(), QStringLiteral("w.safetensors"));
        QVERIFY(!header.ok());
        QVERIFY2(header.error().message.contains(expected), qPrintable(header.error().toString()));
    }

    void badConfigs_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("hello") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "JSON object";
        QJsonObject noType = bertBase();
        noType.remove("model_type");
        QTest::newRow("no model_type") << json(noType) << "'model_type' is missing";
        QJsonObject llama = bertBase();
        llama["model_type"] = "llama";
        QTest::newRow("unknown model_type") << json(llama) << "unknown model_type 'llama'";
        QJsonObject noHidden = bertBase();
        noHidden.remove("hidden_size");
        QTest::newRow("missing hidden_size") << json(noHidden) << "'hidden_size' is missing";
        QJsonObject absurd = bertBase();
        absurd["num_hidden_layers"] = 1e12;
        QTest::newRow("absurd layers")
            << json(absurd) << "'num_hidden_layers' must be a whole number in 1..1000";
        QJsonObject text = bertBase();
        text["vocab_size"] = "many";
        QTest::newRow("vocab as text") << json(text) << "not \"many\"";
        QJsonObject heads = bertBase();
        heads["num_attention_heads"] = 7;
        QTest::newRow("heads do not divide width")
            << json(heads) << "not a multiple of the 7 attention heads";
        QTest::newRow("distilbert keys missing")
            << json(QJsonObject{{"model_type", "distilbert"}, {"dim", 768}}) << "'n_layers' is missing";
    }
    void badConfigs() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const auto config = model::parseHfConfig(bytes, QStringLiteral("config.json"));
        QVERIFY(!config.ok());
        QVERIFY2(config.error().toString().contains(expected), qPrintable(config.error().toString()));
        QVERIFY(config.error().toString().startsWith(QLatin1String("config.json")));
    }

    void badPaths() {
        auto missing = model::loadModel(QStringLiteral("/nonexistent/bert"), 128, 2);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QLatin1String("neither a built-in model")));
        QTemporaryDir dir;
        auto empty = model::loadModel(dir.path(), 128, 2);
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().message.contains(QLatin1String("no config.json")));
        writeFile(dir.filePath(QStringLiteral("notes.txt")), "shopping list: milk, eggs\n");
        auto text = model::loadModel(dir.filePath(QStringLiteral("notes.txt")), 128, 2);
        QVERIFY(!text.ok());
        QVERIFY2(text.error().message.contains(QLatin1String("not a model")),
                 qPrintable(text.error().toString()));
        writeFile(dir.filePath(QStringLiteral("config.json")), json(bertBase()));
        auto tooLong = model::loadModel(dir.path(), 1024, 2);
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.error().where, QStringLiteral("--seq-len"));
        // A device reads as an endless empty file: refused before it is opened.
        auto device = model::loadModel(QStringLiteral("/dev/zero"), 128, 2);
        QVERIFY(!device.ok());
        QVERIFY2(device.error().message.contains(QLatin1String("not a regular file")),
                 qPrintable(device.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestModelHf)
#include "tst_model_hf.moc"
