// Measurement import speed at its bounds: 10,000 rows (the most a file may hold) of one deployment
// at many loads (the deployment is checked once), 10,000 distinct deployments (each resolved by
// sim::buildInputs), 60 MiB of junk after a valid header and a 60 MiB NeuronPerf JSON. Prints CPU seconds of
// this thread.
#include "calibrate/measurement_import.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTextStream>

#include <ctime>

using namespace pipescope;

namespace {

double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

const QByteArray kHeader =
    "instance,group_sizes,pipeline_cores,batch,clients,throughput_per_s,latency_p95_ms\n";

QByteArray oneDeploymentManyLoads() {
    QByteArray csv = kHeader;
    for (int clients = 1; clients <= calibrate::kMaxMeasurementRows; ++clients)
        csv += "inf1.xlarge,\"1,1,1,1\",1,1," + QByteArray::number(clients) + ",245,16.5\n";
    return csv;
}

QByteArray distinctDeployments() {
    QByteArray csv = kHeader;
    const char* groupings[][2] = {{"\"1,1,1,1\"", "1"}, {"\"1,1\"", "1"}, {"1", "1"},
                                  {"\"2,2\"", "2"},     {"2", "2"},       {"4", "4"}};
    int rows = 0;
    for (int batch = 1; rows < calibrate::kMaxMeasurementRows; ++batch)
        for (const auto& g : groupings)
            if (rows++ < calibrate::kMaxMeasurementRows)
                csv += QByteArray("inf1.xlarge,") + g[0] + "," + g[1] + "," + QByteArray::number(batch) +
                       ",4,245,16.5\n";
    return csv;
}

QByteArray junkAfterHeader() {
    QRandomGenerator random(3);
    QByteArray junk = kHeader;
    const char alphabet[] = "abc,,,\"\n0123456789.-e ";
    junk.reserve(60 << 20);
    while (junk.size() < (60 << 20))
        junk.append(alphabet[random.bounded(int(sizeof(alphabet) - 1))]);
    return junk;
}

// A NeuronPerf JSON at the size limit: about 600,000 small reports, refused for their number once parsed.
QByteArray hugeJson() {
    QByteArray json = "[";
    const QByteArray report = "{\"n_models\":4,\"workers_per_model\":1,\"pipeline_size\":1,\"batch_size\":1,"
                              "\"throughput_avg\":245,\"latency_ms_p95\":16.5},";
    json.reserve(60 << 20);
    while (json.size() < (60 << 20) - report.size())
        json += report;
    json.back() = ']';
    return json;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    calibrate::ImportDefaults defaults;
    const struct {
        const char* name;
        QByteArray data;
    } cases[] = {{"10,000 rows, one deployment", oneDeploymentManyLoads()},
                 {"10,000 rows, distinct deployments", distinctDeployments()},
                 {"60 MiB of junk after a header", junkAfterHeader()},
                 {"60 MiB NeuronPerf JSON", hugeJson()}};
    for (const auto& c : cases) {
        const double start = threadSeconds();
        const auto set = calibrate::importMeasurements(c.data, QStringLiteral("bench.csv"),
                                                       hardware::Catalog::builtIn(), defaults);
        const double seconds = threadSeconds() - start;
        out << c.name << " (" << c.data.size() / 1024 << " KiB): " << QString::number(seconds, 'f', 2)
            << " s CPU; "
            << (set.ok()
                    ? QStringLiteral("%1 rows, %2 skipped").arg(set->rows.size()).arg(set->skipped.size())
                    : set.error().toString().left(100))
            << "\n";
        out.flush();
    }
    return 0;
}
