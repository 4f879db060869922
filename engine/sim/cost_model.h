#pragma once

#include "compile/deployment.h"
#include "hardware/instance.h"
#include "model/model_graph.h"

namespace pipescope::sim {

// How long one operator keeps a NeuronCore's engines busy for a whole batch, in ns, at the
// calibrated efficiency (weights assumed on chip; streaming is simulated separately).
double neuronOpNs(const model::Operator& op, const hardware::NeuronDevice& device, int batch,
                  compile::DataType dataType);

// Dense weights are pinned in SRAM when they fit; embedding tables stay in DRAM and only the
// rows a batch uses are read.
bool isPinnable(const model::Operator& op);

// Peak SRAM a batch needs for activations while an operator runs.
std::int64_t activationBytes(const model::Operator& op, int batch);

// One GPU kernel for an operator at a batch: bounded by FLOPs or by memory traffic (weights and
// activations), launched back to back; the launch overhead bounds tiny kernels.
double gpuKernelNs(const model::Operator& op, const hardware::GpuDevice& gpu, int batch, int dtypeBytes);

} // namespace pipescope::sim
