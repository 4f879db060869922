#pragma once

// Test support: build or simulate a scenario that must be valid, stopping the test binary with the engine's
// message when it is not (a broken fixture, not a test outcome).
#include "hardware/catalog.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include <QTest>
#include <QtGlobal>

#include <cstdint>
#include <utility>

// One deployment in closed loop, with 50 warm-up requests.
inline pipescope::sim::Scenario closedLoopScenario(const QString& instance, const QString& groups, int cores,
                                                   int batch, int clients, int requests,
                                                   std::uint64_t seed = 1) {
    pipescope::sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = cores;
    s.batch = batch;
    s.workload.clients = clients;
    s.workload.requests = requests;
    s.workload.warmup = 50;
    s.workload.seed = seed;
    return s;
}

// A data-driven test over closed-loop deployments: its columns, and the current row's values.
struct DeploymentRow {
    QString instance, groups;
    int cores = 0, batch = 0, clients = 0;
};
inline void addDeploymentColumns() {
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("clients");
}
inline DeploymentRow fetchDeploymentRow() {
    QFETCH(QString, instance);
    QFETCH(QString, groups);
    QFETCH(int, cores);
    QFETCH(int, batch);
    QFETCH(int, clients);
    return {instance, groups, cores, batch, clients};
}

inline pipescope::sim::RunInputs inputsOrDie(const pipescope::sim::Scenario& scenario,
                                             const pipescope::hardware::Catalog& catalog) {
    auto inputs = pipescope::sim::buildInputs(scenario, catalog);
    if (!inputs)
        qFatal("%s", qPrintable(inputs.error().toString()));
    return std::move(inputs).value();
}

inline pipescope::sim::RunPtr simulateOrDie(const pipescope::sim::Scenario& scenario,
                                            const pipescope::hardware::Catalog& catalog) {
    const auto run = pipescope::sim::simulate(inputsOrDie(scenario, catalog));
    if (!run)
        qFatal("%s", qPrintable(run.error().toString()));
    return run.value();
}
