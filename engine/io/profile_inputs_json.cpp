#include "io/profile_inputs_json.h"

#include "hardware/instance_json.h"

namespace pipescope::io {

namespace {

constexpr double kHuge = 1e18; // FLOP/s, bytes/s, FLOPs: far above any real device
constexpr qint64 kMaxBytes = qint64(1) << 50;
constexpr qint64 kMaxGroups = 1024;                // NEURONCORE_GROUP_SIZES entries
constexpr qint64 kMaxGroupSize = 1024;             // cores in one group, pipeline cores
constexpr qint64 kMaxSeedNumber = qint64(1) << 53; // larger seeds are stored as strings

bool parseEngine(const QString& text, model::EngineKind* out) {
    for (auto kind : {model::EngineKind::Tensor, model::EngineKind::Vector, model::EngineKind::Scalar})
        if (text == model::engineKindName(kind)) {
            *out = kind;
            return true;
        }
    return false;
}

QJsonObject opToJson(const model::Operator& op) {
    return QJsonObject{{QStringLiteral("name"), op.name},
                       {QStringLiteral("type"), op.type},
                       {QStringLiteral("engine"), model::engineKindName(op.engine)},
                       {QStringLiteral("flops"), op.flops},
                       {QStringLiteral("parameters"), json64(op.parameters)},
                       {QStringLiteral("weight_bytes"), json64(op.weightBytes)},
                       {QStringLiteral("weight_read_bytes"), json64(op.weightReadBytes)},
                       {QStringLiteral("activation_in_bytes"), json64(op.activationInBytes)},
                       {QStringLiteral("activation_out_bytes"), json64(op.activationOutBytes)}};
}

bool opFromJson(const QJsonValue& value, const QString& path, Diagnostics* d, model::Operator* op) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    QString engine;
    const bool ok =
        r.string(QStringLiteral("name"), &op->name) && r.string(QStringLiteral("type"), &op->type) &&
        r.string(QStringLiteral("engine"), &engine) &&
        r.number(QStringLiteral("flops"), 0, kHuge, &op->flops) &&
        r.integerAs(QStringLiteral("parameters"), 0, kMaxBytes, &op->parameters) &&
        r.integerAs(QStringLiteral("weight_bytes"), 0, kMaxBytes, &op->weightBytes) &&
        r.integerAs(QStringLiteral("weight_read_bytes"), 0, kMaxBytes, &op->weightReadBytes) &&
        r.integerAs(QStringLiteral("activation_in_bytes"), 0, kMaxBytes, &op->activationInBytes) &&
        r.integerAs(QStringLiteral("activation_out_bytes"), 0, kMaxBytes, &op->activationOutBytes);
    if (!ok)
        return false;
    if (!parseEngine(engine, &op->engine)) {
        d->fail(r.pathOf(QStringLiteral("engine")), QStringLiteral("must be tensor, vector or scalar"));
        return false;
    }
    r.warnUnknown();
    return true;
}

// A string -> number map such as prices per price set.
bool numberMapFromJson(const QJsonObject& json, const QString& path, double max, Diagnostics* d,
                       std::map<QString, double>* out) {
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const double v = it->toDouble(-1);
        if (!it->isDouble() || !(v >= 0 && v <= max)) {
            d->fail(joinPath(path, it.key()), QStringLiteral("must be a number from 0 to %1").arg(max));
            return false;
        }
        (*out)[it.key()] = v;
    }
    return true;
}

} // namespace

QJsonObject modelToJson(const model::ModelGraph& model) {
    QJsonArray ops;
    for (const auto& op : model.ops)
        ops.append(opToJson(op));
    return QJsonObject{{QStringLiteral("name"), model.name},
                       {QStringLiteral("family"), model.family},
                       {QStringLiteral("source"), model.source},
                       {QStringLiteral("sequence_length"), model.sequenceLength},
                       {QStringLiteral("dtype_bytes"), model.dtypeBytes},
                       {QStringLiteral("ops"), ops},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(model.warnings)}};
}

bool modelFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, Diagnostics* d,
                   model::ModelGraph* out) {
    FieldReader r(json, path, d);
    QJsonArray ops;
    if (!(r.string(QStringLiteral("name"), &out->name) && r.string(QStringLiteral("family"), &out->family) &&
          r.string(QStringLiteral("source"), &out->source) &&
          r.integerAs(QStringLiteral("sequence_length"), 1, 65536, &out->sequenceLength) &&
          r.integerAs(QStringLiteral("dtype_bytes"), 1, 8, &out->dtypeBytes) &&
          r.array(QStringLiteral("ops"), limits.maxOps, &ops)))
        return false;
    if (ops.isEmpty()) {
        d->fail(r.pathOf(QStringLiteral("ops")), QStringLiteral("must hold at least one operator"));
        return false;
    }
    QJsonArray warnings;
    if (!r.array(QStringLiteral("warnings"), 10000, &warnings, false))
        return false;
    for (qsizetype i = 0; i < warnings.size(); ++i) {
        if (!warnings[i].isString()) {
            d->fail(indexPath(r.pathOf(QStringLiteral("warnings")), i), QStringLiteral("must be a string"));
            return false;
        }
        out->warnings << warnings[i].toString();
    }
    out->ops.resize(static_cast<std::size_t>(ops.size()));
    for (qsizetype i = 0; i < ops.size(); ++i)
        if (!opFromJson(ops[i], indexPath(r.pathOf(QStringLiteral("ops")), i), d, &out->ops[i]))
            return false;
    r.warnUnknown();
    return true;
}

