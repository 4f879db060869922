#include "calibrate/device_parameters.h"

#include <algorithm>
#include <cmath>

namespace pipescope::calibrate {
namespace {

struct Prior {
    const char* key;
    double prior, min, max;
    const char* why;
};

// Priors are deliberately weak (a factor e^2 away costs as much as 5% of throughput error) and
// come from public figures or orders of magnitude, never from the rows being fitted.
const Prior kNeuronPriors[] = {
    {"sram_bytes", 10e6, 2e6, 64e6, "pipeline rule of thumb: about 5M 16-bit weights per core"},
    {"tensor_efficiency", 0.5, 0.05, 1.0, "typical systolic-array efficiency on large matmuls"},
    {"attention_efficiency", 0.3, 0.02, 1.0, "small per-head tiles use a systolic array poorly"},
    {"vector_efficiency", 0.5, 0.02, 1.0, "typical vector-engine efficiency"},
    {"dram_efficiency", 0.7, 0.2, 1.0, "typical achieved / peak DRAM bandwidth on streams"},
    {"stage_overhead_ns", 20e3, 100, 5e6, "tens of microseconds of DMA set-up and sync per execution"},
    {"host.request_overhead_ns", 0.5e6, 1e3, 5e7, "Python framework call overhead, about half a millisecond"},
    {"host.per_sample_overhead_ns", 0.1e6, 1e2, 1e7, "input / output conversion per sample"},
    {"host.device_latency_ns", 0.5e6, 1e3, 5e7, "runtime submit + completion, about half a millisecond"},
    {"host.jitter", 0.01, 1e-4, 0.5, "small device-side variation"},
    {"host.host_jitter", 0.05, 1e-4, 0.5, "host-side variation"},
};
const Prior kGpuPriors[] = {
    {"tensor_efficiency", 0.3, 0.02, 1.0, "typical T4 tensor-core efficiency under autocast"},
    {"launch_overhead_ns", 10e3, 100, 1e6, "CUDA kernel launch through PyTorch, about 10 us"},
    {"host.request_overhead_ns", 1e6, 1e3, 5e7, "Python framework call overhead"},
    {"host.per_sample_overhead_ns", 5e4, 1e2, 1e7, "input / output conversion per sample"},
    {"host.jitter", 0.01, 1e-4, 0.5, "small device-side variation"},
    {"host.host_jitter", 0.1, 1e-4, 0.5, "host-side variation"},
};

} // namespace

double parameterValue(const hardware::InstanceSpec& s, const QString& key) {
    if (key == QLatin1String("sram_bytes"))
        return double(s.neuron.sramBytes);
    if (key == QLatin1String("tensor_efficiency"))
        return s.isGpu() ? s.gpu.tensorEfficiency : s.neuron.tensorEfficiency;
    if (key == QLatin1String("attention_efficiency"))
        return s.neuron.attentionEfficiency;
    if (key == QLatin1String("conv_efficiency"))
        return s.neuron.convEfficiency;
    if (key == QLatin1String("vector_efficiency"))
        return s.neuron.vectorEfficiency;
    if (key == QLatin1String("dram_efficiency"))
        return s.neuron.dramEfficiency;
    if (key == QLatin1String("stage_overhead_ns"))
        return s.neuron.stageOverheadNs;
    if (key == QLatin1String("launch_overhead_ns"))
        return s.gpu.launchOverheadNs;
    if (key == QLatin1String("host.request_overhead_ns"))
        return s.host.requestOverheadNs;
    if (key == QLatin1String("host.per_sample_overhead_ns"))
        return s.host.perSampleOverheadNs;
    if (key == QLatin1String("host.device_latency_ns"))
        return s.host.deviceLatencyNs;
    if (key == QLatin1String("host.jitter"))
        return s.host.jitter;
    if (key == QLatin1String("host.host_jitter"))
        return s.host.hostJitter;
    return 0;
}

bool applyParameter(hardware::InstanceSpec& s, const QString& key, double v) {
    if (key == QLatin1String("sram_bytes"))
        s.neuron.sramBytes = static_cast<std::int64_t>(std::llround(v));
    else if (key == QLatin1String("tensor_efficiency"))
        (s.isGpu() ? s.gpu.tensorEfficiency : s.neuron.tensorEfficiency) = v;
    else if (key == QLatin1String("attention_efficiency"))
        s.neuron.attentionEfficiency = v;
    else if (key == QLatin1String("conv_efficiency"))
        s.neuron.convEfficiency = v;
    else if (key == QLatin1String("vector_efficiency"))
        s.neuron.vectorEfficiency = v;
    else if (key == QLatin1String("dram_efficiency"))
        s.neuron.dramEfficiency = v;
    else if (key == QLatin1String("stage_overhead_ns"))
        s.neuron.stageOverheadNs = v;
    else if (key == QLatin1String("launch_overhead_ns"))
        s.gpu.launchOverheadNs = v;
    else if (key == QLatin1String("host.request_overhead_ns"))
        s.host.requestOverheadNs = v;
    else if (key == QLatin1String("host.per_sample_overhead_ns"))
        s.host.perSampleOverheadNs = v;
    else if (key == QLatin1String("host.device_latency_ns"))
        s.host.deviceLatencyNs = v;
    else if (key == QLatin1String("host.jitter"))
        s.host.jitter = v;
    else if (key == QLatin1String("host.host_jitter"))
        s.host.hostJitter = v;
    else
        return false;
    return true;
}

std::vector<FittedParameter> calibratedParameters(const std::vector<hardware::InstanceSpec>& instances) {
    std::vector<FittedParameter> params;
    std::vector<QString> seen;
    for (const auto& spec : instances) {
        if (std::find(seen.begin(), seen.end(), spec.device) != seen.end())
            continue;
        seen.push_back(spec.device);
        auto add = [&](const auto& priors) {
            for (const Prior& p : priors) {
                FittedParameter f;
                f.device = spec.device;
                f.key = QString::fromLatin1(p.key);
                f.why = QString::fromLatin1(p.why);
                f.prior = p.prior;
                f.min = p.min;
                f.max = p.max;
                f.initial = f.value = parameterValue(spec, f.key);
                params.push_back(f);
            }
        };
        if (spec.isGpu())
            add(kGpuPriors);
        else
            add(kNeuronPriors);
    }
    return params;
}

void writeParameter(QJsonObject& device, const QString& key, double value, const QString& source) {
    const QJsonObject entry{{QStringLiteral("value"), value}, {QStringLiteral("source"), source}};
    if (key.startsWith(QLatin1String("host."))) {
        QJsonObject host = device.value(QStringLiteral("host")).toObject();
        host[key.mid(5)] = entry;
        device[QStringLiteral("host")] = host;
    } else {
        device[key] = entry;
    }
}

} // namespace pipescope::calibrate
