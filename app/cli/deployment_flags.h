#pragma once

#include "cli/flag_parser.h"
#include "hardware/catalog.h"
#include "sim/scenario.h"

#include <optional>
#include <vector>

namespace pipescope::cli {

// The flags that name one deployment (--model, --instance, --group-sizes, --pipeline-cores,
// --batch), shared by `simulate` and `load-curve` so both read them, default them and refuse
// them alike.
std::vector<FlagSpec> deploymentFlagSpecs();

// Reads those flags into `s`: without --group-sizes, groups of --pipeline-cores filling the
// instance (one group per compiled model, as many as fit). Returns the one-line usage error,
// prefixed with "pipescope `command`:" where the flag parser's own does not name the command.
std::optional<QString> readDeployment(FlagParser& flags, const hardware::Catalog& catalog,
                                      const QString& command, sim::Scenario* s);

} // namespace pipescope::cli
