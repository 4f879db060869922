// `pipescope calibrate --measurements FILE`: refits a device to a user's own measurements, prints
// the report (or JSON) and optionally keeps the result as a named device profile.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "calibrate/measurement_import.h"
#include "calibrate/measurement_report.h"

#include <QJsonDocument>
#include <QTextStream>

namespace pipescope::cli {
namespace {

int failure(const QString& message) {
    QTextStream(stderr) << "pipescope calibrate: " << message << '\n';
    return 1;
}

// The importer's defaults from the flags: what a measurements file may leave out. On bad flags,
// nothing and the message in *error.
std::optional<calibrate::ImportDefaults> importDefaults(FlagParser& flags, const hardware::Catalog& catalog,
                                                        QString* error) {
    calibrate::ImportDefaults d;
    d.model = flags.value(QStringLiteral("model"), d.model);
    d.instance = flags.value(QStringLiteral("instance"));
    const auto seqLen = flags.integer(QStringLiteral("seq-len"), d.sequenceLength, 1, 65536);
    const auto requests = flags.integer(QStringLiteral("requests"), 3000, 200, 1000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    if (!seqLen || !requests || !seed) {
        *error = flags.error();
        return std::nullopt;
    }
    if (!d.instance.isEmpty() && !catalog.find(d.instance)) {
        *error = QStringLiteral("pipescope calibrate: --instance '%1' is not in the catalog").arg(d.instance);
        return std::nullopt;
    }
    d.sequenceLength = static_cast<int>(*seqLen);
    d.requests = static_cast<int>(*requests);
    d.seed = static_cast<std::uint64_t>(*seed);
    return d;
}

} // namespace

int runCalibrateMeasurements(FlagParser& flags) {
    const auto catalog = hardware::Catalog::load();
    if (!catalog)
        return failure(catalog.error().toString());
    QString flagError;
    const auto defaults = importDefaults(flags, catalog.value(), &flagError);
    if (!defaults)
        return usageError(flagError);
    const QString path = flags.value(QStringLiteral("measurements"));
    const auto set = calibrate::readMeasurementsFile(path, catalog.value(), *defaults);
    if (!set)
        return failure(set.error().toString());

    calibrate::MeasurementFitOptions options;
    options.device = flags.value(QStringLiteral("device"));
    for (const QString& key :
         flags.value(QStringLiteral("params")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.parameters << key.trimmed();
    options.startProfile = flags.value(QStringLiteral("from-profile"));
    options.requests = defaults->requests;
    options.seed = defaults->seed;
    options.leaveOneOut = !flags.has(QStringLiteral("no-held-out"));
    QString lastStage;
    options.progress = [&lastStage](double fraction, const QString& stage) {
        if (stage == lastStage)
            return;
        lastStage = stage;
        QTextStream(stderr) << QStringLiteral("calibrate: %1 (%2%)\n").arg(stage).arg(int(fraction * 100));
    };
    const auto report = calibrate::fitMeasurements(catalog.value(), set.value(), options);
    if (!report)
        return failure(report.error().toString());

    QTextStream out(stdout);
    QJsonObject json = calibrate::measurementFitJson(report.value());
    if (!flags.has(QStringLiteral("json")))
        out << calibrate::measurementFitText(report.value());
    if (flags.has(QStringLiteral("save-profile"))) {
        const QString name = flags.value(QStringLiteral("save-profile")).trimmed();
        if (name.isEmpty())
            return usageError(QStringLiteral("pipescope calibrate: --save-profile needs a name"));
        auto store = hardware::DeviceProfileStore::load();
        if (!store)
            return failure(store.error().toString() + QStringLiteral(" (the profile was not saved)"));
        store.value().put(calibrate::deviceProfileFromFit(report.value(), name));
        if (const auto error = store.value().save())
            return failure(error->toString());
        json[QStringLiteral("saved_profile")] = name;
        if (!flags.has(QStringLiteral("json")))
            out << QStringLiteral("saved device profile \"%1\" in %2\n")
                       .arg(name, hardware::DeviceProfileStore::defaultPath());
    }
    if (flags.has(QStringLiteral("json")))
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace pipescope::cli
