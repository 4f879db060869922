// `pipescope validate`: the simulator against every published reference measurement.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "calibrate/validation.h"
#include "cli/published_output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pipescope::cli {
namespace {

// One element per reference row: measured, simulated and the errors.
QJsonArray referenceRowsJson(const calibrate::ValidationReport& report) {
    QJsonArray rows;
    for (const auto& r : report.rows) {
        rows.append(QJsonObject{
            {QStringLiteral("row"), r.reference.label()},
            {QStringLiteral("measured"),
             QJsonObject{{QStringLiteral("throughput_per_s"), r.reference.throughputPerSecond},
                         {QStringLiteral("latency_p95_ms"), r.reference.latencyP95Ms},
                         {QStringLiteral("cost_per_million_usd"), r.reference.costPerMillionUsd}}},
            {QStringLiteral("simulated"),
             QJsonObject{{QStringLiteral("throughput_per_s"), r.simulated.throughputPerSecond},
                         {QStringLiteral("latency_p95_ms"), r.simulated.latencyMs.p95},
                         {QStringLiteral("cost_per_million_usd"), r.simulated.costPerMillionUsd}}},
            {QStringLiteral("throughput_error_percent"), r.throughputErrorPercent},
            {QStringLiteral("p95_error_percent"), r.p95ErrorPercent},
            {QStringLiteral("cost_error_percent"), r.costErrorPercent}});
    }
    return rows;
}

} // namespace

int runValidate(const QStringList& args) {
    FlagParser flags(
        QStringLiteral("validate"),
        {{QStringLiteral("json"), {}, QStringLiteral("print JSON")},
         {QStringLiteral("requests"), QStringLiteral("N"),
          QStringLiteral("requests per row (default 20000)")},
         {QStringLiteral("seed"), QStringLiteral("N"), QStringLiteral("random seed (default 1)")},
         {QStringLiteral("published"),
          {},
          QStringLiteral("also check the published figures of other "
                         "sources (never used by the calibration)")}});
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    const auto requests = flags.integer(QStringLiteral("requests"), 20000, 100, 1000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    if (!requests || !seed)
        return usageError(flags.error());
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        QTextStream(stderr) << "pipescope validate: " << catalog.error().toString() << '\n';
        return 1;
    }
    const auto report =
        calibrate::validateAgainst(calibrate::builtInReference(), catalog.value(),
                                   static_cast<int>(*requests), static_cast<std::uint64_t>(*seed));
    if (!report) {
        QTextStream(stderr) << "pipescope validate: " << report.error().toString() << '\n';
        return 1;
    }
    // Held-out figures of other sources, after the usual output (--published).
    const bool withPublished = flags.has(QStringLiteral("published"));
    const calibrate::PublishedFiguresReport published =
        withPublished
            ? calibrate::checkPublishedFigures(calibrate::builtInPublishedFigures(), catalog.value(),
                                               static_cast<int>(*requests), static_cast<std::uint64_t>(*seed))
            : calibrate::PublishedFiguresReport{};
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json"))) {
        const QJsonArray rows = referenceRowsJson(report.value());
        QJsonObject json{{QStringLiteral("rows"), rows},
                         {QStringLiteral("throughput_mape_percent"), report->throughputMape},
                         {QStringLiteral("p95_mape_percent"), report->p95Mape}};
        if (withPublished) {
            json.insert(QStringLiteral("published"), publishedJson(published));
            json.insert(QStringLiteral("published_mape_percent"), publishedMapeJson(published));
        }
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return 0;
    }
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("reference row"), -40)
               .arg(QStringLiteral("thr meas"), 9)
               .arg(QStringLiteral("thr sim"), 9)
               .arg(QStringLiteral("err %"), 7)
               .arg(QStringLiteral("p95 meas"), 9)
               .arg(QStringLiteral("p95 sim"), 9)
               .arg(QStringLiteral("err %"), 7);
    for (const auto& r : report->rows) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(r.reference.label(), -40)
                   .arg(r.reference.throughputPerSecond, 9, 'f', 1)
                   .arg(r.simulated.throughputPerSecond, 9, 'f', 1)
                   .arg(r.throughputErrorPercent, 7, 'f', 1)
                   .arg(r.reference.latencyP95Ms, 9, 'f', 2)
                   .arg(r.simulated.latencyMs.p95, 9, 'f', 2)
                   .arg(r.p95ErrorPercent, 7, 'f', 1);
    }
    out << QStringLiteral("mean absolute percentage error: throughput %1%, p95 latency %2%\n")
               .arg(report->throughputMape, 0, 'f', 2)
               .arg(report->p95Mape, 0, 'f', 2);
    if (withPublished)
        printPublished(out, published);
    return 0;
}

} // namespace pipescope::cli
