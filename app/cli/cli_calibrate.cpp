// `pipescope calibrate`: fits the unpublished parameters to the reference measurements and
// writes them, with their provenance, into a catalog file.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "calibrate/calibration.h"
#include "calibrate/convolution_fit.h"
#include "calibrate/cross_validation.h"

#include <cmath>

#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace pipescope::cli {

namespace {

// The study's rows hold no convolution network: conv_efficiency is fitted to AWS's published
// ResNet-50 figures instead, on top of the fitted catalog, and written with that source.
bool fitConvolution(QJsonObject& catalogJson, int requests, std::uint64_t seed, QTextStream& out) {
    const auto fitted =
        hardware::Catalog::fromJson(QJsonDocument(catalogJson).toJson(), QStringLiteral("fit"));
    const auto conv = fitted ? calibrate::fitConvolutionEfficiency(
                                   fitted.value(), calibrate::builtInPublishedFigures(), requests, seed)
                             : Result<calibrate::ConvolutionFit>(fitted.error());
    if (!conv) {
        QTextStream(stderr) << "pipescope calibrate: conv_efficiency: " << conv.error().toString() << '\n';
        return false;
    }
    QJsonObject devices = catalogJson.value(QStringLiteral("devices")).toObject();
    for (auto it = devices.begin(); it != devices.end(); ++it) {
        QJsonObject device = it.value().toObject();
        if (device.value(QStringLiteral("kind")).toString() != QLatin1String("neuron"))
            continue;
        calibrate::writeParameter(device, QStringLiteral("conv_efficiency"), conv->efficiency,
                                  QStringLiteral("calibrated: ") + conv->source);
        *it = device;
    }
    catalogJson[QStringLiteral("devices")] = devices;
    out << QStringLiteral("conv_efficiency %1, %2\n").arg(conv->efficiency).arg(conv->source);
    return true;
}

std::vector<FlagSpec> calibrateFlags() {
    return {
        {QStringLiteral("requests"), QStringLiteral("N"),
         QStringLiteral("requests per row and evaluation (default 3000)")},
        {QStringLiteral("from-priors"),
         {},
         QStringLiteral("start every parameter at its prior instead of the catalog's value")},
        {QStringLiteral("seed"), QStringLiteral("N"), QStringLiteral("random seed (default 1)")},
        {QStringLiteral("write"), QStringLiteral("FILE"),
         QStringLiteral("write the calibrated catalog to FILE (e.g. resources/catalog.json)")},
        {QStringLiteral("measurements"), QStringLiteral("FILE"),
         QStringLiteral("fit to your own measurements instead (CSV or NeuronPerf CSV/JSON; see "
                        "docs/measurements-format.md)")},
        {QStringLiteral("device"), QStringLiteral("NAME"),
         QStringLiteral("with --measurements: the catalog device to fit (default: the measured instances')")},
        {QStringLiteral("params"), QStringLiteral("LIST"),
         QStringLiteral(
             "with --measurements: parameters to fit, e.g. tensor_efficiency,host.request_overhead_ns "
             "(default: those the measurements identify)")},
        {QStringLiteral("save-profile"), QStringLiteral("NAME"),
         QStringLiteral("with --measurements: keep the fit as a device profile in your config folder")},
        {QStringLiteral("from-profile"), QStringLiteral("NAME"),
         QStringLiteral("with --measurements: start from a device profile instead of the catalog")},
        {QStringLiteral("instance"), QStringLiteral("NAME"),
         QStringLiteral("with --measurements: the instance of rows that do not name one (NeuronPerf)")},
        {QStringLiteral("model"), QStringLiteral("NAME|FILE"),
         QStringLiteral(
             "with --measurements: the model of rows that do not name one (default bert-base-uncased)")},
        {QStringLiteral("seq-len"), QStringLiteral("N"),
         QStringLiteral(
             "with --measurements: the sequence length of rows that do not give one (default 128)")},
        {QStringLiteral("no-held-out"),
         {},
         QStringLiteral("with --measurements: skip the leave-one-out refits")},
        {QStringLiteral("json"), {}, QStringLiteral("with --measurements: print the report as JSON")}};
}

// The study calibration's parameters (start -> fitted, interval, prior) and per-device fit.
void printStudyFit(QTextStream& out, const calibrate::CalibrationResult& result) {
    for (const auto& p : result.parameters)
        out << QStringLiteral("%1 %2 %3 -> %4  x/ %5  (prior %6)%7\n")
                   .arg(p.device, -12)
                   .arg(p.key, -28)
                   .arg(p.initial, 12, 'g', 4)
                   .arg(p.value, 12, 'g', 4)
                   .arg(std::exp(p.logSigma), 5, 'f', 2)
                   .arg(p.prior, 0, 'g', 3)
                   .arg(p.identified ? QString() : QStringLiteral("  not pinned down by the rows"));
    for (const auto& fit : result.fits)
        out << QStringLiteral("%1: %2 rows, cost %3, residual scatter %4% throughput / %5% p95%6\n")
                   .arg(fit.device)
                   .arg(fit.rows)
                   .arg(fit.cost, 0, 'g', 4)
                   .arg(fit.uncertainty.throughputSigma * 100, 0, 'f', 1)
                   .arg(fit.uncertainty.p95Sigma * 100, 0, 'f', 1)
                   .arg(fit.converged ? QString() : QStringLiteral(", DID NOT CONVERGE"));
}

} // namespace

