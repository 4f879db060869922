// Device profiles: the user's fitted devices, kept in their own file, applied per run, recorded in
// saved profiles; a broken file is an error naming the place, and saving never leaves half a file.
#include "hardware/catalog.h"
#include "hardware/device_profile.h"
#include "io/profile_inputs_json.h"
#include "sim/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;

namespace {

// The catalog's inferentia1 entry with tensor_efficiency changed: what a fit would produce.
hardware::DeviceProfile fittedProfile(const QString& name, double tensorEfficiency) {
    hardware::DeviceProfile p;
    p.name = name;
    p.baseDevice = QStringLiteral("inferentia1");
    p.device = hardware::Catalog::builtIn()
                   .toJson()
                   .value(QStringLiteral("devices"))
                   .toObject()
                   .value(QStringLiteral("inferentia1"))
                   .toObject();
    p.device[QStringLiteral("tensor_efficiency")] = QJsonObject{
        {QStringLiteral("value"), tensorEfficiency}, {QStringLiteral("source"), QStringLiteral("test")}};
    p.provenance = QJsonObject{{QStringLiteral("measurements"), QStringLiteral("mine.csv")}};
    return p;
}

} // namespace

class TestDeviceProfile : public QObject {
    Q_OBJECT
private slots:
    void storeRoundTripsAndSavesAtomically() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/device-profiles.json"));
        hardware::DeviceProfileStore store;
        store.put(fittedProfile(QStringLiteral("team a"), 0.3));
        store.put(fittedProfile(QStringLiteral("team b"), 0.2));
        store.put(fittedProfile(QStringLiteral("team a"), 0.35)); // replaces, keeps one
        QCOMPARE(store.profiles().size(), std::size_t{2});
        QVERIFY(!store.save(path).has_value()); // creates the missing folder
        const auto loaded = hardware::DeviceProfileStore::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->profiles().size(), std::size_t{2});
        QCOMPARE(loaded->find(QStringLiteral("team a"))
                     ->device.value(QStringLiteral("tensor_efficiency"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toDouble(),
                 0.35);
        QCOMPARE(loaded->toJson(), store.toJson());
        QVERIFY(hardware::DeviceProfileStore::load(dir.filePath(QStringLiteral("none.json"))).ok());
        // A path that cannot be written (a folder in the way) is an error and the old file stays.
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("blocked/device-profiles.json")));
        QVERIFY(store.save(dir.filePath(QStringLiteral("blocked/device-profiles.json"))).has_value());
        QCOMPARE(hardware::DeviceProfileStore::load(path)->profiles().size(), std::size_t{2});
    }

    void brokenFilesNameThePlace_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("other format") << QByteArray(R"({"format": "pipescope-catalog"})")
                                      << QStringLiteral("not a Pipescope device profiles file");
        QTest::newRow("no name") << QByteArray(R"({"format": "pipescope-device-profiles", "version": 1,
            "profiles": [{"base_device": "inferentia1", "device": {}}]})")
                                 << QStringLiteral("profiles[0]");
        QTest::newRow("twice") << QByteArray(R"({"format": "pipescope-device-profiles", "version": 1,
            "profiles": [{"name": "a", "base_device": "x", "device": {}}, {"name": "a", "base_device": "x", "device": {}}]})")
                               << QStringLiteral("a second profile named");
        QTest::newRow("future version")
            << QByteArray(R"({"format": "pipescope-device-profiles", "version": 7, "profiles": []})")
            << QStringLiteral("version");
    }
    void brokenFilesNameThePlace() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto store = hardware::DeviceProfileStore::fromJson(json, QStringLiteral("mine.json"));
        QVERIFY(!store.ok());
        QVERIFY2(store.error().toString().contains(expected), qPrintable(store.error().toString()));
        QVERIFY(store.error().toString().startsWith(QStringLiteral("mine.json")));
    }

    void scenarioPicksTheProfile() {
        hardware::Catalog catalog = hardware::Catalog::builtIn();
        catalog.setDeviceProfiles({fittedProfile(QStringLiteral("mine"), 0.21)});
        sim::Scenario s;
        s.deviceProfile = QStringLiteral("mine");
        const auto in = sim::buildInputs(s, catalog);
        QVERIFY2(in.ok(), qPrintable(in.ok() ? QString() : in.error().toString()));
        QCOMPARE(in->instance.neuron.tensorEfficiency, 0.21);
        QCOMPARE(in->instance.deviceProfile, QStringLiteral("mine"));
        QCOMPARE(in->instance.name, QStringLiteral("inf1.xlarge"));
        // Without the profile the catalog's own value.
        s.deviceProfile.clear();
        QVERIFY(sim::buildInputs(s, catalog)->instance.neuron.tensorEfficiency != 0.21);
        // An unknown profile, and a profile for another device, are refused with their names.
        s.deviceProfile = QStringLiteral("theirs");
        QVERIFY(sim::buildInputs(s, catalog).error().toString().contains(QStringLiteral("'theirs'")));
        s.deviceProfile = QStringLiteral("mine");
        s.instance = QStringLiteral("g4dn.xlarge");
        const auto gpu = sim::buildInputs(s, catalog);
        QVERIFY(!gpu.ok());
        QVERIFY2(gpu.error().toString().contains(QStringLiteral("is for inferentia1")),
                 qPrintable(gpu.error().toString()));
    }

    void savedRunsRecordTheProfile() {
        hardware::Catalog catalog = hardware::Catalog::builtIn();
        catalog.setDeviceProfiles({fittedProfile(QStringLiteral("mine"), 0.21)});
        const auto spec =
            catalog.instanceWithProfile(QStringLiteral("inf1.6xlarge"), catalog.deviceProfiles().front());
        QVERIFY(spec.ok());
        const QJsonObject json = io::instanceToJson(spec.value());
        QCOMPARE(json.value(QStringLiteral("device_profile")).toString(), QStringLiteral("mine"));
        Diagnostics d;
        hardware::InstanceSpec back;
        QVERIFY(io::instanceFromJson(json, QStringLiteral("instance"), &d, &back));
        QCOMPARE(back.deviceProfile, QStringLiteral("mine"));
        QCOMPARE(back.neuron.tensorEfficiency, 0.21);
        // A run without a profile writes no such key.
        QVERIFY(!io::instanceToJson(*catalog.find(QStringLiteral("inf1.xlarge")))
                     .contains(QStringLiteral("device_profile")));
    }

    void brokenProfileEntryIsAnError() {
        hardware::Catalog catalog = hardware::Catalog::builtIn();
        hardware::DeviceProfile bad = fittedProfile(QStringLiteral("bad"), 0.3);
        bad.device[QStringLiteral("tensor_efficiency")] = 7.0; // above its range 0..1
        const auto spec = catalog.instanceWithProfile(QStringLiteral("inf1.xlarge"), bad);
        QVERIFY(!spec.ok());
        QVERIFY2(spec.error().toString().contains(QStringLiteral("tensor_efficiency")),
                 qPrintable(spec.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestDeviceProfile)
#include "tst_device_profile.moc"
