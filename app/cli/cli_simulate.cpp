// `pipescope simulate`: one deployment, headless, as the window's Run button does it.
#include "cli/commands.h"
#include "cli/deployment_flags.h"
#include "cli/flag_parser.h"
#include "cli/run_json.h"
#include "cli/trace_report.h"

#include "calibrate/prediction_interval.h"
#include "compile/deployment.h"
#include "hardware/catalog.h"
#include "io/chrome_trace_export.h"
#include "io/profile_writer.h"
#include "model/presets.h"
#include "sim/scenario.h"
#include "sim/simulator.h"

#include <QJsonDocument>
#include <QTextStream>

#include <optional>

namespace pipescope::cli {
namespace {

std::vector<FlagSpec> simulateFlags() {
    std::vector<FlagSpec> specs = deploymentFlagSpecs();
    specs.insert(
        specs.end(),
        {
            {QStringLiteral("workers"), QStringLiteral("N"),
             QStringLiteral(
                 "serving worker processes (default one per NeuronCore group, as the 2021 study ran)")},
            {QStringLiteral("no-intervals"),
             {},
             QStringLiteral("skip the prediction intervals (about a dozen short extra simulations)")},
            {QStringLiteral("seq-len"), QStringLiteral("N"),
             QStringLiteral("compiled sequence length (default 128)")},
            {QStringLiteral("dtype"), QStringLiteral("TYPE"),
             QStringLiteral("bf16, fp16, fp32 or int8 (default bf16)")},
            {QStringLiteral("clients"), QStringLiteral("N"),
             QStringLiteral("closed loop with N clients (default 1)")},
            {QStringLiteral("rate"), QStringLiteral("PER_S"),
             QStringLiteral("open loop, Poisson arrivals per second")},
            {QStringLiteral("requests"), QStringLiteral("N"),
             QStringLiteral("measured requests (default 2000)")},
            {QStringLiteral("warmup"), QStringLiteral("N"),
             QStringLiteral("warm-up requests excluded (default 100)")},
            {QStringLiteral("seed"), QStringLiteral("N"), QStringLiteral("random seed (default 1)")},
            {QStringLiteral("prices"), QStringLiteral("SET"),
             QStringLiteral("price set: launch or current (default launch)")},
            {QStringLiteral("device-profile"), QStringLiteral("NAME"),
             QStringLiteral("a device profile fitted to your measurements (pipescope instances lists them)")},
            {QStringLiteral("json"), {}, QStringLiteral("print one JSON object")},
            {QStringLiteral("out"), QStringLiteral("FILE"),
             QStringLiteral("also save the run as a .pipescope profile")},
            {QStringLiteral("trace"), QStringLiteral("FILE.json[.gz]"),
             QStringLiteral(
                 "also write the timeline as Chrome trace JSON, gzip-compressed if the name ends in .gz")},
            {QStringLiteral("include-warmup"),
             {},
             QStringLiteral("keep the warm-up requests in the --trace file, marked by a \"warm-up\" range")},
            {QStringLiteral("help"), {}, QStringLiteral("this text")},
        });
    return specs;
}

// The usage error for a --device-profile the catalog does not hold, naming those it does.
std::optional<QString> deviceProfileProblem(const hardware::Catalog& catalog, const QString& name) {
    if (name.isEmpty() || catalog.findProfile(name))
        return std::nullopt;
    QStringList names;
    for (const auto& p : catalog.deviceProfiles())
        names << p.name;
    return QStringLiteral("pipescope simulate: no device profile named '%1'; %2")
        .arg(name, names.isEmpty() ? QStringLiteral("there are none (pipescope calibrate --measurements FILE "
                                                    "--save-profile NAME)")
                                   : QStringLiteral("there are ") + names.join(QStringLiteral(", ")));
}

// The scenario the flags describe; an exit code (bad usage) instead when they cannot.
std::optional<int> readScenario(FlagParser& flags, const hardware::Catalog& catalog, sim::Scenario* s) {
    QStringList priceSets;
    for (const auto& set : catalog.priceSets())
        priceSets << set.id;

    if (auto problem = readDeployment(flags, catalog, QStringLiteral("simulate"), s))
        return usageError(*problem);
    const auto workers = flags.integer(QStringLiteral("workers"), 0, 1, 4096);
    // Image models take their image side here (224 for resnet50), language models a length.
    const auto seqLen =
        flags.integer(QStringLiteral("seq-len"), model::defaultSequenceLength(s->model), 1, 65536);
    const auto dtype = flags.choice(
        QStringLiteral("dtype"), QStringLiteral("bf16"),
        {QStringLiteral("bf16"), QStringLiteral("fp16"), QStringLiteral("fp32"), QStringLiteral("int8")});
    const auto clients = flags.integer(QStringLiteral("clients"), 1, 1, 100000);
    const auto rate = flags.number(QStringLiteral("rate"), 0, 1e-3, 1e7);
    const auto requests = flags.integer(QStringLiteral("requests"), 2000, 1, 10000000);
    const auto warmup = flags.integer(QStringLiteral("warmup"), 100, 0, 10000000);
    const auto seed = flags.integer(QStringLiteral("seed"), 1, 0, std::numeric_limits<long long>::max());
    const auto prices = flags.choice(QStringLiteral("prices"), QStringLiteral("launch"), priceSets);
    if (!workers || !seqLen || !dtype || !clients || !rate || !requests || !warmup || !seed || !prices)
        return usageError(flags.error());
    if (flags.has(QStringLiteral("include-warmup")) && !flags.has(QStringLiteral("trace")))
        return usageError(QStringLiteral("pipescope simulate: --include-warmup applies to --trace FILE"));
    if (flags.has(QStringLiteral("clients")) && flags.has(QStringLiteral("rate")))
        return usageError(
            QStringLiteral("pipescope simulate: --clients (closed loop) and --rate (open loop) exclude "
                           "each other; give one"));

    s->workers = static_cast<int>(*workers);
    s->sequenceLength = static_cast<int>(*seqLen);
    compile::parseDataType(*dtype, &s->dataType);
    s->priceSet = *prices;
    s->deviceProfile = flags.value(QStringLiteral("device-profile"));
    if (auto error = deviceProfileProblem(catalog, s->deviceProfile))
        return usageError(*error);
    s->workload.kind =
        flags.has(QStringLiteral("rate")) ? sim::Workload::Kind::OpenLoop : sim::Workload::Kind::ClosedLoop;
    s->workload.clients = static_cast<int>(*clients);
    s->workload.ratePerSecond = *rate;
    s->workload.requests = static_cast<int>(*requests);
    s->workload.warmup = static_cast<int>(*warmup);
    s->workload.seed = static_cast<std::uint64_t>(*seed);
    return std::nullopt;
}

// --trace FILE: the run's timeline as Chrome trace JSON. stdout carries the run (plain or --json),
// so the export's one line goes to stderr. False (and a message) when the file cannot be written.
bool writeTrace(const FlagParser& flags, const sim::Run& run) {
    io::ChromeTraceOptions options;
    options.includeWarmup = flags.has(QStringLiteral("include-warmup"));
    const QString path = flags.value(QStringLiteral("trace"));
    const auto stats = io::exportChromeTrace(path, run, options);
    if (!stats) {
        QTextStream(stderr) << "pipescope simulate: " << stats.error().toString() << '\n';
        return false;
    }
    QTextStream(stderr) << traceReport(path, stats.value()) << '\n';
    return true;
}

} // namespace

int runSimulate(const QStringList& args) {
    FlagParser flags(QStringLiteral("simulate"), simulateFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.has(QStringLiteral("help"))) {
        QTextStream(stdout) << "Usage: pipescope simulate [flags]\n" << flags.usage();
        return 0;
    }
    if (!flags.positional().isEmpty())
        return usageError(QStringLiteral("pipescope simulate: unexpected argument '%1'; flags start with --")
                              .arg(flags.positional().first()));
    const auto catalog = hardware::Catalog::load();
    if (!catalog) {
        QTextStream(stderr) << "pipescope simulate: " << catalog.error().toString() << '\n';
        return 1;
    }
    sim::Scenario s;
    if (const auto exitCode = readScenario(flags, catalog.value(), &s))
        return *exitCode;

    Result<sim::RunInputs> inputs = sim::buildInputs(s, catalog.value());
    if (!inputs) {
        // A setting the engine rejects is bad usage too: name it like a flag.
        return usageError(QStringLiteral("pipescope simulate: %1").arg(inputs.error().toString()));
    }
    Result<std::shared_ptr<sim::Run>> simulated = sim::simulateRun(inputs.value());
    if (!simulated) {
        QTextStream(stderr) << "pipescope simulate: " << simulated.error().toString() << '\n';
        return 1;
    }
    if (!flags.has(QStringLiteral("no-intervals"))) {
        auto summary = calibrate::withPredictionIntervals(inputs.value(), simulated.value()->summary,
                                                          calibrate::builtInReference());
        if (!summary) {
            QTextStream(stderr) << "pipescope simulate: prediction intervals: " << summary.error().toString()
                                << '\n';
            return 1;
        }
        simulated.value()->summary = std::move(summary).value();
    }
    const Result<sim::RunPtr> run = sim::RunPtr(std::move(simulated).value());
    if (flags.has(QStringLiteral("out"))) {
        const auto error =
            io::writeProfileFile(flags.value(QStringLiteral("out")), io::makeProfile({run.value()}, 0));
        if (error) {
            QTextStream(stderr) << "pipescope simulate: " << error->toString() << '\n';
            return 1;
        }
    }
    if (flags.has(QStringLiteral("trace")) && !writeTrace(flags, *run.value()))
        return 1;
    QTextStream out(stdout);
    if (flags.has(QStringLiteral("json")))
        out << QJsonDocument(runToJson(*run.value())).toJson(QJsonDocument::Indented);
    else
        out << runToText(*run.value());
    return 0;
}

} // namespace pipescope::cli
