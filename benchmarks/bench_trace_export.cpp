// Chrome trace export of ten-million-event runs: seconds on one core, bytes per event as gzip
// and as plain JSON, and the export's peak memory above the run it exports. Prints its figures;
// run a Release build (build/release/benchmarks/). Targets: under 10 s and at most 15 bytes per event
// compressed; peak memory well under twice the in-memory trace (sim::kBytesPerEvent, 16 bytes per event).
#include "hardware/catalog.h"
#include "io/chrome_trace_export.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <ctime>

using namespace pipescope;

namespace {

double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// A line of /proc/self/status in MiB ("VmRSS", "VmHWM"), or -1 off Linux.
double statusMiB(const QByteArray& key) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

// Resets VmHWM to the current RSS, so the next peak is the export's own (Linux 4.0+).
void resetPeak() {
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    struct Case {
        const char* name;
        const char* instance;
        const char* groups;
        int cores, clients, requests;
        const char* file;
    };
    const Case cases[] = {
        {"16-core pipeline", "inf1.6xlarge", "16", 16, 16, 150000, "pp16.json.gz"},
        {"16-core pipeline, plain JSON", "inf1.6xlarge", "16", 16, 16, 150000, "pp16.json"},
        {"GPU", "g4dn.xlarge", "", 1, 4, 78000, "gpu.json.gz"},
        {"data parallel x4", "inf1.xlarge", "1,1,1,1", 1, 8, 1250000, "dp.json.gz"},
    };
    out << "Chrome trace export, one thread (CPU seconds; peak = the export's memory above the run)\n";
    for (const Case& c : cases) {
        sim::Scenario s;
        s.instance = QString::fromLatin1(c.instance);
        s.groupSizes = QString::fromLatin1(c.groups);
        s.pipelineCores = c.cores;
        s.workload.clients = c.clients;
        s.workload.requests = c.requests;
        const auto in = sim::buildInputs(s, hardware::Catalog::builtIn());
        if (!in) {
            out << c.name << ": " << in.error().toString() << '\n';
            return 1;
        }
        const auto run = sim::simulate(in.value());
        if (!run) {
            out << c.name << ": " << run.error().toString() << '\n';
            return 1;
        }
        const double traceMiB =
            static_cast<double>(run.value()->trace.eventCount() * sim::kBytesPerEvent) / 1048576.0;
        resetPeak();
        const double rssBefore = statusMiB("VmRSS");
        QElapsedTimer wall;
        wall.start();
        const double cpuStart = threadSeconds();
        const auto stats = io::exportChromeTrace(dir.filePath(QString::fromLatin1(c.file)), *run.value());
        const double cpu = threadSeconds() - cpuStart;
        const double seconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;
        if (!stats) {
            out << c.name << ": " << stats.error().toString() << '\n';
            return 1;
        }
        const double events = static_cast<double>(stats->events);
        out << QStringLiteral("%1: %2 M events in %3 s CPU (%4 s wall), %5 bytes/event written, %6 as JSON; "
                              "peak +%7 MiB (trace in memory: %8 MiB)\n")
                   .arg(QString::fromLatin1(c.name))
                   .arg(events / 1e6, 0, 'f', 2)
                   .arg(cpu, 0, 'f', 2)
                   .arg(seconds, 0, 'f', 2)
                   .arg(static_cast<double>(stats->writtenBytes) / events, 0, 'f', 1)
                   .arg(static_cast<double>(stats->jsonBytes) / events, 0, 'f', 1)
                   .arg(statusMiB("VmHWM") - rssBefore, 0, 'f', 0)
                   .arg(traceMiB, 0, 'f', 0);
        out.flush();
    }
    return 0;
}
