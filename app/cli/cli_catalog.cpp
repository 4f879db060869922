// `pipescope models` and `pipescope instances`: what the catalog holds.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "hardware/catalog.h"
#include "model/presets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pipescope::cli {

int runModels(const QStringList& args) {
    FlagParser flags(QStringLiteral("models"),
                     {{QStringLiteral("json"), {}, QStringLiteral("print JSON")},
                      {QStringLiteral("seq-len"), QStringLiteral("N"),
                       QStringLiteral("sequence length (image side for resnet50) for the figures")}});
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    const auto seqLen = flags.integer(QStringLiteral("seq-len"), 128, 1, 4096);
    if (!seqLen)
        return usageError(flags.error());
    QTextStream out(stdout);
    QJsonArray list;
    if (!flags.has(QStringLiteral("json")))
        out << QStringLiteral("%1 %2 %3\n")
                   .arg(QStringLiteral("model"), -26)
                   .arg(QStringLiteral("parameters"), 12)
                   .arg(QStringLiteral("GFLOP/sample"), 13);
    for (const QString& name : model::presetNames()) {
        const int length = flags.has(QStringLiteral("seq-len")) ? static_cast<int>(*seqLen)
                                                                : model::defaultSequenceLength(name);
        const auto graph = model::buildPreset(name, length, 2);
        if (!graph)
            continue; // a sequence length beyond this model's positions
        if (flags.has(QStringLiteral("json"))) {
            list.append(QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("parameters"), double(graph->parameters())},
                                    {QStringLiteral("flops_per_sample"), graph->flopsPerSample()},
                                    {QStringLiteral("operators"), int(graph->ops.size())}});
        } else {
            out << QStringLiteral("%1 %2 %3\n")
                       .arg(name, -26)
                       .arg(QStringLiteral("%1M").arg(graph->parameters() / 1e6, 0, 'f', 2), 12)
                       .arg(graph->flopsPerSample() / 1e9, 13, 'f', 2);
        }
    }
    if (flags.has(QStringLiteral("json")))
        out << QJsonDocument(list).toJson(QJsonDocument::Indented);
    return 0;
}

int runInstances(const QStringList& args) {
    FlagParser flags(QStringLiteral("instances"),
                     {{QStringLiteral("json"), {}, QStringLiteral("print JSON")}});
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        QTextStream(stderr) << "pipescope instances: " << catalog.error().toString() << '\n';
        return 1;
    }
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json"))) {
        QJsonObject json = catalog->toJson();
        QJsonArray profiles;
        for (const auto& p : catalog->deviceProfiles())
            profiles.append(QJsonObject{{QStringLiteral("name"), p.name},
                                        {QStringLiteral("base_device"), p.baseDevice},
                                        {QStringLiteral("provenance"), p.provenance}});
        json[QStringLiteral("device_profiles")] = profiles;
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return 0;
    }
    QStringList setIds;
    out << QStringLiteral("%1 %2 %3 %4")
               .arg(QStringLiteral("instance"), -14)
               .arg(QStringLiteral("chips"), 5)
               .arg(QStringLiteral("cores"), 6)
               .arg(QStringLiteral("vCPU"), 5);
    for (const auto& set : catalog->priceSets()) {
        out << QStringLiteral("  $/h %1").arg(set.id, -8);
        setIds << set.id;
    }
    out << '\n';
    for (const auto& spec : catalog->instances()) {
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(spec.name, -14)
                   .arg(spec.chips, 5)
                   .arg(spec.isGpu() ? QStringLiteral("GPU") : QString::number(spec.totalCores()), 6)
                   .arg(spec.vcpus, 5);
        for (const QString& id : setIds) {
            const double price = spec.price(id);
            out << QStringLiteral("  %1").arg(
                price < 0 ? QStringLiteral("-") : QString::number(price, 'f', 3), -12);
        }
        out << '\n';
    }
    out << "\nPrice sets:\n";
    for (const auto& set : catalog->priceSets())
        out << "  " << set.id << ": " << set.label << " (" << set.date << "; " << set.source << ")\n";
    out << "\nDevice profiles (fitted to your measurements; simulate --device-profile NAME):\n";
    if (catalog->deviceProfiles().empty())
        out << "  none in " << hardware::DeviceProfileStore::defaultPath()
            << " (pipescope calibrate --measurements FILE --save-profile NAME)\n";
    for (const auto& p : catalog->deviceProfiles()) {
        const QJsonObject mape = p.provenance.value(QStringLiteral("mape")).toObject();
        const QJsonObject after = mape.value(QStringLiteral("after")).toObject();
        out << QStringLiteral(
                   "  %1  (%2; %3 rows of %4, %5; error after the fit %6% / %7% throughput / p95)\n")
                   .arg(p.name, p.baseDevice)
                   .arg(p.provenance.value(QStringLiteral("rows")).toInt())
                   .arg(p.provenance.value(QStringLiteral("measurements")).toString(),
                        p.provenance.value(QStringLiteral("date")).toString())
                   .arg(after.value(QStringLiteral("throughput_percent")).toDouble(), 0, 'f', 1)
                   .arg(after.value(QStringLiteral("p95_percent")).toDouble(), 0, 'f', 1);
    }
    return 0;
}

} // namespace pipescope::cli
