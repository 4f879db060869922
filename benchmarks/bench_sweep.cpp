// Sweep speed: the full bert-base-uncased sweep (the four inf1 sizes and g4dn.xlarge,
// every uniform grouping, six batch sizes, 8 load points and a closed loop of 2,000 requests each)
// on every hardware thread, and the summary-only simulator alone on one thread (PP16 batch 1 on
// inf1.6xlarge). Prints its figures; run a Release build (build/release/benchmarks/).
#include "hardware/catalog.h"
#include "sim/scenario.h"
#include "sim/simulator.h"
#include "sweep/sweep.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <thread>
#include <vector>

using namespace pipescope;

namespace {

double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double processSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int fullSweep(QTextStream& out) {
    sweep::SweepSpace space;
    space.instances = {QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.2xlarge"),
                       QStringLiteral("inf1.6xlarge"), QStringLiteral("inf1.24xlarge"),
                       QStringLiteral("g4dn.xlarge")};
    space.batches = {1, 2, 4, 6, 8, 16};
    sweep::LoadCurveOptions curve; // 8 points and a closed loop of 2,000 requests
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = processSeconds();
    const auto result = sweep::runSweep(space, curve, hardware::Catalog::builtIn());
    const double wall = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const double cpu = processSeconds() - cpuStart;
    if (!result) {
        out << "sweep failed: " << result.error().toString() << '\n';
        return 1;
    }
    out << QStringLiteral("full sweep (%1 threads): %2 deployments (%3 rejected), %4 simulations, "
                          "%5 simulated requests\n")
               .arg(std::thread::hardware_concurrency())
               .arg(result->entries.size())
               .arg(result->skipped)
               .arg(result->simulations)
               .arg(result->simulatedRequests);
    out << QStringLiteral(
               "  %1 s wall, %2 s CPU: %3 simulated requests per wall second, "
               "%4 M simulator events in all (%5 M per CPU second) (target: under 5 s on 2 cores)\n")
               .arg(wall, 0, 'f', 2)
               .arg(cpu, 0, 'f', 2)
               .arg(static_cast<double>(result->simulatedRequests) / wall, 0, 'f', 0)
               .arg(static_cast<double>(result->processedEvents) / 1e6, 0, 'f', 0)
               .arg(static_cast<double>(result->processedEvents) / 1e6 / cpu, 0, 'f', 1);
    return 0;
}

int summaryOnlySpeed(QTextStream& out) {
    sim::Scenario s;
    s.instance = QStringLiteral("inf1.6xlarge");
    s.groupSizes = QStringLiteral("16");
    s.pipelineCores = 16;
    s.batch = 1;
    s.workload.clients = 16;
    s.workload.requests = 400000;
    const auto in = sim::buildInputs(s, hardware::Catalog::builtIn());
    if (!in) {
        out << in.error().toString() << '\n';
        return 1;
    }
    for (const bool keepTrace : {false, true}) {
        std::vector<double> cpu;
        std::int64_t processed = 0, traceEvents = 0, requests = 0;
        for (int r = 0; r < 3; ++r) {
            sim::RunControl control;
            control.keepTrace = keepTrace;
            const double start = threadSeconds();
            const auto run = sim::simulate(in.value(), control);
            cpu.push_back(threadSeconds() - start);
            processed = run.value()->summary.processedEvents;
            traceEvents = run.value()->summary.events; // kept or, summary-only, only counted
            requests = static_cast<std::int64_t>(run.value()->requests.size());
        }
        std::sort(cpu.begin(), cpu.end());
        const double median = cpu[1];
        const double perRequest = 1.0 / static_cast<double>(std::max<std::int64_t>(1, requests));
        out << QStringLiteral("PP16 batch 1 on inf1.6xlarge, %1, one thread: %2 M trace events/s (%3 per "
                              "inference), %4 M simulator events/s (%5 per inference), %6 inferences/s%7\n")
                   .arg(keepTrace ? QStringLiteral("trace kept  ") : QStringLiteral("summary-only"))
                   .arg(static_cast<double>(traceEvents) / median / 1e6, 0, 'f', 1)
                   .arg(static_cast<double>(traceEvents) * perRequest, 0, 'f', 1)
                   .arg(static_cast<double>(processed) / median / 1e6, 0, 'f', 1)
                   .arg(static_cast<double>(processed) * perRequest, 0, 'f', 1)
                   .arg(static_cast<double>(requests) / median, 0, 'f', 0)
                   .arg(keepTrace ? QString()
                                  : QStringLiteral(" (targets: 20 M events/s, 500,000 inferences/s)"));
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    // `bench_sweep simulator` or `bench_sweep sweep` runs one part; no argument runs both.
    const QStringList args = app.arguments().mid(1);
    if (!args.contains(QStringLiteral("sweep")))
        if (const int error = summaryOnlySpeed(out))
            return error;
    out.flush();
    out << "(trace events: the compute, weight-wait, transfer and host spans a run's timeline holds, "
           "counted in summary-only mode though not kept; the unit of bench_simulator and of the issue's "
           "baseline, 7.4 M events/s with the trace kept when it was filed. Simulator events: every "
           "event scheduled, including DRAM checks replaced before their time, which the queue does "
           "not pop; stages whose weights stay in SRAM take none, so fewer of them do more work each)\n";
    return args.contains(QStringLiteral("simulator")) ? 0 : fullSweep(out);
}
