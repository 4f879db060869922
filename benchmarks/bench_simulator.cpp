// Simulator speed: trace events per second on one core, and the time to simulate every reference
// row at 20,000 requests. Prints its figures; run a Release build (build/release/benchmarks/).
#include "calibrate/reference.h"
#include "hardware/catalog.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <vector>

using namespace pipescope;

namespace {

// CPU time of this thread: on a shared machine, wall time also counts other processes' turns.
double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const auto& catalog = hardware::Catalog::builtIn();
    const int repetitions = 3;

    // 1. Events per second: large runs of the deployments users compare.
    struct Case {
        const char* name;
        const char* instance;
        const char* groups;
        int cores, batch, clients, requests;
    };
    const Case cases[] = {
        {"16-core pipeline, batch 1", "inf1.6xlarge", "16", 16, 1, 16, 250000},
        {"64-core pipeline, batch 1", "inf1.24xlarge", "64", 64, 1, 64, 60000},
        {"data parallel x4, batch 6", "inf1.xlarge", "1,1,1,1", 1, 6, 4, 1000000},
        {"GPU, batch 1", "g4dn.xlarge", "", 1, 1, 1, 100000},
    };
    out << "simulated trace events per CPU second (one thread, median of " << repetitions << ")\n";
    double worstRate = 1e300;
    for (const Case& c : cases) {
        sim::Scenario s;
        s.instance = QString::fromLatin1(c.instance);
        s.groupSizes = QString::fromLatin1(c.groups);
        s.pipelineCores = c.cores;
        s.batch = c.batch;
        s.workload.clients = c.clients;
        s.workload.requests = c.requests;
        s.workload.warmup = 100;
        const auto in = sim::buildInputs(s, catalog);
        if (!in) {
            out << c.name << ": " << in.error().toString() << '\n';
            return 1;
        }
        std::vector<double> seconds, cpu;
        std::int64_t events = 0, processed = 0;
        for (int r = 0; r < repetitions; ++r) {
            QElapsedTimer timer;
            timer.start();
            const double cpuStart = threadSeconds();
            const auto run = sim::simulate(in.value());
            cpu.push_back(threadSeconds() - cpuStart);
            seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
            events = run.value()->summary.events;
            processed = run.value()->summary.processedEvents;
        }
        const double rate = static_cast<double>(events) / median(cpu);
        const double processedRate = static_cast<double>(processed) / median(cpu);
        worstRate = std::min(worstRate, rate);
        out << QStringLiteral("  %1 %2 trace events in %3 s CPU (%4 s wall): %5 M trace events/s, "
                              "%6 M simulator events/s\n")
                   .arg(QString::fromLatin1(c.name), -28)
                   .arg(events, 10)
                   .arg(median(cpu), 6, 'f', 3)
                   .arg(median(seconds), 6, 'f', 3)
                   .arg(rate / 1e6, 5, 'f', 1)
                   .arg(processedRate / 1e6, 5, 'f', 1);
    }
    out << "(simulator events: every event scheduled, including DRAM checks replaced before their "
           "time, which the queue does not pop. Stages whose weights stay in SRAM take no events, so "
           "fewer events do more work each: inferences per second is the figure to compare)\n";
    out << QStringLiteral("  slowest case: %1 M trace events/s (target: at least 10)\n")
               .arg(worstRate / 1e6, 0, 'f', 1);

    // 2. Every reference row at 20,000 requests, as `pipescope validate` runs them.
    std::vector<double> totals, totalsCpu;
    for (int r = 0; r < repetitions; ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadSeconds();
        for (const auto& row : calibrate::builtInReference()) {
            const auto in = sim::buildInputs(calibrate::referenceScenario(row, 20000, 1), catalog);
            const auto run = sim::simulate(in.value());
            if (!run)
                return 1;
        }
        totals.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
        totalsCpu.push_back(threadSeconds() - cpuStart);
    }
    out << QStringLiteral(
               "all %1 reference rows at 20,000 requests: %2 s wall, %3 s CPU (target: under 1 s)\n")
               .arg(calibrate::builtInReference().size())
               .arg(median(totals), 0, 'f', 3)
               .arg(median(totalsCpu), 0, 'f', 3);
    return 0;
}
