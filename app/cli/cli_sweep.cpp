// `pipescope sweep`: every deployment of a model over the chosen instances, each one's
// latency-vs-load curve, and the cheapest and fastest deployment for a latency target and load.
#include "cli/commands.h"
#include "cli/curve_flags.h"
#include "cli/flag_parser.h"
#include "cli/list_flags.h"
#include "cli/run_json.h"

#include "compile/deployment.h"
#include "compile/group_sizes.h"
#include "hardware/catalog.h"
#include "io/atomic_file.h"
#include "io/sweep_csv.h"
#include "sweep/recommend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <unistd.h>

namespace pipescope::cli {
namespace {

const QString kCommand = QStringLiteral("sweep");

std::vector<FlagSpec> sweepFlags() {
    std::vector<FlagSpec> specs = {
        {QStringLiteral("model"), QStringLiteral("NAME|FILE"),
         QStringLiteral("model preset or file (default bert-base-uncased)")},
        {QStringLiteral("instances"), QStringLiteral("LIST"),
         QStringLiteral("instance types, comma-separated (default: the whole catalog)")},
        {QStringLiteral("batches"), QStringLiteral("LIST"),
         QStringLiteral("batch sizes (default 1,2,4,6,8,16; a GPU adds 32,64,128)")},
        {QStringLiteral("groupings"), QStringLiteral("LIST"),
         QStringLiteral(
             "NEURONCORE_GROUP_SIZES to try besides the uniform ones, ';'-separated: \"4,4,8;2,2\"")},
        {QStringLiteral("max-p95-ms"), QStringLiteral("X"), QStringLiteral("latency target (default: none)")},
        {QStringLiteral("load"), QStringLiteral("PER_S"),
         QStringLiteral("inferences per second to serve (default: maximise throughput, one machine)")},
        {QStringLiteral("prices"), QStringLiteral("SET"),
         QStringLiteral("price set: launch or current (default launch)")},
        {QStringLiteral("json"), {}, QStringLiteral("print one JSON object")},
        {QStringLiteral("csv"), QStringLiteral("FILE"), QStringLiteral("write one row per deployment")},
    };
    const std::vector<FlagSpec> curve = curveFlagSpecs();
    specs.insert(specs.end() - 2, curve.begin(), curve.end());
    return specs;
}

struct SweepArgs {
    sweep::SweepSpace space;
    sweep::Criteria criteria;
    sweep::LoadCurveOptions curve;
};

// Fills `args` from the flags; returns the one-line usage error, or an empty string.
QString parseSweepArgs(FlagParser& flags, const hardware::Catalog& catalog, SweepArgs* args) {
    QStringList priceSets;
    for (const auto& set : catalog.priceSets())
        priceSets << set.id;
    const auto p95 = flags.number(QStringLiteral("max-p95-ms"), 0, 1e-3, 1e6);
    const auto load = flags.number(QStringLiteral("load"), 0, 1e-3, 1e9);
    const auto prices = flags.choice(QStringLiteral("prices"), QStringLiteral("launch"), priceSets);
    if (!p95 || !load || !prices)
        return flags.error();
    QString curveError;
    const auto curve = readCurveFlags(flags, &curveError);
    if (!curve)
        return curveError;
    args->curve = *curve;
    if (flags.has(QStringLiteral("json")) && flags.has(QStringLiteral("csv")))
        return QStringLiteral("pipescope sweep: --json and --csv exclude each other; give one");
    args->criteria = {*p95, *load};
    args->space.priceSet = *prices;
    args->space.model = flags.value(QStringLiteral("model"), args->space.model);
    if (flags.has(QStringLiteral("instances"))) {
        for (const QString& name : flags.value(QStringLiteral("instances")).split(QLatin1Char(','))) {
            if (!catalog.find(name.trimmed())) {
                QStringList names;
                for (const auto& i : catalog.instances())
                    names << i.name;
                return QStringLiteral("pipescope sweep: --instances entries must be among %1, got '%2'")
                    .arg(names.join(QStringLiteral(", ")), name.trimmed());
            }
            args->space.instances << name.trimmed();
        }
    }
    if (flags.has(QStringLiteral("batches"))) {
        QString error;
        const auto batches = parseNumberList(kCommand, QStringLiteral("batches"),
                                             flags.value(QStringLiteral("batches")), 1, 4096, true, &error);
        if (!batches)
            return error;
        for (double b : *batches)
            args->space.batches.push_back(static_cast<int>(b));
    }
    if (flags.has(QStringLiteral("groupings"))) {
        for (const QString& text : flags.value(QStringLiteral("groupings")).split(QLatin1Char(';'))) {
            const auto groups = compile::parseGroupSizes(text);
            if (!groups)
                return QStringLiteral("pipescope sweep: --groupings '%1': %2")
                    .arg(text, groups.error().toString());
            args->space.groupings.push_back(groups.value());
        }
    }
    return {};
}

QJsonValue orNull(bool present, double value) {
    return present ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonObject deploymentJson(const sweep::SweepEntry& e, const sweep::Assessment& a) {
    const auto& in = e.deployment.inputs;
    return QJsonObject{
        {QStringLiteral("instance"), in.instance.name},
        {QStringLiteral("mode"), compile::deploymentMode(in.config, in.instance.isGpu())},
        {QStringLiteral("group_sizes"), compile::formatGroupSizes(in.config.groupSizes)},
        {QStringLiteral("pipeline_cores"), in.config.pipelineCores},
        {QStringLiteral("batch"), in.config.batch},
        {QStringLiteral("saturation_per_s"), e.curve.saturationPerSecond},
        {QStringLiteral("knee_per_s"), e.curve.kneePerSecond},
        {QStringLiteral("max_rate_at_sla_per_s"), a.maxRateAtSlaPerSecond},
        {QStringLiteral("closed_loop"), a.closedLoop},
        {QStringLiteral("machines"), a.machines},
        {QStringLiteral("latency_ms"), percentilesJson(a.latencyMs)},
        {QStringLiteral("cost_per_million_usd"), orNull(a.meetsSla, a.costPerMillionUsd)},
        {QStringLiteral("pareto"), a.pareto},
        {QStringLiteral("sla_within_noise"), a.slaWithinNoise},
        {QStringLiteral("bottleneck"), sweep::bottleneckName(a.bottleneck)},
        {QStringLiteral("reason"), a.reason},
    };
}

QJsonObject sweepJson(const sweep::SweepResult& r, const sweep::Recommendation& rec, const SweepArgs& args) {
    QJsonArray deployments;
    for (std::size_t i = 0; i < r.entries.size(); ++i)
        deployments.append(deploymentJson(r.entries[i], rec.deployments[i]));
    const auto pick = [&](int index) -> QJsonValue {
        if (index < 0)
            return QJsonValue::Null;
        const auto& a = rec.deployments[static_cast<std::size_t>(index)];
        return deploymentJson(r.entries[static_cast<std::size_t>(a.entry)], a);
    };
    // Only when the cheapest meets the target within sampling noise (its sla_within_noise).
    const QJsonValue cheapestClear =
        rec.cheapestClear && rec.cheapestClear->entry >= 0
            ? QJsonValue(deploymentJson(r.entries[static_cast<std::size_t>(rec.cheapestClear->entry)],
                                        *rec.cheapestClear))
            : QJsonValue(QJsonValue::Null);
    return QJsonObject{
        {QStringLiteral("model"), args.space.model},
        {QStringLiteral("prices"), args.space.priceSet},
        {QStringLiteral("max_p95_ms"), orNull(args.criteria.maxP95Ms > 0, args.criteria.maxP95Ms)},
        {QStringLiteral("load_per_s"), orNull(args.criteria.loadPerSecond > 0, args.criteria.loadPerSecond)},
        {QStringLiteral("requests_per_point"), r.requestsPerPoint},
        {QStringLiteral("points_per_curve"), args.curve.points},
        {QStringLiteral("rejected"), r.skipped},
        {QStringLiteral("simulations"), r.simulations},
        {QStringLiteral("simulated_requests"), double(r.simulatedRequests)},
        {QStringLiteral("wall_seconds"), r.wallSeconds},
        {QStringLiteral("deployments"), deployments},
        {QStringLiteral("recommendation"),
         QJsonObject{{QStringLiteral("cheapest"), pick(rec.cheapest)},
                     {QStringLiteral("fastest"), pick(rec.fastest)},
                     {QStringLiteral("fastest_tied_with"),
                      QJsonArray::fromStringList(sweep::fastestTieLabels(r, rec))},
                     {QStringLiteral("cheapest_clear"), cheapestClear}}},
    };
}

QString sweepText(const sweep::SweepResult& r, const sweep::Recommendation& rec) {
    QString text = QStringLiteral("%1 deployments (%2 rejected by the compiler), %3 simulations of %4 "
                                  "requests per point in %5 s\n")
                       .arg(r.entries.size())
                       .arg(r.skipped)
                       .arg(r.simulations)
                       .arg(r.requestsPerPoint)
                       .arg(r.wallSeconds, 0, 'f', 2);
    text += QStringLiteral("cheapest: %1\n")
                .arg(rec.cheapest < 0 ? QStringLiteral("none meets the target")
                                      : rec.deployments[static_cast<std::size_t>(rec.cheapest)].reason);
    if (rec.cheapestClear)
        text += QStringLiteral("cheapest clearly meeting the target (p95 plus its sampling noise): %1\n")
                    .arg(rec.cheapestClear->entry >= 0 ? rec.cheapestClear->reason : QStringLiteral("none"));
    text += QStringLiteral("fastest:  %1\n")
                .arg(rec.fastest < 0 ? QStringLiteral("none meets the target")
                                     : rec.deployments[static_cast<std::size_t>(rec.fastest)].reason);
    text += QStringLiteral("Pareto front (p95 vs cost per million):\n");
    for (const auto& a : rec.deployments)
        if (a.pareto)
            text += QStringLiteral("  %1\n").arg(a.reason);
    return text;
}

} // namespace

int runSweep(const QStringList& args) {
    FlagParser flags(kCommand, sweepFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    if (!flags.positional().isEmpty())
        return usageError(QStringLiteral("pipescope sweep: unexpected argument '%1'; flags start with --")
                              .arg(flags.positional().first()));
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        QTextStream(stderr) << "pipescope sweep: " << catalog.error().toString() << '\n';
        return 1;
    }
    SweepArgs sweepArgs;
    if (const QString error = parseSweepArgs(flags, catalog.value(), &sweepArgs); !error.isEmpty())
        return usageError(error);
    const auto enumerated = sweep::enumerateDeployments(sweepArgs.space, catalog.value());
    if (!enumerated) // a model that does not load is bad usage too: name it like a flag
        return usageError(QStringLiteral("pipescope sweep: %1").arg(enumerated.error().toString()));
    sweep::SweepControl control;
    if (isatty(STDERR_FILENO)) // a terminal sees the count go up; pipes and logs stay clean
        control.progress = [](int done, int total) {
            QTextStream(stderr) << QStringLiteral("\rswept %1 of %2 deployments").arg(done).arg(total)
                                << (done == total ? "\n" : "");
        };
    auto result = sweep::measureDeployments(enumerated->deployments, sweepArgs.curve, control);
    if (!result) {
        QTextStream(stderr) << "pipescope sweep: " << result.error().toString() << '\n';
        return 1;
    }
    result.value().skipped = enumerated->skipped;
    result.value().firstSkipped = enumerated->firstSkipped;
    const sweep::Recommendation rec = sweep::recommend(result.value(), sweepArgs.criteria);
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json"))) {
        out << QJsonDocument(sweepJson(result.value(), rec, sweepArgs)).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (flags.has(QStringLiteral("csv"))) {
        if (const auto error =
                io::writeFileAtomically(flags.value(QStringLiteral("csv")), io::sweepToCsv(*result, rec))) {
            QTextStream(stderr) << "pipescope sweep: " << error->toString() << '\n';
            return 1;
        }
    }
    out << sweepText(result.value(), rec);
    return 0;
}

} // namespace pipescope::cli
