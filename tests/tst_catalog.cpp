// The instance catalog: the built-in one loads with the published figures, and broken catalogs
// are refused with the JSON path of the problem.
#include "hardware/catalog.h"
#include "io/profile_inputs_json.h"
#include "io/profile_reader.h"
#include "io/profile_writer.h"
#include "tst_profile_fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace pipescope;

namespace {

QByteArray builtInWith(const std::function<void(QJsonObject&)>& edit) {
    QJsonObject doc = hardware::Catalog::builtIn().toJson();
    edit(doc);
    return QJsonDocument(doc).toJson();
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private slots:
    // The catalog and profiles share one instance schema: whatever a catalog (the built-in one or
    // a user's, with a very large instance) accepts, a saved profile keeps and reads back.
    void everyInstanceRoundTripsThroughAProfile() {
        const QByteArray large = builtInWith([](QJsonObject& d) {
            QJsonArray list = d[QStringLiteral("instances")].toArray();
            QJsonObject big = list[0].toObject();
            big[QStringLiteral("name")] = QStringLiteral("inf1.huge");
            big[QStringLiteral("chips")] = 1024;
            big[QStringLiteral("vcpus")] = 4096;
            list.append(big);
            d[QStringLiteral("instances")] = list;
        });
        const auto user = hardware::Catalog::fromJson(large, QStringLiteral("user.json"));
        QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().toString()));
        QCOMPARE(user->instances().size(), hardware::Catalog::builtIn().instances().size() + 1);
        std::vector<sim::RunPtr> runs;
        for (const auto& spec : user->instances()) {
            sim::Run run = testing::makeRun();
            run.inputs.instance = spec;
            runs.push_back(std::make_shared<const sim::Run>(std::move(run)));
        }
        const auto read = io::readProfile(io::writeProfile(io::makeProfile(runs)));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
        QVERIFY2(read->warnings.isEmpty(), qPrintable(read->warnings.join(QLatin1Char('\n'))));
        QCOMPARE(read->runs.size(), runs.size());
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const hardware::InstanceSpec& before = runs[i]->inputs.instance;
            const hardware::InstanceSpec& after = read->runs[i]->inputs.instance;
            QCOMPARE(io::instanceToJson(after), io::instanceToJson(before));
            QCOMPARE(after.sources, before.sources);
            QCOMPARE(after.totalCores(), before.totalCores());
        }
        QCOMPARE(read->runs.back()->inputs.instance.chips, 1024);
    }

    void builtInHasThePublishedFigures() {
        const auto& catalog = hardware::Catalog::builtIn();
        QCOMPARE(catalog.instances().size(), std::size_t{5});
        const auto* xl = catalog.find(QStringLiteral("inf1.xlarge"));
        QVERIFY(xl);
        QCOMPARE(xl->totalCores(), 4);
        QCOMPARE(xl->price(QStringLiteral("launch")), 0.368);
        QCOMPARE(xl->price(QStringLiteral("current")), 0.228);
        QCOMPARE(xl->neuron.tensorFlops, 16e12);
        QCOMPARE(catalog.find(QStringLiteral("inf1.6xlarge"))->totalCores(), 16);
        QCOMPARE(catalog.find(QStringLiteral("inf1.24xlarge"))->totalCores(), 64);
        const auto* gpu = catalog.find(QStringLiteral("g4dn.xlarge"));
        QVERIFY(gpu && gpu->isGpu());
        QCOMPARE(gpu->price(QStringLiteral("launch")), 0.526);
        QCOMPARE(catalog.priceSets().size(), std::size_t{2});
        QVERIFY(xl->sources.at(QStringLiteral("neuron.dram_bandwidth")).contains(QStringLiteral("Inf1")));
        QVERIFY(xl->price(QStringLiteral("nonexistent")) < 0);
    }

    void badCatalogs_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[]") << "must be an object";
        QTest::newRow("not a catalog")
            << QByteArray("{\"format\":\"x\"}") << "not a Pipescope instance catalog";
        QTest::newRow("negative price") << builtInWith([](QJsonObject& d) {
            QJsonArray list = d[QStringLiteral("instances")].toArray();
            QJsonObject first = list[0].toObject();
            first[QStringLiteral("prices")] = QJsonObject{{QStringLiteral("launch"), -1}};
            list[0] = first;
            d[QStringLiteral("instances")] = list;
        }) << "instances[0].prices.launch";
        QTest::newRow("unknown device") << builtInWith([](QJsonObject& d) {
            QJsonArray list = d[QStringLiteral("instances")].toArray();
            QJsonObject first = list[0].toObject();
            first[QStringLiteral("device")] = QStringLiteral("tpu");
            list[0] = first;
            d[QStringLiteral("instances")] = list;
        }) << "instances[0].device";
        QTest::newRow("efficiency above one") << builtInWith([](QJsonObject& d) {
            QJsonObject devices = d[QStringLiteral("devices")].toObject();
            QJsonObject inf = devices[QStringLiteral("inferentia1")].toObject();
            inf[QStringLiteral("tensor_efficiency")] = QJsonObject{{QStringLiteral("value"), 3}};
            devices[QStringLiteral("inferentia1")] = inf;
            d[QStringLiteral("devices")] = devices;
        }) << "devices.inferentia1.tensor_efficiency.value";
        QTest::newRow("missing host") << builtInWith([](QJsonObject& d) {
            QJsonObject devices = d[QStringLiteral("devices")].toObject();
            QJsonObject gpu = devices[QStringLiteral("t4")].toObject();
            gpu.remove(QStringLiteral("host"));
            devices[QStringLiteral("t4")] = gpu;
            d[QStringLiteral("devices")] = devices;
        }) << "devices.t4.host: is missing";
        QTest::newRow("string chips") << builtInWith([](QJsonObject& d) {
            QJsonArray list = d[QStringLiteral("instances")].toArray();
            QJsonObject first = list[0].toObject();
            first[QStringLiteral("chips")] = QStringLiteral("one");
            list[0] = first;
            d[QStringLiteral("instances")] = list;
        }) << "instances[0].chips";
    }
    void badCatalogs() {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto result = hardware::Catalog::fromJson(json, QStringLiteral("test.json"));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().toString().contains(error), qPrintable(result.error().toString()));
        QVERIFY(result.error().toString().startsWith(QStringLiteral("test.json")));
    }

    void userCatalogFile() {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = hardware::Catalog::userCatalogPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        QVERIFY(hardware::Catalog::load().ok()); // no user file: the built-in catalog
        QCOMPARE(hardware::Catalog::load()->origin(), QStringLiteral("built-in catalog"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(builtInWith([](QJsonObject& d) {
                QJsonArray list = d[QStringLiteral("instances")].toArray();
                QJsonObject first = list[0].toObject();
                first[QStringLiteral("prices")] = QJsonObject{{QStringLiteral("launch"), 0.5}};
                list[0] = first;
                d[QStringLiteral("instances")] = list;
            }));
        }
        const auto edited = hardware::Catalog::load();
        QVERIFY(edited.ok());
        QCOMPARE(edited->origin(), path);
        QCOMPARE(edited->find(QStringLiteral("inf1.xlarge"))->price(QStringLiteral("launch")), 0.5);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("{ broken");
        }
        const auto broken = hardware::Catalog::load();
        QVERIFY(!broken.ok());
        QVERIFY(broken.error().toString().startsWith(path));
        QFile::remove(path);
    }

    void environmentOverride() {
        qputenv("PIPESCOPE_CATALOG", "/nonexistent/catalog.json");
        const auto result = hardware::Catalog::load();
        qunsetenv("PIPESCOPE_CATALOG");
        QVERIFY(!result.ok());
        QVERIFY(result.error().where.contains(QStringLiteral("/nonexistent/catalog.json")));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
