#pragma once

#include "sim/scenario.h"
#include "sweep/load_curve.h"
#include "sweep/sweep.h"

#include <vector>

namespace pipescope::app {

// One configuration of the default scenario and whether it is the comparison's baseline.
struct DefaultConfiguration {
    sim::Scenario scenario;
    bool baseline = false;
    bool featured = false; // the run the views show once the scenario is in
};

// The 2021 BERT study's batch-1 configurations (bert-base-uncased, sequence 128), which a new
// user sees compared at first start: inf1.xlarge data parallel and pipelined, inf1.6xlarge one
// 16-core pipeline, and the g4dn.xlarge GPU baseline.
std::vector<DefaultConfiguration> defaultScenario();

// A quick sweep of the default scenario's model for a screenshot of the Explore view when the
// profile has none: inf1.xlarge, inf1.6xlarge and g4dn.xlarge at batches 1, 4 and 16, short
// load curves. Seconds, not minutes; the window's Sweep button does the full one.
sweep::SweepSpace quickExploreSpace();
sweep::LoadCurveOptions quickCurveOptions();

} // namespace pipescope::app
