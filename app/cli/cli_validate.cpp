// `pipescope validate`: the simulator against every published reference measurement, the study's
// headline claims, and (--cross-validate) how well fits predict the rows they never saw.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "calibrate/cross_validation.h"
#include "calibrate/study_claims.h"
#include "calibrate/validation.h"
#include "cli/published_output.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>

namespace pipescope::cli {
namespace {

// The targets of issue 9, printed next to what the simulator achieves (never timed tests).
struct Targets {
    bool rowsWithin = true; // each row within 5% throughput and 10% p95
    bool mapeWithin = false;
    bool headlineWithin = false;
    bool crossValidatedWithin = false;
};

Targets checkTargets(const calibrate::ValidationReport& report,
                     const std::vector<calibrate::ClaimCheck>& claims,
                     const calibrate::CrossValidationReport* cv) {
    Targets t;
    for (const auto& r : report.rows)
        t.rowsWithin =
            t.rowsWithin && std::abs(r.throughputErrorPercent) <= 5 && std::abs(r.p95ErrorPercent) <= 10;
    t.mapeWithin = report.throughputMape <= 3 && report.p95Mape <= 6;
    t.headlineWithin = !claims.empty() && claims.front().found && claims.front().simulated >= 10 &&
                       claims.front().simulated <= 14;
    t.crossValidatedWithin = cv && cv->throughputMape <= 10 && cv->p95Mape <= 15;
    return t;
}

QJsonObject measuredJson(const calibrate::ReferenceRow& r) {
    return {{QStringLiteral("throughput_per_s"), r.throughputPerSecond},
            {QStringLiteral("latency_p95_ms"), r.latencyP95Ms},
            {QStringLiteral("cost_per_million_usd"), r.costPerMillionUsd}};
}

QJsonObject reportJson(const calibrate::ValidationReport& report,
                       const std::vector<calibrate::ClaimCheck>& claims,
                       const calibrate::CrossValidationReport* cv, const Targets& targets) {
    QJsonArray rows, claimRows;
    for (const auto& r : report.rows)
        rows.append(QJsonObject{
            {QStringLiteral("row"), r.reference.label()},
            {QStringLiteral("measured"), measuredJson(r.reference)},
            {QStringLiteral("simulated"),
             QJsonObject{{QStringLiteral("throughput_per_s"), r.simulated.throughputPerSecond},
                         {QStringLiteral("latency_p95_ms"), r.simulated.latencyMs.p95},
                         {QStringLiteral("cost_per_million_usd"), r.simulated.costPerMillionUsd}}},
            {QStringLiteral("throughput_error_percent"), r.throughputErrorPercent},
            {QStringLiteral("p95_error_percent"), r.p95ErrorPercent},
            {QStringLiteral("cost_error_percent"), r.costErrorPercent},
            {QStringLiteral("bottleneck"), r.simulated.bottleneck.reason}});
    for (const auto& c : claims)
        claimRows.append(QJsonObject{{QStringLiteral("claim"), c.claim},
                                     {QStringLiteral("unit"), c.unit},
                                     {QStringLiteral("published"), c.published},
                                     {QStringLiteral("simulated"), c.simulated}});
    QJsonObject out{{QStringLiteral("rows"), rows},
                    {QStringLiteral("throughput_mape_percent"), report.throughputMape},
                    {QStringLiteral("p95_mape_percent"), report.p95Mape},
                    {QStringLiteral("claims"), claimRows},
                    {QStringLiteral("targets"),
                     QJsonObject{{QStringLiteral("rows_within_5_and_10_percent"), targets.rowsWithin},
                                 {QStringLiteral("mape_within_3_and_6_percent"), targets.mapeWithin},
                                 {QStringLiteral("headline_between_10x_and_14x"), targets.headlineWithin}}}};
    if (cv) {
        QJsonArray cvRows;
        for (const auto& r : cv->rows)
            cvRows.append(
                QJsonObject{{QStringLiteral("row"), r.row},
                            {QStringLiteral("fold"), r.fold},
                            {QStringLiteral("kind"), r.kind},
                            {QStringLiteral("predicted"),
                             QJsonObject{{QStringLiteral("throughput_per_s"), r.predictedThroughput},
                                         {QStringLiteral("latency_p95_ms"), r.predictedP95}}},
                            {QStringLiteral("measured"),
                             QJsonObject{{QStringLiteral("throughput_per_s"), r.measuredThroughput},
                                         {QStringLiteral("latency_p95_ms"), r.measuredP95}}},
                            {QStringLiteral("throughput_error_percent"), r.throughputErrorPercent},
                            {QStringLiteral("p95_error_percent"), r.p95ErrorPercent}});
        out[QStringLiteral("cross_validation")] =
            QJsonObject{{QStringLiteral("throughput_mape_percent"), cv->throughputMape},
                        {QStringLiteral("p95_mape_percent"), cv->p95Mape},
                        {QStringLiteral("row_folds_throughput_mape_percent"), cv->rowThroughputMape},
                        {QStringLiteral("row_folds_p95_mape_percent"), cv->rowP95Mape},
                        {QStringLiteral("fits"), cv->fits},
                        {QStringLiteral("converged"), cv->converged},
                        {QStringLiteral("within_10_and_15_percent"), targets.crossValidatedWithin},
                        {QStringLiteral("rows"), cvRows}};
    }
    return out;
}

void printRows(QTextStream& out, const calibrate::ValidationReport& report) {
    out << QStringLiteral("Fitted: every row of the study, simulated with the calibrated catalog\n");
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
               .arg(QStringLiteral("reference row"), -40)
               .arg(QStringLiteral("thr meas"), 9)
               .arg(QStringLiteral("thr sim"), 9)
               .arg(QStringLiteral("err %"), 7)
               .arg(QStringLiteral("p95 meas"), 9)
               .arg(QStringLiteral("p95 sim"), 9)
               .arg(QStringLiteral("err %"), 7)
               .arg(QStringLiteral("bound by"));
    for (const auto& r : report.rows)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                   .arg(r.reference.label(), -40)
                   .arg(r.reference.throughputPerSecond, 9, 'f', 1)
                   .arg(r.simulated.throughputPerSecond, 9, 'f', 1)
                   .arg(r.throughputErrorPercent, 7, 'f', 1)
                   .arg(r.reference.latencyP95Ms, 9, 'f', 2)
                   .arg(r.simulated.latencyMs.p95, 9, 'f', 2)
                   .arg(r.p95ErrorPercent, 7, 'f', 1)
                   .arg(r.simulated.bottleneck.resource);
    out << QStringLiteral("mean absolute percentage error: throughput %1%, p95 latency %2%\n")
               .arg(report.throughputMape, 0, 'f', 2)
               .arg(report.p95Mape, 0, 'f', 2);
}

void printClaims(QTextStream& out, const std::vector<calibrate::ClaimCheck>& claims) {
    out << QStringLiteral("\nThe study's claims, from its own rows and from the simulation\n");
    for (const auto& c : claims) {
        if (!c.found)
            continue;
        const int decimals = c.unit == QLatin1String("x") ? 1 : 0;
        out << QStringLiteral("%1 published %2%3  simulated %4%3\n")
                   .arg(c.claim, -92)
                   .arg(c.published, 6, 'f', decimals)
                   .arg(c.unit)
                   .arg(c.simulated, 6, 'f', decimals);
    }
}

void printCrossValidation(QTextStream& out, const calibrate::CrossValidationReport& cv) {
    out << QStringLiteral(
        "\nCross-validated: each row predicted by a fit (from the priors) that never saw it\n");
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("fold"), -24)
               .arg(QStringLiteral("reference row"), -40)
               .arg(QStringLiteral("thr meas"), 9)
               .arg(QStringLiteral("thr pred"), 9)
               .arg(QStringLiteral("err %"), 7)
               .arg(QStringLiteral("p95 meas"), 9)
               .arg(QStringLiteral("p95 pred"), 9)
               .arg(QStringLiteral("err %"), 7);
    for (const auto& r : cv.rows)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(r.fold, -24)
                   .arg(r.row, -40)
                   .arg(r.measuredThroughput, 9, 'f', 1)
                   .arg(r.predictedThroughput, 9, 'f', 1)
                   .arg(r.throughputErrorPercent, 7, 'f', 1)
                   .arg(r.measuredP95, 9, 'f', 2)
                   .arg(r.predictedP95, 9, 'f', 2)
                   .arg(r.p95ErrorPercent, 7, 'f', 1);
    out << QStringLiteral("instance type left out: MAPE throughput %1%, p95 %2% (target 10% / 15%)\n")
               .arg(cv.throughputMape, 0, 'f', 1)
               .arg(cv.p95Mape, 0, 'f', 1);
    out << QStringLiteral("one row left out:       MAPE throughput %1%, p95 %2%\n")
               .arg(cv.rowThroughputMape, 0, 'f', 1)
               .arg(cv.rowP95Mape, 0, 'f', 1);
    if (!cv.converged)
        out << QStringLiteral("note: at least one fold's fit stopped on its iteration limit\n");
}

void printTargets(QTextStream& out, const Targets& t, bool crossValidated) {
    auto mark = [](bool ok) { return ok ? QStringLiteral("met") : QStringLiteral("NOT met"); };
    out << QStringLiteral("\nTargets: every row within 5% / 10%: %1; MAPE at most 3% / 6%: %2; "
                          "PP16 vs g4dn at batch 1 between 10x and 14x: %3")
               .arg(mark(t.rowsWithin), mark(t.mapeWithin), mark(t.headlineWithin));
    if (crossValidated)
        out << QStringLiteral("; cross-validated MAPE at most 10% / 15%: %1")
                   .arg(mark(t.crossValidatedWithin));
    out << '\n';
}

} // namespace

