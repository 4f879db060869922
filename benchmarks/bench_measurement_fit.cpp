// Calibration speed: a 10-row fit to a user's measurements (benchmarks/data/measurements-10-rows.csv,
// synthetic rows of inf1.xlarge and inf1.6xlarge from a perturbed device) at the default 3,000
// simulated requests per row, on every hardware thread: the parameter choice (sensitivity
// Jacobian), the fit, and the leave-one-out refits. Target: the fit in under 30 s on 2 cores.
// Prints its figures; run a Release build (build/release/benchmarks/).
#include "calibrate/measurement_fit.h"
#include "calibrate/measurement_import.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <ctime>
#include <thread>

using namespace pipescope;

namespace {

double processSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QString path = QStringLiteral(PIPESCOPE_BENCH_DATA "/measurements-10-rows.csv");
    const auto set = calibrate::readMeasurementsFile(path, hardware::Catalog::builtIn());
    if (!set) {
        out << "bench_measurement_fit: " << set.error().toString() << '\n';
        return 1;
    }
    out << QStringLiteral("%1 rows (%2 skipped), %3 hardware threads\n")
               .arg(set->rows.size())
               .arg(set->skipped.size())
               .arg(std::thread::hardware_concurrency());
    for (const bool heldOut : {false, true}) {
        calibrate::MeasurementFitOptions options;
        options.leaveOneOut = heldOut;
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = processSeconds();
        const auto report = calibrate::fitMeasurements(hardware::Catalog::builtIn(), set.value(), options);
        const double seconds = double(wall.nsecsElapsed()) / 1e9;
        if (!report) {
            out << "bench_measurement_fit: " << report.error().toString() << '\n';
            return 1;
        }
        QStringList fitted;
        for (const auto& p : report->parameters)
            if (p.fitted)
                fitted << p.key;
        out << QStringLiteral("%1: %2 s wall, %3 s CPU, %4 simulations; fitted %5; error after %6% / %7%%8\n")
                   .arg(heldOut ? QStringLiteral("fit + leave-one-out")
                                : QStringLiteral("fit (choice + fit)"))
                   .arg(seconds, 0, 'f', 1)
                   .arg(processSeconds() - cpu0, 0, 'f', 1)
                   .arg(report->evaluations)
                   .arg(fitted.join(QStringLiteral(", ")))
                   .arg(report->throughputMapeAfter, 0, 'f', 2)
                   .arg(report->p95MapeAfter, 0, 'f', 2)
                   .arg(heldOut ? QStringLiteral(", held out %1% / %2%")
                                      .arg(report->throughputMapeHeldOut, 0, 'f', 2)
                                      .arg(report->p95MapeHeldOut, 0, 'f', 2)
                                : QString());
    }
    return 0;
}
