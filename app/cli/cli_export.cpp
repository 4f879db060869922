// `pipescope export`: a saved profile's runs table as CSV, or one run's timeline as Chrome
// Trace Event JSON (gzip-compressed for a .gz name) for Perfetto, chrome://tracing and others.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "cli/trace_report.h"

#include "io/atomic_file.h"
#include "io/chrome_trace_export.h"
#include "io/csv_export.h"
#include "io/profile_reader.h"
#include "io/profile_restore.h"

#include <QTextStream>

namespace pipescope::cli {
namespace {

std::vector<FlagSpec> exportFlags() {
    return {
        {QStringLiteral("profile"), QStringLiteral("FILE"), QStringLiteral("the .pipescope profile to read")},
        {QStringLiteral("run"), QStringLiteral("N"),
         QStringLiteral("run number as in the runs table, from 1 (default: the profile's selected run)")},
        {QStringLiteral("trace"), QStringLiteral("OUT.json[.gz]"),
         QStringLiteral("write the run's timeline as Chrome trace JSON, gzip-compressed if the name ends "
                        "in .gz")},
        {QStringLiteral("include-warmup"),
         {},
         QStringLiteral("keep the warm-up requests in the trace, marked by a \"warm-up\" range")},
        {QStringLiteral("csv"), QStringLiteral("OUT.csv"), QStringLiteral("write the runs table as CSV")},
        {QStringLiteral("help"), {}, QStringLiteral("this text")},
    };
}

int fail(const QString& message) {
    QTextStream(stderr) << "pipescope export: " << message << '\n';
    return 1;
}

} // namespace

int runExport(const QStringList& args) {
    FlagParser flags(QStringLiteral("export"), exportFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.has(QStringLiteral("help"))) {
        QTextStream(stdout)
            << "Usage: pipescope export --profile FILE [--run N] (--trace OUT.json[.gz] [--include-warmup] | "
               "--csv OUT.csv)\n"
            << flags.usage();
        return 0;
    }
    if (!flags.positional().isEmpty())
        return usageError(QStringLiteral("pipescope export: unexpected argument '%1'; flags start with --")
                              .arg(flags.positional().first()));
    if (!flags.has(QStringLiteral("profile")))
        return usageError(QStringLiteral("pipescope export: --profile FILE is required"));
    const bool trace = flags.has(QStringLiteral("trace"));
    if (trace == flags.has(QStringLiteral("csv")))
        return usageError(
            QStringLiteral("pipescope export: give exactly one of --trace OUT.json or --csv OUT.csv"));
    if (!trace && flags.has(QStringLiteral("include-warmup")))
        return usageError(QStringLiteral("pipescope export: --include-warmup applies to --trace"));

    auto profile = io::readProfileFile(flags.value(QStringLiteral("profile")));
    if (!profile)
        return fail(profile.error().toString());
    const io::Profile& p = profile.value();
    const long long runCount = static_cast<long long>(p.runs.size());
    if (runCount == 0)
        return fail(
            QStringLiteral("%1: the profile holds no runs").arg(flags.value(QStringLiteral("profile"))));
    const auto run =
        flags.integer(QStringLiteral("run"), p.selectedRun >= 0 ? p.selectedRun + 1 : 1, 1, runCount);
    if (!run)
        return usageError(flags.error());

    if (!trace) {
        const QString out = flags.value(QStringLiteral("csv"));
        if (const auto error = io::writeFileAtomically(out, io::runsToCsv(p.runs, p.baselineRun)))
            return fail(error->toString());
        return 0;
    }
    const auto index = static_cast<std::size_t>(*run - 1);
    sim::RunPtr chosen = p.runs[index];
    if (!p.hasTrace[index]) {
        // The file kept only inputs and summary: simulate this run again to get its timeline.
        io::Profile single = p;
        single.runs = {chosen};
        single.hasTrace = {false};
        const auto restored = io::restoreRuns(single);
        if (!restored)
            return fail(restored.error().toString());
        chosen = restored.value().front().run;
        const QString changes = io::describeChanges(restored.value());
        if (!changes.isEmpty())
            QTextStream(stderr) << "pipescope export: re-simulated; " << changes << '\n';
    }
    io::ChromeTraceOptions options;
    options.includeWarmup = flags.has(QStringLiteral("include-warmup"));
    const QString out = flags.value(QStringLiteral("trace"));
    const auto stats = io::exportChromeTrace(out, *chosen, options);
    if (!stats)
        return fail(stats.error().toString());
    QTextStream(stdout) << traceReport(out, stats.value()) << '\n';
    return 0;
}

} // namespace pipescope::cli
