#pragma once

#include "sim/run.h"

#include <QString>

namespace pipescope::widgets {

// Short, human names for a run as the runs table and the charts show it. They only format the
// run's inputs; nothing here computes a result.
QString runModeName(const sim::Run& run);    // "data parallel", "pipeline", "gpu"
int runCoresPerModel(const sim::Run& run);   // NeuronCores one copy of the model runs on; 0 on a GPU
QString runLabel(const sim::Run& run);       // "inf1.xlarge 1,1,1,1 b1"
QString runDescription(const sim::Run& run); // one line with model, instance, groups, workload

} // namespace pipescope::widgets
