#pragma once

#include <QStringList>

#include <vector>

namespace pipescope::cli {

// A headless subcommand: `pipescope NAME [flags]`. run() returns the process exit code
// (0 success, 1 failure, 2 bad usage).
struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
    bool needsGui; // screenshot renders widgets: needs a QApplication (offscreen works)
};

const std::vector<Command>& commands();
const Command* findCommand(const QString& name);
// The command whose name is closest to `name` (prefix first, then edit distance), for "did you
// mean" hints after a typo.
const Command* nearestCommand(const QString& name);

// The subcommands, one file each in app/cli/.
int runSimulate(const QStringList& args);
int runValidate(const QStringList& args);
int runModels(const QStringList& args);
int runInstances(const QStringList& args);
int runExport(const QStringList& args);     // cli_export.cpp
int runScreenshot(const QStringList& args); // cli_screenshot.cpp (needs a QApplication)
int runCalibrate(const QStringList& args);
class FlagParser;
int runCalibrateMeasurements(FlagParser& flags); // cli_calibrate_measurements.cpp: --measurements FILE
int runInspect(const QStringList& args);         // cli_inspect.cpp
int runSweep(const QStringList& args);           // cli_sweep.cpp
int runLoadCurve(const QStringList& args);       // cli_load_curve.cpp

} // namespace pipescope::cli
