#pragma once

#include "metrics/run_summary.h"

#include <QString>

namespace pipescope::sweep {

// What limits a deployment at saturation, read from its saturated closed-loop run (the load
// curve's probe). The rule, in this order (shares are of the measured interval):
//   host            the busiest serving process is busy >= 85% (framework work is serialised);
//   clients         no NeuronCore (or the GPU) is busy >= 85%: the in-flight bound, not the
//                   hardware, limits it;
//   DRAM            on the busiest core, waiting for streamed weights >= computing;
//   pipeline depth  a pipeline whose cores average under 75% of its busiest core's use: stages
//                   are unbalanced or transfers eat the gain of another stage;
//   compute         otherwise: the engines are the limit.
enum class Bottleneck { Host, Clients, Dram, PipelineDepth, Compute };

QString bottleneckName(Bottleneck b); // "host", "clients", "DRAM", "pipeline depth", "compute"

Bottleneck classifyBottleneck(const metrics::RunSummary& saturated, int pipelineCores);

// The figures behind the classification, e.g. "host busy 93%, busiest core 61% (55% compute,
// 6% weight wait)".
QString bottleneckEvidence(const metrics::RunSummary& saturated);

} // namespace pipescope::sweep
