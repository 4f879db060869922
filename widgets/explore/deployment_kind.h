#pragma once

#include "sim/run.h"

#include <QString>

namespace pipescope::widgets {

// How a swept deployment uses its machine, as the Explore scatter tells them apart by marker:
// data parallel (one core per model copy), pipeline (a model split over several cores) or GPU.
enum class DeploymentKind { DataParallel, Pipeline, Gpu };

DeploymentKind deploymentKind(const sim::RunInputs& inputs);
QString deploymentKindName(DeploymentKind kind); // "data parallel", "pipeline", "GPU"

} // namespace pipescope::widgets