int runCalibrate(const QStringList& args) {
    FlagParser flags(QStringLiteral("calibrate"), calibrateFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    if (flags.has(QStringLiteral("measurements")))
        return runCalibrateMeasurements(flags);
    for (const char* only : {"device", "params", "save-profile", "from-profile", "instance", "model",
                             "seq-len", "no-held-out", "json"})
        if (flags.has(QLatin1String(only)))
            return usageError(QStringLiteral("pipescope calibrate: --%1 applies to --measurements FILE")
                                  .arg(QLatin1String(only)));
    const auto requests = flags.integer(QStringLiteral("requests"), 3000, 200, 1000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    if (!requests || !seed)
        return usageError(flags.error());
    auto catalog = hardware::Catalog::load();
    if (catalog && flags.has(QStringLiteral("from-priors")))
        catalog = calibrate::catalogAtPriors(catalog.value());
    if (!catalog) {
        QTextStream(stderr) << "pipescope calibrate: " << catalog.error().toString() << '\n';
        return 1;
    }
    calibrate::CalibrationOptions options;
    options.requests = static_cast<int>(*requests);
    options.seed = static_cast<std::uint64_t>(*seed);
    const auto result = calibrate::calibrate(catalog.value(), calibrate::builtInReference(), options);
    if (!result) {
        QTextStream(stderr) << "pipescope calibrate: " << result.error().toString() << '\n';
        return 1;
    }
    QTextStream out(stdout);
    printStudyFit(out, result.value());
    out << QStringLiteral("%1 simulations\n").arg(result->evaluations);
    if (!result->converged) {
        QTextStream(stderr) << "pipescope calibrate: the fit did not converge within its iteration limit; "
                               "the catalog was not written\n";
        return 1;
    }
    QJsonObject catalogJson = result->catalog;
    if (!fitConvolution(catalogJson, static_cast<int>(*requests), static_cast<std::uint64_t>(*seed), out))
        return 1;
    if (flags.has(QStringLiteral("write"))) {
        QSaveFile file(flags.value(QStringLiteral("write")));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(QJsonDocument(catalogJson).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
            QTextStream(stderr) << "pipescope calibrate: cannot write " << file.fileName() << ": "
                                << file.errorString() << '\n';
            return 1;
        }
        out << "wrote " << file.fileName() << '\n';
    }
    return 0;
}

} // namespace pipescope::cli
