#include "hardware/catalog.h"

#include "core/json_reader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStandardPaths>

#include <cmath>
#include <map>

namespace pipescope::hardware {
namespace {

struct DeviceEntry {
    InstanceKind kind = InstanceKind::Inferentia;
    NeuronDevice neuron;
    GpuDevice gpu;
    HostParams host;
    std::map<QString, QString> sources;
    CalibrationUncertainty uncertainty;
};

// The optional "calibration" block a fit writes next to its parameters:
// {"parameters": [keys], "log_covariance": [[...], ...], "residual_sigma": {"throughput", "p95"}, "rows"}.
bool readUncertainty(JsonReader& r, const QJsonObject& device, const QString& path, DeviceEntry& d) {
    const QJsonValue block = device.value(QStringLiteral("calibration"));
    if (block.isUndefined())
        return true;
    const QString here = JsonReader::join(path, QStringLiteral("calibration"));
    QJsonObject o, sigma;
    QJsonArray keys, rows;
    double count = 0;
    if (!r.object(block, here, &o) || !r.array(o, here, QStringLiteral("parameters"), &keys) ||
        !r.array(o, here, QStringLiteral("log_covariance"), &rows) ||
        !r.childObject(o, here, QStringLiteral("residual_sigma"), &sigma) ||
        !r.number(sigma, here + QStringLiteral(".residual_sigma"), QStringLiteral("throughput"), 0, 10,
                  &d.uncertainty.throughputSigma) ||
        !r.number(sigma, here + QStringLiteral(".residual_sigma"), QStringLiteral("p95"), 0, 10,
                  &d.uncertainty.p95Sigma) ||
        !r.number(o, here, QStringLiteral("rows"), 0, 1e6, &count))
        return false;
    d.uncertainty.rows = static_cast<int>(count);
    const auto n = keys.size();
    if (n > 64 || rows.size() != n)
        return r.fail(here + QStringLiteral(".log_covariance"),
                      QStringLiteral("must be a square matrix with one row per parameter"));
    for (const QJsonValue& key : keys) {
        if (!key.isString())
            return r.fail(here + QStringLiteral(".parameters"), QStringLiteral("must be a list of names"));
        d.uncertainty.keys.push_back(key.toString());
    }
    for (qsizetype i = 0; i < n; ++i) {
        const QJsonArray row = rows[i].toArray();
        if (row.size() != n)
            return r.fail(here + QStringLiteral(".log_covariance[%1]").arg(i),
                          QStringLiteral("must have %1 numbers").arg(n));
        for (const QJsonValue& v : row) {
            if (!v.isDouble() || !std::isfinite(v.toDouble()))
                return r.fail(here + QStringLiteral(".log_covariance[%1]").arg(i),
                              QStringLiteral("must hold finite numbers"));
            d.uncertainty.logCovariance.push_back(v.toDouble());
        }
    }
    return true;
}

bool readHost(JsonReader& r, const QJsonObject& obj, const QString& path, DeviceEntry& d) {
    JsonReader::ParamSink sink{&d.sources, QStringLiteral("host.")};
    return r.param(obj, path, QStringLiteral("request_overhead_ns"), 0, 1e10, &d.host.requestOverheadNs,
                   sink) &&
           r.param(obj, path, QStringLiteral("per_sample_overhead_ns"), 0, 1e10, &d.host.perSampleOverheadNs,
                   sink) &&
           r.param(obj, path, QStringLiteral("device_latency_ns"), 0, 1e10, &d.host.deviceLatencyNs, sink) &&
           r.param(obj, path, QStringLiteral("pcie_bandwidth"), 1e6, 1e13, &d.host.pcieBandwidth, sink) &&
           r.param(obj, path, QStringLiteral("jitter"), 0, 1, &d.host.jitter, sink) &&
           r.param(obj, path, QStringLiteral("host_jitter"), 0, 1, &d.host.hostJitter, sink);
}

bool readNeuron(JsonReader& r, const QJsonObject& obj, const QString& path, DeviceEntry& d) {
    NeuronDevice& n = d.neuron;
    JsonReader::ParamSink sink{&d.sources, QStringLiteral("neuron.")};
    double cores = 4, sram = 0, dram = 0, extra = 3;
    const bool ok =
        r.param(obj, path, QStringLiteral("cores_per_chip"), 1, 64, &cores, sink) &&
        r.param(obj, path, QStringLiteral("tensor_flops"), 1e9, 1e16, &n.tensorFlops, sink) &&
        r.param(obj, path, QStringLiteral("vector_flops"), 1e6, 1e16, &n.vectorFlops, sink) &&
        r.param(obj, path, QStringLiteral("scalar_flops"), 1e6, 1e16, &n.scalarFlops, sink) &&
        r.param(obj, path, QStringLiteral("tensor_efficiency"), 1e-3, 1, &n.tensorEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("vector_efficiency"), 1e-3, 1, &n.vectorEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("attention_efficiency"), 1e-3, 1, &n.attentionEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("conv_efficiency"), 1e-3, 1, &n.convEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("sram_bytes"), 0, 1e12, &sram, sink) &&
        r.param(obj, path, QStringLiteral("dram_bytes_per_chip"), 1e6, 1e15, &dram, sink) &&
        r.param(obj, path, QStringLiteral("dram_bandwidth"), 1e6, 1e15, &n.dramBandwidth, sink) &&
        r.param(obj, path, QStringLiteral("dram_efficiency"), 1e-3, 1, &n.dramEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("neuronlink_bandwidth"), 1e6, 1e15, &n.neuronLinkBandwidth, sink) &&
        r.param(obj, path, QStringLiteral("on_chip_bandwidth"), 1e6, 1e15, &n.onChipBandwidth, sink) &&
        r.param(obj, path, QStringLiteral("stage_overhead_ns"), 0, 1e10, &n.stageOverheadNs, sink) &&
        r.param(obj, path, QStringLiteral("extra_in_flight"), 0, 1024, &extra, sink);
    n.coresPerChip = static_cast<int>(cores);
    n.sramBytes = static_cast<std::int64_t>(sram);
    n.dramBytesPerChip = static_cast<std::int64_t>(dram);
    n.extraInFlight = static_cast<int>(extra);
    return ok;
}

bool readGpu(JsonReader& r, const QJsonObject& obj, const QString& path, DeviceEntry& d) {
    GpuDevice& g = d.gpu;
    JsonReader::ParamSink sink{&d.sources, QStringLiteral("gpu.")};
    double mem = 0;
    const bool ok =
        r.param(obj, path, QStringLiteral("tensor_flops"), 1e9, 1e16, &g.tensorFlops, sink) &&
        r.param(obj, path, QStringLiteral("fp32_flops"), 1e9, 1e16, &g.fp32Flops, sink) &&
        r.param(obj, path, QStringLiteral("mem_bandwidth"), 1e6, 1e15, &g.memBandwidth, sink) &&
        r.param(obj, path, QStringLiteral("mem_bytes"), 1e6, 1e15, &mem, sink) &&
        r.param(obj, path, QStringLiteral("tensor_efficiency"), 1e-3, 1, &g.tensorEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("mem_efficiency"), 1e-3, 1, &g.memEfficiency, sink) &&
        r.param(obj, path, QStringLiteral("launch_overhead_ns"), 0, 1e9, &g.launchOverheadNs, sink);
    g.memBytes = static_cast<std::int64_t>(mem);
    return ok;
}

} // namespace

Result<Catalog> Catalog::fromJson(const QByteArray& json, const QString& origin) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON at byte %1: %2")
                             .arg(parseError.offset)
                             .arg(parseError.errorString()),
                         origin);
    if (!doc.isObject())
        return makeError(QStringLiteral("the top level must be an object"), origin);
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("pipescope-catalog"))
        return makeError(
            QStringLiteral("not a Pipescope instance catalog (\"format\" is not \"pipescope-catalog\")"),
            origin);

    JsonReader r(origin);
    Catalog catalog;
    catalog.m_origin = origin;
    catalog.m_document = root;

    QJsonArray sets;
    if (!r.array(root, QString(), QStringLiteral("price_sets"), &sets))
        return r.error();
    for (int i = 0; i < sets.size(); ++i) {
        const QString path = QStringLiteral("price_sets[%1]").arg(i);
        QJsonObject o;
        PriceSet set;
        if (!r.object(sets[i], path, &o) || !r.string(o, path, QStringLiteral("id"), &set.id))
            return r.error();
        set.label = o.value(QStringLiteral("label")).toString(set.id);
        set.date = o.value(QStringLiteral("date")).toString();
        set.source = o.value(QStringLiteral("source")).toString();
        catalog.m_priceSets.push_back(set);
    }

    QJsonObject devicesObj;
    if (!r.childObject(root, QString(), QStringLiteral("devices"), &devicesObj))
        return r.error();
    std::map<QString, DeviceEntry> devices;
    for (auto it = devicesObj.begin(); it != devicesObj.end(); ++it) {
        const QString path = QStringLiteral("devices.") + it.key();
        QJsonObject o, host;
        if (!r.object(it.value(), path, &o))
            return r.error();
        DeviceEntry d;
        const QString kind = o.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("neuron")) {
            d.kind = InstanceKind::Inferentia;
            if (!readNeuron(r, o, path, d))
                return r.error();
        } else if (kind == QLatin1String("gpu")) {
            d.kind = InstanceKind::Gpu;
            if (!readGpu(r, o, path, d))
                return r.error();
        } else {
            return makeError(QStringLiteral("\"kind\" must be \"neuron\" or \"gpu\""),
                             origin + QLatin1Char(':') + path);
        }
        if (!r.childObject(o, path, QStringLiteral("host"), &host) ||
            !readHost(r, host, path + QStringLiteral(".host"), d) || !readUncertainty(r, o, path, d))
            return r.error();
        devices[it.key()] = d;
    }

    QJsonArray instances;
    if (!r.array(root, QString(), QStringLiteral("instances"), &instances))
        return r.error();
    for (int i = 0; i < instances.size(); ++i) {
        const QString path = QStringLiteral("instances[%1]").arg(i);
        QJsonObject o, prices;
        InstanceSpec spec;
        double chips = 0, vcpus = 0;
        if (!r.object(instances[i], path, &o) || !r.string(o, path, QStringLiteral("name"), &spec.name) ||
            !r.string(o, path, QStringLiteral("device"), &spec.device) ||
            !r.number(o, path, QStringLiteral("chips"), 1, 1024, &chips) ||
            !r.number(o, path, QStringLiteral("vcpus"), 1, 4096, &vcpus) ||
            !r.number(o, path, QStringLiteral("host_memory_gib"), 0, 1e6, &spec.hostMemoryGiB) ||
            !r.childObject(o, path, QStringLiteral("prices"), &prices))
            return r.error();
        const auto dev = devices.find(spec.device);
        if (dev == devices.end())
            return makeError(QStringLiteral("device \"%1\" is not in \"devices\"").arg(spec.device),
                             origin + QLatin1Char(':') + path + QStringLiteral(".device"));
        spec.chips = static_cast<int>(chips);
        spec.vcpus = static_cast<int>(vcpus);
        spec.kind = dev->second.kind;
        spec.neuron = dev->second.neuron;
        spec.gpu = dev->second.gpu;
        spec.host = dev->second.host;
        spec.sources = dev->second.sources;
        spec.uncertainty = dev->second.uncertainty;
        for (auto p = prices.begin(); p != prices.end(); ++p) {
            double price = 0;
            if (!r.number(prices, path + QStringLiteral(".prices"), p.key(), 0, 1e6, &price))
                return r.error();
            spec.pricePerHour[p.key()] = price;
        }
        catalog.m_instances.push_back(spec);
    }
    return catalog;
}

