#include "cli/commands.h"

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

} // namespace pipescope::cli
