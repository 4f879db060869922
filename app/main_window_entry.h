#pragma once

#include "cli/commands.h"

namespace pipescope::app {

// Opens the profiler window (argv may name a profile to open) and runs the event loop.
int runWindow(int argc, char** argv);

// Runs a subcommand that renders widgets inside a QApplication (offscreen platform is fine).
int runGuiCommand(int argc, char** argv, const cli::Command& command, const QStringList& args);

} // namespace pipescope::app
