// The serving model: worker processes, each with its own interpreter lock, one per NeuronCore group
// by default; validation of impossible worker layouts; the latency breakdown and the bottleneck.
#include "compile/plan.h"
#include "hardware/catalog.h"
#include "metrics/bottleneck.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include "simulate_or_die.h"

#include <QTest>

#include <cmath>

using namespace pipescope;

namespace {

sim::Scenario scenario(const QString& instance, const QString& groups, int cores, int batch, int clients,
                       int workers = 0) {
    sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = cores;
    s.batch = batch;
    s.workers = workers;
    s.workload.clients = clients;
    s.workload.requests = 1500;
    s.workload.warmup = 50;
    s.workload.seed = 3;
    return s;
}

const QString kSixteenCopies = QStringLiteral("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");

int hostLanes(const sim::Run& run) {
    int lanes = 0;
    for (const auto& lane : run.trace.lanes)
        lanes += lane.core == -2 ? 1 : 0;
    return lanes;
}

} // namespace

class TestServing : public QObject {
    Q_OBJECT
private slots:
    void defaultIsOneWorkerPerGroup_data() {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("groups");
        QTest::addColumn<int>("cores");
        QTest::addColumn<int>("workers");
        QTest::newRow("xlarge dp") << "inf1.xlarge"
                                   << "1,1,1,1" << 1 << 4;
        QTest::newRow("6xlarge dp") << "inf1.6xlarge" << kSixteenCopies << 1 << 16;
        QTest::newRow("6xlarge pp16") << "inf1.6xlarge"
                                      << "16" << 16 << 1;
        QTest::newRow("6xlarge 4x pp4") << "inf1.6xlarge"
                                        << "4,4,4,4" << 4 << 4;
        QTest::newRow("gpu") << "g4dn.xlarge"
                             << "" << 1 << 1;
    }
    void defaultIsOneWorkerPerGroup() {
        QFETCH(QString, instance);
        QFETCH(QString, groups);
        QFETCH(int, cores);
        QFETCH(int, workers);
        const auto run = simulateOrDie(scenario(instance, groups, cores, 1, 4), hardware::Catalog::builtIn());
        QCOMPARE(compile::servingWorkers(run->inputs.config, run->inputs.instance.isGpu()), workers);
        QCOMPARE(hostLanes(*run), workers);
    }

