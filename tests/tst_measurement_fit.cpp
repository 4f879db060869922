// Calibrating to a user's measurements: a round trip with a known truth. Twelve configurations are
// simulated on a catalog whose Inferentia parameters were perturbed (the "hardware"), handed to the
// fit as measurements on the unperturbed catalog, and the fit must find the truth again and predict
// configurations it never saw.
#include "calibrate/device_parameters.h"
#include "calibrate/measurement_fit.h"
#include "calibrate/measurement_report.h"
#include "sim/simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace pipescope;

namespace {

constexpr int kRequests = 400;

struct Config {
    const char* instance;
    const char* groups;
    int pipelineCores, batch, clients;
};

// Fitted on: data parallel, pipelines and mixed groupings, batch 1 to 8, two instance sizes.
const Config kFitted[] = {
    {"inf1.xlarge", "1,1,1,1", 1, 1, 4},
    {"inf1.xlarge", "1,1,1,1", 1, 4, 8},
    {"inf1.xlarge", "1,1,1,1", 1, 8, 8},
    {"inf1.xlarge", "4", 4, 1, 4},
    {"inf1.xlarge", "4", 4, 4, 6},
    {"inf1.xlarge", "2,2", 2, 2, 4},
    {"inf1.6xlarge", "16", 16, 1, 8},
    {"inf1.6xlarge", "4,4,4,4", 4, 2, 12},
    {"inf1.6xlarge", "8,8", 8, 1, 8},
    {"inf1.6xlarge", "16", 16, 6, 12},
    {"inf1.6xlarge", "1,1,1,1,1,1,1,1", 1, 6, 16},
    {"inf1.xlarge", "1,1,1,1", 1, 2, 2},
};
// Never shown to the fit.
const Config kHeldOut[] = {
    {"inf1.2xlarge", "1,1,1,1", 1, 2, 8},
    {"inf1.xlarge", "2,2", 2, 1, 4},
    {"inf1.6xlarge", "4,4,4,4", 4, 1, 8},
    {"inf1.6xlarge", "16", 16, 4, 10},
};

// The truth the measurements come from: the shipped values moved by known factors. The first two
// these configurations pin down; the device latency they only bound (it trades against the
// per-request host overhead: both are a fixed cost per request), so the fit may move it and the
// request overhead together, and only the predictions can be checked for those.
const std::pair<const char*, double> kPerturbation[] = {
    {"tensor_efficiency", 0.85},
    {"host.per_sample_overhead_ns", 1.3},
    {"host.device_latency_ns", 1.2},
};

sim::Scenario scenario(const Config& c) {
    sim::Scenario s;
    s.instance = QString::fromLatin1(c.instance);
    s.groupSizes = QString::fromLatin1(c.groups);
    s.pipelineCores = c.pipelineCores;
    s.batch = c.batch;
    s.workload.clients = c.clients;
    s.workload.requests = kRequests;
    s.workload.warmup = std::max(20, kRequests / 20);
    return s;
}

hardware::Catalog perturbedCatalog() {
    QJsonObject json = hardware::Catalog::builtIn().toJson();
    QJsonObject devices = json.value(QStringLiteral("devices")).toObject();
    QJsonObject device = devices.value(QStringLiteral("inferentia1")).toObject();
    const hardware::InstanceSpec* spec = hardware::Catalog::builtIn().find(QStringLiteral("inf1.xlarge"));
    for (const auto& [key, factor] : kPerturbation)
        calibrate::writeParameter(device, QLatin1String(key),
                                  calibrate::parameterValue(*spec, QLatin1String(key)) * factor,
                                  QStringLiteral("test truth"));
    devices[QStringLiteral("inferentia1")] = device;
    json[QStringLiteral("devices")] = devices;
    auto catalog = hardware::Catalog::fromJson(QJsonDocument(json).toJson(), QStringLiteral("truth"));
    return catalog.ok() ? catalog.value() : hardware::Catalog();
}

calibrate::Measurement measure(const Config& c, const hardware::Catalog& truth, int line) {
    calibrate::Measurement m;
    m.line = line;
    m.origin = QStringLiteral("truth.csv");
    m.scenario = scenario(c);
    auto in = sim::buildInputs(m.scenario, truth);
    auto run = in ? sim::simulate(in.value()) : Result<sim::RunPtr>(in.error());
    if (!run)
        qFatal("%s", qPrintable(run.error().toString()));
    m.throughputPerSecond = run.value()->summary.throughputPerSecond;
    m.latencyP50Ms = run.value()->summary.latencyMs.p50;
    m.latencyP95Ms = run.value()->summary.latencyMs.p95;
    m.latencyP99Ms = run.value()->summary.latencyMs.p99;
    return m;
}

double truthOf(const QString& key) {
    const hardware::InstanceSpec* spec = hardware::Catalog::builtIn().find(QStringLiteral("inf1.xlarge"));
    double value = calibrate::parameterValue(*spec, key);
    for (const auto& [k, factor] : kPerturbation)
        if (key == QLatin1String(k))
            value *= factor;
    return value;
}

} // namespace