QJsonObject instanceToJson(const hardware::InstanceSpec& in) {
    QJsonObject prices;
    for (const auto& [set, usd] : in.pricePerHour)
        prices[set] = usd;
    QJsonObject sources;
    for (const auto& [key, source] : in.sources)
        sources[key] = source;
    QJsonObject json{
        {QStringLiteral("name"), in.name},
        {QStringLiteral("kind"), in.isGpu() ? QStringLiteral("gpu") : QStringLiteral("inferentia")},
        {QStringLiteral("device"), in.device},
        {QStringLiteral("price_per_hour"), prices},
        {QStringLiteral("sources"), sources}};
    // Both device objects, as format 1 always had them; a reader takes the one of its kind.
    QJsonObject neuron, gpu, host;
    hardware::writeInstanceParameters(in, &json, &neuron, &gpu, &host);
    json[QStringLiteral("neuron")] = neuron;
    json[QStringLiteral("gpu")] = gpu;
    json[QStringLiteral("host")] = host;
    if (!in.deviceProfile.isEmpty())
        json[QStringLiteral("device_profile")] = in.deviceProfile;
    return json;
}

bool instanceFromJson(const QJsonObject& json, const QString& path, Diagnostics* d,
                      hardware::InstanceSpec* out) {
    FieldReader r(json, path, d);
    QString kind;
    QJsonObject prices, neuron, gpu, host, sources;
    if (!(r.string(QStringLiteral("name"), &out->name) && r.string(QStringLiteral("kind"), &kind) &&
          r.string(QStringLiteral("device"), &out->device) &&
          r.object(QStringLiteral("price_per_hour"), &prices) &&
          r.object(QStringLiteral("neuron"), &neuron) && r.object(QStringLiteral("gpu"), &gpu) &&
          r.object(QStringLiteral("host"), &host) && r.object(QStringLiteral("sources"), &sources, false) &&
          r.string(QStringLiteral("device_profile"), &out->deviceProfile, false, 200)))
        return false;
    if (kind != QLatin1String("gpu") && kind != QLatin1String("inferentia")) {
        d->fail(r.pathOf(QStringLiteral("kind")), QStringLiteral("must be \"inferentia\" or \"gpu\""));
        return false;
    }
    out->kind =
        kind == QLatin1String("gpu") ? hardware::InstanceKind::Gpu : hardware::InstanceKind::Inferentia;
    if (!numberMapFromJson(prices, r.pathOf(QStringLiteral("price_per_hour")), 1e6, d, &out->pricePerHour))
        return false;
    for (auto it = sources.constBegin(); it != sources.constEnd(); ++it) {
        if (!it->isString()) {
            d->fail(joinPath(r.pathOf(QStringLiteral("sources")), it.key()),
                    QStringLiteral("must be a string"));
            return false;
        }
        out->sources[it.key()] = it->toString();
    }
    // The parameters follow the catalog's schema exactly (hardware/instance_json.h).
    const QString device = out->isGpu() ? QStringLiteral("gpu") : QStringLiteral("neuron");
    const QString other = out->isGpu() ? QStringLiteral("neuron") : QStringLiteral("gpu");
    const hardware::InstanceJsonParts parts{json,
                                            path,
                                            out->isGpu() ? gpu : neuron,
                                            r.pathOf(device),
                                            host,
                                            r.pathOf(QStringLiteral("host")),
                                            out->isGpu() ? neuron : gpu,
                                            r.pathOf(other)};
    if (!hardware::readInstanceParameters(parts, d, out))
        return false;
    // Older profiles ran every tensor operator at tensor_efficiency.
    if (!out->isGpu() && !neuron.contains(QStringLiteral("attention_efficiency")))
        out->neuron.attentionEfficiency = out->neuron.tensorEfficiency;
    if (!out->isGpu() && !neuron.contains(QStringLiteral("conv_efficiency")))
        out->neuron.convEfficiency = out->neuron.tensorEfficiency;
    hardware::markInstanceParametersKnown(&r);
    r.warnUnknown();
    return true;
}

