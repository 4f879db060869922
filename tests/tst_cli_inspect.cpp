// `pipescope inspect`: the executable's JSON and text agree with the engine's graph; bad flags
// exit 2 with one line naming the flag.
#include "model/model_loader.h"
#include "model/pipeline_rule.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;

namespace {

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(PIPESCOPE_BIN), QStringList{QStringLiteral("inspect")} + args);
    process.waitForFinished(60000);
    Outcome o;
    o.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    o.out = process.readAllStandardOutput();
    o.err = process.readAllStandardError();
    return o;
}

} // namespace

class TestCliInspect : public QObject {
    Q_OBJECT

private slots:
    void jsonMatchesEngine_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("seq");
        QTest::newRow("bert-base batch 1") << "bert-base-uncased" << 1 << 128;
        QTest::newRow("bert-base batch 4 seq 64") << "bert-base-uncased" << 4 << 64;
        QTest::newRow("resnet50") << "resnet50" << 2 << 224;
    }
    void jsonMatchesEngine() {
        QFETCH(QString, model);
        QFETCH(int, batch);
        QFETCH(int, seq);
        const Outcome o = run({"--model", model, "--batch", QString::number(batch), "--seq-len",
                               QString::number(seq), "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(o.out).object();
        const auto graph = model::loadModel(model, seq, 2);
        QVERIFY(graph.ok());
        QCOMPARE(json.value("parameters").toDouble(), double(graph->parameters()));
        QCOMPARE(json.value("flops").toDouble(), graph->flopsPerSample() * batch);
        QCOMPARE(json.value("weight_bytes").toDouble(), double(graph->weightBytes()));
        QCOMPARE(json.value("suggested_pipeline_cores").toInt(),
                 model::suggestedPipelineCores(graph->parameters()));
        const QJsonArray ops = json.value("operators").toArray();
        QCOMPARE(ops.size(), qsizetype(graph->ops.size()));
        double flops = 0;
        for (const QJsonValue& v : ops) {
            const QJsonObject op = v.toObject();
            for (const char* key : {"name", "type", "flops", "weight_bytes"})
                QVERIFY2(op.contains(QLatin1String(key)), key);
            flops += op.value("flops").toDouble();
        }
        QVERIFY(qFuzzyCompare(flops, json.value("flops").toDouble()));
    }

    void stagesWithPlacement() {
        const Outcome o = run(
            {"--model", "bert-base-uncased", "--instance", "inf1.xlarge", "--pipeline-cores", "4", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(o.out).object();
        const QJsonArray stages = json.value("stages").toArray();
        QCOMPARE(stages.size(), 4);
        for (const QJsonValue& v : json.value("operators").toArray())
            QVERIFY(v.toObject().contains("stage") && v.toObject().contains("core"));
        const Outcome text = run({"--model", "bert-base-uncased", "--pipeline-cores", "4"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("stage 3: core 3"));
        QVERIFY(text.out.contains("rule of thumb: --neuroncore-pipeline-cores 20"));
    }

    void loadsConfigFolder() {
        QTemporaryDir dir;
        QFile f(dir.filePath("config.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"model_type":"distilbert","n_layers":6,"dim":768,"n_heads":12,"hidden_dim":3072,"vocab_size":30522})");
        f.close();
        const Outcome o = run({"--model", dir.path(), "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(o.out).object().value("parameters").toDouble(), 66'362'880.0);
    }

    void badInput_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no model") << QStringList{} << 2 << "--model is required";
        QTest::newRow("unknown flag")
            << QStringList{"--model", "bert-small", "--bogus"} << 2 << "unknown flag --bogus";
        QTest::newRow("batch 0") << QStringList{"--model", "bert-small", "--batch", "0"} << 2 << "--batch";
        QTest::newRow("bad dtype") << QStringList{"--model", "bert-small", "--dtype", "fp7"} << 2
                                   << "--dtype";
        QTest::newRow("unknown model")
            << QStringList{"--model", "no-such-model"} << 2 << "neither a built-in model";
        QTest::newRow("image too small")
            << QStringList{"--model", "resnet50", "--seq-len", "8"} << 2 << "--seq-len";
        QTest::newRow("gpu instance")
            << QStringList{"--model", "bert-small", "--instance", "g4dn.xlarge"} << 2 << "--instance";
    }
    void badInput() {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Outcome o = run(args);
        QCOMPARE(o.exitCode, exitCode);
        QVERIFY2(o.err.contains(expected.toUtf8()), o.err.constData());
        QCOMPARE(o.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
