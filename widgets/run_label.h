#pragma once

#include "sim/run.h"

#include <QString>

namespace pipescope::widgets {

// Short, human names for a run as the runs table and the charts show it. They only format the
// run's inputs; nothing here computes a result.
QString runModeName(const sim::Run& run);  // "data parallel", "pipeline", "gpu"
int runCoresPerModel(const sim::Run& run); // NeuronCores one copy of the model runs on; 0 on a GPU
QString runLabel(const sim::Run& run);     // "inf1.xlarge 1,1,1,1 b1", "inf1.24xlarge 64×1 b1"
// A chart axis label for run number `number` (1-based, as the runs table numbers rows), a few
// short lines: "#1", "xlarge", "1,1,1,1".
QString runAxisLabel(const sim::Run& run, int number);
QString runDescription(const sim::Run& run);   // one line with model, instance, groups, workload
QString runModelName(const sim::Run& run);     // "bert-base-uncased 128 bf16"
QString runWorkloadLabel(const sim::Run& run); // "4 clients", "500 req/s"
// Every input that decides a run's results, as one string: equal keys, equal results.
QString runInputsKey(const sim::Run& run);

} // namespace pipescope::widgets