QJsonObject configToJson(const compile::DeploymentConfig& config) {
    QJsonArray groups;
    for (int size : config.groupSizes)
        groups.append(size);
    return QJsonObject{{QStringLiteral("group_sizes"), groups},
                       {QStringLiteral("pipeline_cores"), config.pipelineCores},
                       {QStringLiteral("batch"), config.batch},
                       {QStringLiteral("sequence_length"), config.sequenceLength},
                       {QStringLiteral("data_type"), compile::dataTypeName(config.dataType)},
                       {QStringLiteral("workers"), config.workers}};
}

bool configFromJson(const QJsonObject& json, const QString& path, Diagnostics* d,
                    compile::DeploymentConfig* out) {
    FieldReader r(json, path, d);
    QJsonArray groups;
    QString dataType;
    // The engine's own limits (compile/group_sizes.cpp, plan.cpp): whatever it simulates, a
    // profile keeps.
    if (!(r.array(QStringLiteral("group_sizes"), kMaxGroups, &groups) &&
          r.integerAs(QStringLiteral("pipeline_cores"), 1, kMaxGroupSize, &out->pipelineCores) &&
          r.integerAs(QStringLiteral("batch"), 1, 4096, &out->batch) &&
          r.integerAs(QStringLiteral("sequence_length"), 1, 65536, &out->sequenceLength) &&
          r.string(QStringLiteral("data_type"), &dataType) &&
          // Profiles before the serving model had no worker layout: 0 is the study's default.
          r.integerAs(QStringLiteral("workers"), 0, 4096, &out->workers, false)))
        return false;
    out->groupSizes.clear();
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const auto size = wholeNumber(groups[i], 1, kMaxGroupSize);
        if (!size) {
            d->fail(indexPath(r.pathOf(QStringLiteral("group_sizes")), i),
                    wholeNumberMessage(1, kMaxGroupSize));
            return false;
        }
        out->groupSizes.push_back(static_cast<int>(*size));
    }
    if (!compile::parseDataType(dataType, &out->dataType)) {
        d->fail(r.pathOf(QStringLiteral("data_type")), QStringLiteral("must be bf16, fp16, fp32 or int8"));
        return false;
    }
    r.warnUnknown();
    return true;
}

QJsonObject workloadToJson(const sim::Workload& w) {
    const bool closed = w.kind == sim::Workload::Kind::ClosedLoop;
    // JSON numbers are doubles to most readers: seeds beyond 2^53 go as decimal strings.
    const QJsonValue seed = w.seed <= static_cast<std::uint64_t>(kMaxSeedNumber)
                                ? QJsonValue(static_cast<qint64>(w.seed))
                                : QJsonValue(QString::number(w.seed));
    return QJsonObject{
        {QStringLiteral("kind"), closed ? QStringLiteral("closed_loop") : QStringLiteral("open_loop")},
        {QStringLiteral("clients"), w.clients},
        {QStringLiteral("rate_per_second"), w.ratePerSecond},
        {QStringLiteral("requests"), w.requests},
        {QStringLiteral("warmup"), w.warmup},
        {QStringLiteral("seed"), seed}};
}

bool workloadFromJson(const QJsonObject& json, const QString& path, Diagnostics* d, sim::Workload* out) {
    FieldReader r(json, path, d);
    QString kind;
    if (!(r.string(QStringLiteral("kind"), &kind) &&
          r.integerAs(QStringLiteral("clients"), 1, 100000, &out->clients) &&
          r.number(QStringLiteral("rate_per_second"), 0, 1e9, &out->ratePerSecond) &&
          r.integerAs(QStringLiteral("requests"), 1, 10'000'000, &out->requests) &&
          r.integerAs(QStringLiteral("warmup"), 0, 10'000'000, &out->warmup)))
        return false;
    if (kind != QLatin1String("closed_loop") && kind != QLatin1String("open_loop")) {
        d->fail(r.pathOf(QStringLiteral("kind")), QStringLiteral("must be \"closed_loop\" or \"open_loop\""));
        return false;
    }
    out->kind = kind == QLatin1String("closed_loop") ? sim::Workload::Kind::ClosedLoop
                                                     : sim::Workload::Kind::OpenLoop;
    const QJsonValue seed = json.value(QStringLiteral("seed"));
    bool seedOk = false;
    if (seed.isString())
        out->seed = seed.toString().toULongLong(&seedOk);
    else if (const auto n = wholeNumber(seed, 0, kMaxSeedNumber)) {
        out->seed = static_cast<std::uint64_t>(*n);
        seedOk = true;
    }
    r.markKnown(QStringLiteral("seed"));
    if (!seedOk) {
        d->fail(r.pathOf(QStringLiteral("seed")),
                QStringLiteral("must be a whole number from 0 to 2^53, or a decimal string up to 2^64-1"));
        return false;
    }
    r.warnUnknown();
    return true;
}

} // namespace pipescope::io