    // Sixteen single-core copies each with their own worker are not bound by one interpreter lock:
    // throughput scales about 4x from inf1.xlarge to inf1.6xlarge, as the study measured (245 -> 974/s).
    void dataParallelScalesWithWorkers() {
        const auto& catalog = hardware::Catalog::builtIn();
        const auto small = simulateOrDie(
            scenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 1, 4), catalog);
        const auto large =
            simulateOrDie(scenario(QStringLiteral("inf1.6xlarge"), kSixteenCopies, 1, 1, 16), catalog);
        const double ratio = large->summary.throughputPerSecond / small->summary.throughputPerSecond;
        QVERIFY2(ratio > 3.6 && ratio < 4.4, qPrintable(QString::number(ratio)));
        // At batch 6 one worker for all sixteen copies would need its lock for more than all of the
        // time (about 650 batches/s at 2.6 ms each): it binds, and sixteen workers do not.
        const auto sixteen =
            simulateOrDie(scenario(QStringLiteral("inf1.6xlarge"), kSixteenCopies, 1, 6, 16), catalog);
        const auto oneWorker =
            simulateOrDie(scenario(QStringLiteral("inf1.6xlarge"), kSixteenCopies, 1, 6, 16, 1), catalog);
        QVERIFY2(oneWorker->summary.throughputPerSecond < 0.8 * sixteen->summary.throughputPerSecond,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(oneWorker->summary.throughputPerSecond)
                                .arg(sixteen->summary.throughputPerSecond)));
        QCOMPARE(oneWorker->summary.bottleneck.resource, QStringLiteral("host"));
        QCOMPARE(hostLanes(*oneWorker), 1);
    }

    // A 16-core pipeline fed by one worker is bound by that worker's lock; the breakdown and the
    // bottleneck say so.
    void pipelineIsBoundByItsWorker() {
        const auto run =
            simulateOrDie(scenario(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 1, 12),
                          hardware::Catalog::builtIn());
        QCOMPARE(run->summary.bottleneck.resource, QStringLiteral("host"));
        QVERIFY(run->summary.bottleneck.utilisation > 0.9);
        QVERIFY(run->summary.bottleneck.reason.contains(QLatin1String("interpreter lock")));
        QVERIFY(run->summary.breakdownMs.hostQueue > 0);
    }

    // The parts of the breakdown add up to the mean latency of the measured requests.
    void breakdownAddsUpToTheMeanLatency_data() {
        addDeploymentColumns();
        QTest::newRow("dp b1") << "inf1.xlarge"
                               << "1,1,1,1" << 1 << 1 << 4;
        QTest::newRow("pp4 b6") << "inf1.xlarge"
                                << "4" << 4 << 6 << 4;
        QTest::newRow("pp16 b1") << "inf1.6xlarge"
                                 << "16" << 16 << 1 << 12;
        QTest::newRow("gpu b8") << "g4dn.xlarge"
                                << "" << 1 << 8 << 2;
        QTest::newRow("dp oversubscribed") << "inf1.xlarge"
                                           << "1,1,1,1" << 1 << 1 << 40;
    }
    void breakdownAddsUpToTheMeanLatency() {
        const DeploymentRow row = fetchDeploymentRow();
        const auto run = simulateOrDie(scenario(row.instance, row.groups, row.cores, row.batch, row.clients),
                                       hardware::Catalog::builtIn());
        const double total = run->summary.breakdownMs.total();
        const double mean = run->summary.latencyMs.mean;
        QVERIFY2(std::abs(total - mean) / mean < 0.03,
                 qPrintable(QStringLiteral("%1 vs %2").arg(total).arg(mean)));
        QVERIFY(run->summary.breakdownMs.compute > 0);
    }

    void badWorkerLayoutsAreRefused_data() {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("groups");
        QTest::addColumn<int>("cores");
        QTest::addColumn<int>("workers");
        QTest::addColumn<QString>("message");
        QTest::newRow("worker without a copy") << "inf1.xlarge"
                                               << "4" << 4 << 2 << "workers: 2 workers for 1 model copy";
        QTest::newRow("more than vcpus")
            << "inf1.6xlarge" << kSixteenCopies << 1 << 25 << "workers: 25 workers for 16 model copies";
        QTest::newRow("gpu") << "g4dn.xlarge"
                             << "" << 1 << 2 << "workers: 2 workers for 1 model copy";
        QTest::newRow("negative") << "inf1.xlarge"
                                  << "1,1,1,1" << 1 << -1 << "workers: must be from 1 to 4096";
    }
    void badWorkerLayoutsAreRefused() {
        QFETCH(QString, instance);
        QFETCH(QString, groups);
        QFETCH(int, cores);
        QFETCH(int, workers);
        QFETCH(QString, message);
        const auto inputs =
            sim::buildInputs(scenario(instance, groups, cores, 1, 4, workers), hardware::Catalog::builtIn());
        QVERIFY(!inputs.ok());
        QVERIFY2(inputs.error().toString().contains(message), qPrintable(inputs.error().toString()));
    }

    // A worker needs a vCPU for its interpreter thread (a user catalog may describe a small host).
    void workersNeedVcpus() {
        auto inputs =
            sim::buildInputs(scenario(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 1, 4),
                             hardware::Catalog::builtIn());
        QVERIFY(inputs.ok());
        inputs.value().instance.vcpus = 2;
        const auto error = compile::validate(inputs.value());
        QVERIFY(error.has_value());
        QVERIFY2(
            error->toString().contains(QLatin1String("4 worker processes need 4 vCPUs; inf1.xlarge has 2")),
            qPrintable(error->toString()));
    }

    // The rule that names the bottleneck, on loads made by hand.
    void bottleneckRule() {
        metrics::ResourceLoad load;
        load.workerLock = {0.3, 0.95};
        load.chipDram = {0.5};
        QCOMPARE(metrics::findBottleneck(load).resource, QStringLiteral("host"));
        load.workerLock = {0.3};
        load.chipDram = {0.97};
        QCOMPARE(metrics::findBottleneck(load).resource, QStringLiteral("dram"));
        load.chipDram = {0.2};
        metrics::CoreUtilization core;
        core.compute = 0.9;
        core.idle = 0.1;
        load.cores = {core};
        QCOMPARE(metrics::findBottleneck(load).resource, QStringLiteral("compute"));
        load.cores.front().compute = 0.2;
        load.cores.front().idle = 0.8;
        load.workload.clients = 1;
        load.modelCopies = 4;
        const auto idle = metrics::findBottleneck(load);
        QCOMPARE(idle.resource, QStringLiteral("clients"));
        QVERIFY(idle.reason.contains(QLatin1String("1 clients for 4 model copies")));
    }
};

QTEST_GUILESS_MAIN(TestServing)
#include "tst_serving.moc"
