#include "hardware/instance_json.h"

#include <type_traits>

namespace pipescope::hardware {
namespace {

constexpr double kHuge = 1e18; // FLOP/s, bytes/s: far above any real device
constexpr double kMaxBytes = static_cast<double>(qint64(1) << 50);
constexpr double kMaxNs = 1e12;

// The schema: every parameter once, with its JSON key and range. `visit` is called as
// visit(key, member, min, max, required); integer members are read as whole numbers.
template <class Spec, class Visit> void instanceFields(Spec& s, Visit&& visit) {
    visit("chips", s.chips, 1, 1024, true); // Inferentia chips, or GPUs
    visit("vcpus", s.vcpus, 0, 4096, true);
    visit("host_memory_gib", s.hostMemoryGiB, 0, 1e6, true);
}

template <class Device, class Visit> void neuronFields(Device& n, Visit&& visit) {
    visit("cores_per_chip", n.coresPerChip, 1, 64, true);
    visit("tensor_flops", n.tensorFlops, 0, kHuge, true);
    visit("vector_flops", n.vectorFlops, 0, kHuge, true);
    visit("scalar_flops", n.scalarFlops, 0, kHuge, true);
    visit("tensor_efficiency", n.tensorEfficiency, 0, 1, true);
    visit("vector_efficiency", n.vectorEfficiency, 0, 1, true);
    // Per operator class; profiles written before them fall back to tensor_efficiency.
    visit("attention_efficiency", n.attentionEfficiency, 0, 1, false);
    visit("conv_efficiency", n.convEfficiency, 0, 1, false);
    visit("sram_bytes", n.sramBytes, 0, kMaxBytes, true);
    visit("dram_bytes_per_chip", n.dramBytesPerChip, 0, kMaxBytes, true);
    visit("dram_bandwidth", n.dramBandwidth, 0, kHuge, true);
    visit("dram_efficiency", n.dramEfficiency, 0, 1, false); // profiles before it existed
    // What one core's stream reaches alone; profiles before it had no cap (0).
    visit("dma_bandwidth_per_core", n.dmaBandwidthPerCore, 0, kHuge, false);
    visit("neuronlink_bandwidth", n.neuronLinkBandwidth, 0, kHuge, true);
    visit("on_chip_bandwidth", n.onChipBandwidth, 0, kHuge, true);
    visit("stage_overhead_ns", n.stageOverheadNs, 0, kMaxNs, true);
    visit("extra_in_flight", n.extraInFlight, 0, 1024, true);
}

template <class Device, class Visit> void gpuFields(Device& g, Visit&& visit) {
    visit("tensor_flops", g.tensorFlops, 0, kHuge, true);
    visit("fp32_flops", g.fp32Flops, 0, kHuge, true);
    visit("mem_bandwidth", g.memBandwidth, 0, kHuge, true);
    visit("mem_bytes", g.memBytes, 0, kMaxBytes, true);
    visit("tensor_efficiency", g.tensorEfficiency, 0, 1, true);
    visit("mem_efficiency", g.memEfficiency, 0, 1, true);
    visit("launch_overhead_ns", g.launchOverheadNs, 0, kMaxNs, true);
}

template <class Host, class Visit> void hostFields(Host& h, Visit&& visit) {
    visit("request_overhead_ns", h.requestOverheadNs, 0, kMaxNs, true);
    visit("per_sample_overhead_ns", h.perSampleOverheadNs, 0, kMaxNs, true);
    visit("device_latency_ns", h.deviceLatencyNs, 0, kMaxNs, true);
    visit("pcie_bandwidth", h.pcieBandwidth, 0, kHuge, true);
    visit("jitter", h.jitter, 0, 10, true);
    visit("host_jitter", h.hostJitter, 0, 10, true);
}

// Reads one object's fields; sources go under `prefix` ("neuron.") when one is given.
class Reader {
public:
    Reader(const QJsonObject& object, const QString& path, const QString& prefix, Diagnostics* d,
           InstanceSpec* spec)
        : m_fields(object, path, d)
        , m_prefix(prefix)
        , m_spec(spec) {}

    template <class T> void operator()(const char* key, T& member, double min, double max, bool required) {
        if (!m_ok)
            return;
        double value = static_cast<double>(member);
        QString source;
        m_ok = m_fields.param(QLatin1String(key), min, max, &value, &source, required, std::is_integral_v<T>);
        if (!m_ok)
            return;
        member = static_cast<T>(value);
        if (!source.isEmpty() && !m_prefix.isEmpty())
            m_spec->sources[m_prefix + QLatin1String(key)] = source;
    }
    bool ok() const { return m_ok; }
    void warnUnknown() const { m_fields.warnUnknown(); }

private:
    FieldReader m_fields;
    QString m_prefix;
    InstanceSpec* m_spec;
    bool m_ok = true;
};

// Writes bare numbers; 64-bit integers as qint64 so that QJsonValue keeps them exact.
struct Writer {
    QJsonObject* object;
    template <class T> void operator()(const char* key, const T& member, double, double, bool) {
        if constexpr (std::is_integral_v<T>)
            (*object)[QLatin1String(key)] = static_cast<qint64>(member);
        else
            (*object)[QLatin1String(key)] = member;
    }
};

} // namespace

bool readInstanceParameters(const InstanceJsonParts& parts, Diagnostics* d, InstanceSpec* out) {
    Reader instance(parts.instance, parts.instancePath, QString(), d, out);
    instanceFields(*out, instance);
    if (!instance.ok())
        return false;
    Reader device(parts.device, parts.devicePath,
                  out->isGpu() ? QStringLiteral("gpu.") : QStringLiteral("neuron."), d, out);
    Reader other(parts.otherDevice, parts.otherDevicePath, QString(), d, out);
    if (out->isGpu()) {
        gpuFields(out->gpu, device);
        if (!parts.otherDevice.isEmpty() && device.ok())
            neuronFields(out->neuron, other);
    } else {
        neuronFields(out->neuron, device);
        if (!parts.otherDevice.isEmpty() && device.ok())
            gpuFields(out->gpu, other);
    }
    if (!device.ok() || !other.ok())
        return false;
    Reader host(parts.host, parts.hostPath, QStringLiteral("host."), d, out);
    hostFields(out->host, host);
    if (!host.ok())
        return false;
    device.warnUnknown();
    if (!parts.otherDevice.isEmpty())
        other.warnUnknown();
    host.warnUnknown();
    return true;
}

void markInstanceParametersKnown(FieldReader* instance) {
    InstanceSpec spec;
    instanceFields(spec, [instance](const char* key, auto&, double, double, bool) {
        instance->markKnown(QLatin1String(key));
    });
}

void writeInstanceParameters(const InstanceSpec& spec, QJsonObject* instance, QJsonObject* neuron,
                             QJsonObject* gpu, QJsonObject* host) {
    instanceFields(spec, Writer{instance});
    neuronFields(spec.neuron, Writer{neuron});
    gpuFields(spec.gpu, Writer{gpu});
    hostFields(spec.host, Writer{host});
}

} // namespace pipescope::hardware
