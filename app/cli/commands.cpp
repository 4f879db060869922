#include "cli/commands.h"

#include <algorithm>
#include <numeric>

namespace pipescope::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"simulate", "simulate one deployment and print its summary", runSimulate, false},
        {"validate", "compare the simulator with every reference measurement", runValidate, false},
        {"models", "list the built-in models", runModels, false},
        {"instances", "list the instance catalog", runInstances, false},
        {"inspect", "list a model's operators, totals and pipeline stages", runInspect, false},
        {"calibrate", "fit the unpublished hardware parameters to the reference measurements", runCalibrate,
         false},
        {"sweep", "simulate every deployment of a model and recommend the cheapest and fastest for a target",
         runSweep, false},
        {"load-curve", "latency percentiles of one deployment against offered load (open loop)", runLoadCurve,
         false},
        {"export", "write a profile's runs as CSV or a run's timeline as Chrome trace JSON", runExport,
         false},
        {"screenshot", "save the window or one view as PNG, SVG or PDF (offscreen works)", runScreenshot,
         true},
    };
    return list;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : commands())
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

namespace {

// Levenshtein distance, case-insensitive: "Sweeep" is as close to "sweep" as "sweeep".
int editDistance(const QString& a, const QString& b) {
    const QString x = a.toLower(), y = b.toLower();
    std::vector<int> row(static_cast<std::size_t>(y.size()) + 1);
    std::iota(row.begin(), row.end(), 0);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const int above = row[static_cast<std::size_t>(j)];
            const int substitute = diagonal + (x[i - 1] == y[j - 1] ? 0 : 1);
            row[static_cast<std::size_t>(j)] =
                std::min({above + 1, row[static_cast<std::size_t>(j - 1)] + 1, substitute});
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

const Command* nearestCommand(const QString& name) {
    const Command* best = nullptr;
    int bestDistance = 0;
    for (const Command& c : commands()) {
        const QString candidate = QLatin1String(c.name);
        // A prefix ("sim", "screen") is the likeliest intent even when many letters are missing.
        const int distance = candidate.startsWith(name, Qt::CaseInsensitive) && name.size() >= 2
                                 ? 1
                                 : editDistance(name, candidate);
        if (!best || distance < bestDistance) {
            best = &c;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace pipescope::cli