int runValidate(const QStringList& args) {
    FlagParser flags(
        QStringLiteral("validate"),
        {{QStringLiteral("json"), {}, QStringLiteral("print JSON")},
         {QStringLiteral("requests"), QStringLiteral("N"),
          QStringLiteral("requests per row (default 20000)")},
         {QStringLiteral("seed"), QStringLiteral("N"), QStringLiteral("random seed (default 1)")},
         {QStringLiteral("cross-validate"),
          {},
          QStringLiteral("refit with each instance type, then each row, left out; predict what each "
                         "fit never saw")},
         {QStringLiteral("fit-requests"), QStringLiteral("N"),
          QStringLiteral("requests per row in each cross-validation fit (default 2000)")},
         {QStringLiteral("published"),
          {},
          QStringLiteral("also check the published figures of other sources (the ResNet-50 rows fit "
                         "conv_efficiency; the rest are never used by the calibration)")}});
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    const auto requests = flags.integer(QStringLiteral("requests"), 20000, 100, 1000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    const auto fitRequests = flags.integer(QStringLiteral("fit-requests"), 2000, 200, 100000);
    if (!requests || !seed || !fitRequests)
        return usageError(flags.error());
    QTextStream err(stderr);
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        err << "pipescope validate: " << catalog.error().toString() << '\n';
        return 1;
    }
    const auto& reference = calibrate::builtInReference();
    const auto report = calibrate::validateAgainst(reference, catalog.value(), static_cast<int>(*requests),
                                                   static_cast<std::uint64_t>(*seed));
    if (!report) {
        err << "pipescope validate: " << report.error().toString() << '\n';
        return 1;
    }
    std::optional<calibrate::CrossValidationReport> cv;
    if (flags.has(QStringLiteral("cross-validate"))) {
        calibrate::CrossValidationOptions options;
        options.fit.requests = static_cast<int>(*fitRequests);
        options.fit.seed = static_cast<std::uint64_t>(*seed);
        options.predictRequests = static_cast<int>(std::min<long long>(*requests, 20000));
        auto result = calibrate::crossValidate(catalog.value(), reference, options);
        if (!result) {
            err << "pipescope validate: " << result.error().toString() << '\n';
            return 1;
        }
        cv = std::move(result).value();
    }
    // Held-out figures of other sources, after the usual output (--published).
    const bool withPublished = flags.has(QStringLiteral("published"));
    const calibrate::PublishedFiguresReport published =
        withPublished
            ? calibrate::checkPublishedFigures(calibrate::builtInPublishedFigures(), catalog.value(),
                                               static_cast<int>(*requests), static_cast<std::uint64_t>(*seed))
            : calibrate::PublishedFiguresReport{};
    const auto claims = calibrate::studyClaims(report.value());
    const Targets targets = checkTargets(report.value(), claims, cv ? &*cv : nullptr);
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json"))) {
        QJsonObject json = reportJson(report.value(), claims, cv ? &*cv : nullptr, targets);
        if (withPublished) {
            json.insert(QStringLiteral("published"), publishedJson(published));
            json.insert(QStringLiteral("published_mape_percent"), publishedMapeJson(published));
        }
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
        return 0;
    }
    printRows(out, report.value());
    printClaims(out, claims);
    if (cv)
        printCrossValidation(out, *cv);
    printTargets(out, targets, cv.has_value());
    if (withPublished)
        printPublished(out, published);
    return 0;
}

} // namespace pipescope::cli