class TestMeasurementFit : public QObject {
    Q_OBJECT
private slots:
    void roundTripRecoversTheTruth() {
        const hardware::Catalog truth = perturbedCatalog();
        QVERIFY(!truth.instances().empty());
        calibrate::MeasurementSet set;
        set.origin = QStringLiteral("truth.csv");
        int line = 2;
        for (const Config& c : kFitted)
            set.rows.push_back(measure(c, truth, line++));

        calibrate::MeasurementFitOptions options;
        options.requests = kRequests;
        options.leaveOneOut = false;
        double lastProgress = -1;
        bool monotonic = true;
        options.progress = [&](double f, const QString&) {
            monotonic = monotonic && f >= lastProgress;
            lastProgress = f;
        };
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set, options);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        qInfo().noquote() << calibrate::measurementFitText(report.value());
        QVERIFY(monotonic);
        QCOMPARE(lastProgress, 1.0);
        QCOMPARE(report->device, QStringLiteral("inferentia1"));

        // Every parameter the rows pin down must come back within 5% of the truth, the two
        // pinned-down perturbed ones among them.
        int identified = 0;
        for (const auto& p : report->parameters) {
            if (!p.identified)
                continue;
            ++identified;
            const double truthValue = truthOf(p.key);
            QVERIFY2(std::abs(p.value / truthValue - 1) < 0.05,
                     qPrintable(
                         QStringLiteral("%1: fitted %2, truth %3").arg(p.key).arg(p.value).arg(truthValue)));
            QVERIFY2(p.low <= p.value && p.value <= p.high, qPrintable(p.key));
        }
        for (const char* key : {"tensor_efficiency", "host.per_sample_overhead_ns"}) {
            const auto it = std::find_if(report->parameters.begin(), report->parameters.end(),
                                         [&](const auto& p) { return p.key == QLatin1String(key); });
            QVERIFY2(it != report->parameters.end() && it->identified, key);
        }
        QVERIFY(identified >= 2);
        QVERIFY2(
            report->throughputMapeAfter < 1.0 && report->p95MapeAfter < 1.0,
            qPrintable(QStringLiteral("%1 / %2").arg(report->throughputMapeAfter).arg(report->p95MapeAfter)));
        QVERIFY(report->throughputMapeBefore > report->throughputMapeAfter);