QString Catalog::userCatalogPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/catalog.json");
}

Result<Catalog> Catalog::load() {
    QString path = QString::fromLocal8Bit(qgetenv("PIPESCOPE_CATALOG"));
    if (path.isEmpty() && QFile::exists(userCatalogPath()))
        path = userCatalogPath();
    if (path.isEmpty())
        return builtIn();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the catalog: %1").arg(file.errorString()),
                         file.fileName());
    // A catalog is a few kilobytes; refuse anything that could not be one before reading it all.
    if (file.size() > 16 * 1024 * 1024)
        return makeError(QStringLiteral("is larger than 16 MiB; not an instance catalog"), file.fileName());
    return fromJson(file.readAll(), file.fileName());
}

const Catalog& Catalog::builtIn() {
    static const Catalog catalog = [] {
        QFile file(QStringLiteral(":/pipescope/catalog.json"));
        file.open(QIODevice::ReadOnly);
        Result<Catalog> parsed = fromJson(file.readAll(), QStringLiteral("built-in catalog"));
        // The built-in catalog is tested; an empty one here would be a packaging error.
        return parsed.ok() ? std::move(parsed).value() : Catalog();
    }();
    return catalog;
}

const InstanceSpec* Catalog::find(const QString& name) const {
    for (const InstanceSpec& spec : m_instances)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

QJsonObject Catalog::toJson() const {
    return m_document;
}

} // namespace pipescope::hardware
