#pragma once

#include "compile/deployment.h"
#include "compile/placement.h"
#include "hardware/instance.h"
#include "metrics/run_summary.h"
#include "model/model_graph.h"
#include "sim/trace.h"
#include "sim/workload.h"

#include <memory>

namespace pipescope::sim {

// Everything needed to reproduce a run, inline (no references to catalog entries that may change).
struct RunInputs {
    model::ModelGraph model;
    hardware::InstanceSpec instance;
    QString priceSet = QStringLiteral("launch");
    compile::DeploymentConfig config;
    Workload workload;
};

// A finished simulation. Immutable once built: views share it as RunPtr.
struct Run {
    RunInputs inputs;
    compile::Placement placement;
    Trace trace;
    std::vector<RequestRecord> requests;
    metrics::RunSummary summary;
    metrics::Occupancy occupancy;
};

using RunPtr = std::shared_ptr<const Run>;

} // namespace pipescope::sim
