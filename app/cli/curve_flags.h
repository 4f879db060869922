#pragma once

#include "cli/flag_parser.h"

#include "sweep/load_curve.h"

#include <optional>
#include <vector>

namespace pipescope::cli {

// --requests N and --points N, shared by `sweep` and `load-curve`: how many measured requests each
// load point (and the closed-loop point) simulates, and how many adaptive points a curve has. More
// requests narrow each p95's sampling error (the JSON's and the Explore view's noise) at the cost
// of time; fewer give a quick look.
std::vector<FlagSpec> curveFlagSpecs();

// The curve options the flags give (sweep::curveOptions), or the one-line usage error in `error`.
std::optional<sweep::LoadCurveOptions> readCurveFlags(FlagParser& flags, QString* error);

} // namespace pipescope::cli