        // The fitted device, used as a profile, predicts what it never saw within 3%.
        hardware::Catalog fitted = hardware::Catalog::builtIn();
        fitted.setDeviceProfiles(
            {calibrate::deviceProfileFromFit(report.value(), QStringLiteral("round trip"))});
        for (const Config& c : kHeldOut) {
            const calibrate::Measurement truthRow = measure(c, truth, 0);
            sim::Scenario s = scenario(c);
            s.deviceProfile = QStringLiteral("round trip");
            auto in = sim::buildInputs(s, fitted);
            QVERIFY2(in.ok(), qPrintable(in.ok() ? QString() : in.error().toString()));
            QCOMPARE(in->instance.deviceProfile, QStringLiteral("round trip"));
            auto run = sim::simulate(in.value());
            QVERIFY(run.ok());
            const double thr = run.value()->summary.throughputPerSecond / truthRow.throughputPerSecond - 1;
            const double p95 = run.value()->summary.latencyMs.p95 / truthRow.latencyP95Ms - 1;
            QVERIFY2(std::abs(thr) < 0.03 && std::abs(p95) < 0.03,
                     qPrintable(QStringLiteral("%1: throughput %2%, p95 %3%")
                                    .arg(truthRow.label())
                                    .arg(thr * 100)
                                    .arg(p95 * 100)));
        }
    }

    void leaveOneOutAndNotes() {
        // Three rows of one configuration family: few enough to run leave-one-out quickly.
        const hardware::Catalog truth = perturbedCatalog();
        calibrate::MeasurementSet set;
        set.origin = QStringLiteral("three.csv");
        for (int i : {0, 1, 2})
            set.rows.push_back(measure(kFitted[i], truth, i + 2));
        calibrate::MeasurementFitOptions options;
        options.requests = kRequests;
        options.parameters = {QStringLiteral("host.request_overhead_ns")};
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set, options);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        for (const auto& row : report->rows) {
            QVERIFY(row.throughputHeldOut > 0);
            QVERIFY(row.p95HeldOut > 0);
        }
        QVERIFY(report->throughputMapeHeldOut > 0);
        // Only the named parameter moved; the rest are reported as not fitted.
        for (const auto& p : report->parameters)
            QCOMPARE(p.fitted, p.key == QLatin1String("host.request_overhead_ns"));
        QVERIFY(report->unidentified.contains(QStringLiteral("tensor_efficiency")));
        const QJsonObject json = calibrate::measurementFitJson(report.value());
        QCOMPARE(json.value(QStringLiteral("rows")).toArray().size(), 3);
        QVERIFY(json.value(QStringLiteral("mape")).toObject().contains(QStringLiteral("held_out")));
    }

    void refusesWhatItCannotFit_data() {
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown parameter") << QStringList{QStringLiteral("warp_factor")} << QString()
                                           << QStringLiteral("unknown parameter 'warp_factor'");
        QTest::newRow("wrong device")
            << QStringList{} << QStringLiteral("t4") << QStringLiteral("fit one device");
    }
    void refusesWhatItCannotFit() {
        QFETCH(QStringList, params);
        QFETCH(QString, device);
        QFETCH(QString, expected);
        calibrate::MeasurementSet set;
        set.origin = QStringLiteral("one.csv");
        set.rows.push_back(measure(kFitted[0], hardware::Catalog::builtIn(), 2));
        calibrate::MeasurementFitOptions options;
        options.requests = 300;
        options.parameters = params;
        options.device = device;
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set, options);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().toString().contains(expected), qPrintable(report.error().toString()));
    }

    void emptySetIsAnError() {
        calibrate::MeasurementSet set;
        set.origin = QStringLiteral("empty.csv");
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set);
        QVERIFY(!report.ok());
        QVERIFY(report.error().toString().contains(QStringLiteral("empty.csv")));
    }

    void cancelStopsTheFit() {
        calibrate::MeasurementSet set;
        set.origin = QStringLiteral("cancel.csv");
        for (int i : {0, 1})
            set.rows.push_back(measure(kFitted[i], hardware::Catalog::builtIn(), i + 2));
        std::atomic<bool> cancel{false};
        calibrate::MeasurementFitOptions options;
        options.requests = 300;
        options.cancel = &cancel;
        options.progress = [&](double f, const QString&) {
            if (f > 0.05)
                cancel = true;
        };
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set, options);
        QVERIFY(!report.ok());
        QVERIFY(report.error().toString().contains(QStringLiteral("cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestMeasurementFit)
#include "tst_measurement_fit.moc"
