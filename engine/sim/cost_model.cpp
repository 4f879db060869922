#include "sim/cost_model.h"

#include <algorithm>

namespace pipescope::sim {

double neuronOpNs(const model::Operator& op, const hardware::NeuronDevice& device, int batch,
                  compile::DataType dataType) {
    const double flops = op.flops * batch;
    if (flops <= 0)
        return 0;
    double efficiency = device.vectorEfficiency;
    switch (model::opClass(op)) {
    case model::OpClass::MatMul:
        efficiency = device.tensorEfficiency;
        break;
    case model::OpClass::Attention:
        efficiency = device.attentionEfficiency;
        break;
    case model::OpClass::Convolution:
        efficiency = device.convEfficiency;
        break;
    case model::OpClass::Elementwise:
    case model::OpClass::Gather:
        break;
    }
    double rate = device.vectorFlops;
    switch (op.engine) {
    case model::EngineKind::Tensor:
        // INT8 doubles the systolic array's rate (128 TOPS vs 64 TFLOPS per chip, published);
        // FP32 models are auto-cast to BF16 by the compiler and run at the BF16 rate.
        rate = device.tensorFlops * (dataType == compile::DataType::INT8 ? 2.0 : 1.0);
        break;
    case model::EngineKind::Vector:
        break;
    case model::EngineKind::Scalar:
        rate = device.scalarFlops;
        break;
    }
    return flops / (rate * efficiency) * 1e9;
}

bool isPinnable(const model::Operator& op) {
    return op.weightBytes > 0 && op.weightReadBytes >= op.weightBytes;
}

std::int64_t activationBytes(const model::Operator& op, int batch) {
    return (op.activationInBytes + op.activationOutBytes) * static_cast<std::int64_t>(batch);
}

double gpuKernelNs(const model::Operator& op, const hardware::GpuDevice& gpu, int batch, int dtypeBytes) {
    // Autocast runs matmuls on the FP16 tensor cores; the rest stays on FP32 CUDA cores.
    const bool tensor = op.engine == model::EngineKind::Tensor;
    const double rate = tensor ? gpu.tensorFlops * gpu.tensorEfficiency : gpu.fp32Flops * gpu.memEfficiency;
    const double computeNs = op.flops * batch / rate * 1e9;
    const double bytes =
        static_cast<double>(op.weightReadBytes) +
        static_cast<double>(op.activationInBytes + op.activationOutBytes) * batch * dtypeBytes / 2.0;
    const double memoryNs = bytes / (gpu.memBandwidth * gpu.memEfficiency) * 1e9;
    return std::max({computeNs, memoryNs, gpu.launchOverheadNs});
}

} // namespace pipescope::sim
