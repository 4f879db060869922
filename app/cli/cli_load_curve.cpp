// `pipescope load-curve`: one deployment's latency against offered load (open-loop Poisson
// arrivals), its saturation throughput and knee.
#include "cli/commands.h"
#include "cli/curve_flags.h"
#include "cli/deployment_flags.h"
#include "cli/flag_parser.h"
#include "cli/list_flags.h"
#include "cli/run_json.h"

#include "compile/deployment.h"
#include "compile/group_sizes.h"
#include "hardware/catalog.h"
#include "model/presets.h"
#include "sim/scenario.h"
#include "sweep/bottleneck.h"
#include "sweep/deployment_space.h"
#include "sweep/load_curve.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pipescope::cli {
namespace {

const QString kCommand = QStringLiteral("load-curve");

std::vector<FlagSpec> loadCurveFlags() {
    std::vector<FlagSpec> specs = deploymentFlagSpecs();
    specs.insert(specs.end(), {
                                  {QStringLiteral("rates"), QStringLiteral("LIST"),
                                   QStringLiteral("offered loads in inferences per second, comma-separated")},
                                  {QStringLiteral("json"), {}, QStringLiteral("print one JSON object")},
                              });
    const std::vector<FlagSpec> curve = curveFlagSpecs();
    specs.insert(specs.end() - 1, curve.begin(), curve.end());
    return specs;
}

// The scenario the flags describe, or the one-line usage error.
std::optional<sim::Scenario> scenarioFromFlags(FlagParser& flags, const hardware::Catalog& catalog,
                                               QString* error) {
    sim::Scenario s;
    if (auto problem = readDeployment(flags, catalog, kCommand, &s)) {
        *error = *problem;
        return std::nullopt;
    }
    s.sequenceLength = model::defaultSequenceLength(s.model);
    return s;
}

QJsonObject curveJson(const sim::RunInputs& in, const sweep::LoadCurve& curve) {
    QJsonArray points;
    for (const auto& p : curve.points)
        points.append(QJsonObject{{QStringLiteral("rate_per_s"), p.offeredPerSecond},
                                  {QStringLiteral("throughput_per_s"), p.throughputPerSecond},
                                  {QStringLiteral("latency_ms"), percentilesJson(p.latencyMs)}});
    return QJsonObject{
        {QStringLiteral("model"), in.model.name},
        {QStringLiteral("instance"), in.instance.name},
        {QStringLiteral("mode"), compile::deploymentMode(in.config, in.instance.isGpu())},
        {QStringLiteral("group_sizes"), compile::formatGroupSizes(in.config.groupSizes)},
        {QStringLiteral("pipeline_cores"), in.config.pipelineCores},
        {QStringLiteral("batch"), in.config.batch},
        {QStringLiteral("points"), points},
        {QStringLiteral("saturation_per_s"), curve.saturationPerSecond},
        {QStringLiteral("knee_per_s"), curve.kneePerSecond},
        {QStringLiteral("closed_loop"),
         QJsonObject{{QStringLiteral("clients"), curve.closedLoop.clients},
                     {QStringLiteral("throughput_per_s"), curve.closedLoop.throughputPerSecond},
                     {QStringLiteral("latency_ms"), percentilesJson(curve.closedLoop.latencyMs)}}},
        {QStringLiteral("bottleneck"),
         sweep::bottleneckName(sweep::classifyBottleneck(curve.probe, in.config.pipelineCores))},
    };
}

QString curveText(const sim::RunInputs& in, const sweep::LoadCurve& curve) {
    QString text =
        QStringLiteral("%1 on %2, %3, batch %4 (rates in inferences/s)\n")
            .arg(in.model.name, in.instance.name, compile::deploymentMode(in.config, in.instance.isGpu()))
            .arg(in.config.batch);
    text += QStringLiteral("%1 %2 %3 %4 %5\n")
                .arg(QStringLiteral("offered"), 10)
                .arg(QStringLiteral("achieved"), 10)
                .arg(QStringLiteral("p50 ms"), 9)
                .arg(QStringLiteral("p95 ms"), 9)
                .arg(QStringLiteral("p99 ms"), 9);
    for (const auto& p : curve.points)
        text += QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(p.offeredPerSecond, 10, 'f', 1)
                    .arg(p.throughputPerSecond, 10, 'f', 1)
                    .arg(p.latencyMs.p50, 9, 'f', 2)
                    .arg(p.latencyMs.p95, 9, 'f', 2)
                    .arg(p.latencyMs.p99, 9, 'f', 2);
    text += QStringLiteral("closed loop, %1 clients: %2/s, p50 %3 ms, p95 %4 ms, p99 %5 ms\n")
                .arg(curve.closedLoop.clients)
                .arg(curve.closedLoop.throughputPerSecond, 0, 'f', 1)
                .arg(curve.closedLoop.latencyMs.p50, 0, 'f', 2)
                .arg(curve.closedLoop.latencyMs.p95, 0, 'f', 2)
                .arg(curve.closedLoop.latencyMs.p99, 0, 'f', 2);
    text += QStringLiteral("saturation %1/s, knee %2/s; bound by %3 (%4)\n")
                .arg(curve.saturationPerSecond, 0, 'f', 1)
                .arg(curve.kneePerSecond, 0, 'f', 1)
                .arg(sweep::bottleneckName(sweep::classifyBottleneck(curve.probe, in.config.pipelineCores)),
                     sweep::bottleneckEvidence(curve.probe));
    return text;
}

} // namespace

int runLoadCurve(const QStringList& args) {
    FlagParser flags(kCommand, loadCurveFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.handleHelp())
        return 0;
    if (!flags.positional().isEmpty())
        return usageError(
            QStringLiteral("pipescope load-curve: unexpected argument '%1'; flags start with --")
                .arg(flags.positional().first()));
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        QTextStream(stderr) << "pipescope load-curve: " << catalog.error().toString() << '\n';
        return 1;
    }
    QString error;
    const auto scenario = scenarioFromFlags(flags, catalog.value(), &error);
    if (!scenario)
        return usageError(error);
    if (flags.has(QStringLiteral("rates")) && flags.has(QStringLiteral("points")))
        return usageError(
            QStringLiteral("pipescope load-curve: --rates and --points exclude each other; give one"));
    auto options = readCurveFlags(flags, &error);
    if (!options)
        return usageError(error);
    if (flags.has(QStringLiteral("rates"))) {
        const auto rates = parseNumberList(kCommand, QStringLiteral("rates"),
                                           flags.value(QStringLiteral("rates")), 1e-3, 1e7, false, &error);
        if (!rates)
            return usageError(error);
        options->rates = *rates;
    }
    const auto inputs = sim::buildInputs(*scenario, catalog.value());
    if (!inputs) // a setting the engine rejects is bad usage too: name it like a flag
        return usageError(QStringLiteral("pipescope load-curve: %1").arg(inputs.error().toString()));
    sweep::SweepDeployment deployment;
    deployment.inputs = inputs.value();
    options->seed = deployment.seed(); // the same curve as the sweep draws for this deployment
    const auto curve = sweep::measureLoadCurve(inputs.value(), *options);
    if (!curve) {
        QTextStream(stderr) << "pipescope load-curve: " << curve.error().toString() << '\n';
        return 1;
    }
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json"))) {
        QJsonObject json = curveJson(inputs.value(), curve.value());
        json.insert(QStringLiteral("requests_per_point"), options->requests);
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    } else {
        out << curveText(inputs.value(), curve.value());
    }
    return 0;
}

} // namespace pipescope::cli
