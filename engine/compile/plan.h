#pragma once

#include "compile/placement.h"
#include "core/result.h"
#include "sim/run.h"

namespace pipescope::compile {

// Checks a deployment against its instance and model; the error names the setting to change.
std::optional<Error> validate(const sim::RunInputs& inputs);

// Emulates the Neuron compiler and runtime: stages that minimise the slowest stage, weights
// resident in SRAM where they fit, groups placed on cores and chips.
Result<Placement> plan(const sim::RunInputs& inputs);

} // namespace pipescope::compile
