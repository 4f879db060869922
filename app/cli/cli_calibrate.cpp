// `pipescope calibrate`: fits the unpublished parameters to the reference measurements and
// writes them, with their provenance, into a catalog file.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "calibrate/calibration.h"

#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace pipescope::cli {

int runCalibrate(const QStringList& args) {
    FlagParser flags(
        QStringLiteral("calibrate"),
        {{QStringLiteral("requests"), QStringLiteral("N"),
          QStringLiteral("requests per row and evaluation (default 4000)")},
         {QStringLiteral("seed"), QStringLiteral("N"), QStringLiteral("random seed (default 1)")},
         {QStringLiteral("write"), QStringLiteral("FILE"),
          QStringLiteral("write the calibrated catalog to FILE (e.g. resources/catalog.json)")}});
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    const auto requests = flags.integer(QStringLiteral("requests"), 4000, 200, 1000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    if (!requests || !seed)
        return usageError(flags.error());
    const auto catalog = hardware::Catalog::load();
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
    for (const auto& p : result->parameters)
        out << QStringLiteral("%1 %2 %3 -> %4  (prior %5)\n")
                   .arg(p.device, -12)
                   .arg(p.key, -28)
                   .arg(p.initial, 12, 'g', 4)
                   .arg(p.value, 12, 'g', 4)
                   .arg(p.prior, 0, 'g', 3);
    out << QStringLiteral("cost %1 after %2 simulations\n")
               .arg(result->cost, 0, 'g', 4)
               .arg(result->evaluations);
    if (flags.has(QStringLiteral("write"))) {
        QSaveFile file(flags.value(QStringLiteral("write")));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(QJsonDocument(result->catalog).toJson(QJsonDocument::Indented)) < 0 ||
            !file.commit()) {
            QTextStream(stderr) << "pipescope calibrate: cannot write " << file.fileName() << ": "
                                << file.errorString() << '\n';
            return 1;
        }
        out << "wrote " << file.fileName() << '\n';
    }
    return 0;
}

} // namespace pipescope::cli
