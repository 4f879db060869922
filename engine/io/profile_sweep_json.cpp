#include "io/profile_sweep_json.h"

#include "compile/group_sizes.h"
#include "io/profile_inputs_json.h"
#include "io/profile_results_json.h"

#include <map>
#include <tuple>

namespace pipescope::io {
namespace {

constexpr double kHuge = 1e15;
constexpr qint64 kMaxCount = qint64(1) << 50;
constexpr qsizetype kMaxDeployments = 100000;
constexpr qsizetype kMaxPoints = 10000;
constexpr qsizetype kMaxList = 4096;

QJsonObject curveToJson(const sweep::LoadCurve& c) {
    QJsonArray points;
    for (const sweep::LoadPoint& p : c.points)
        points.append(QJsonObject{{QStringLiteral("offered_per_s"), p.offeredPerSecond},
                                  {QStringLiteral("arrival_per_s"), p.arrivalPerSecond},
                                  {QStringLiteral("throughput_per_s"), p.throughputPerSecond},
                                  {QStringLiteral("latency_ms"), latencyStatsToJson(p.latencyMs)},
                                  {QStringLiteral("overloaded"), p.overloaded}});
    return {{QStringLiteral("points"), points},
            {QStringLiteral("probe_per_s"), c.probePerSecond},
            {QStringLiteral("saturation_per_s"), c.saturationPerSecond},
            {QStringLiteral("knee_per_s"), c.kneePerSecond},
            {QStringLiteral("probe"), summaryToJson(c.probe)},
            {QStringLiteral("probe_host_busy"), c.probe.hostBusy},
            {QStringLiteral("closed_loop"),
             QJsonObject{{QStringLiteral("clients"), c.closedLoop.clients},
                         {QStringLiteral("throughput_per_s"), c.closedLoop.throughputPerSecond},
                         {QStringLiteral("latency_ms"), latencyStatsToJson(c.closedLoop.latencyMs)}}},
            {QStringLiteral("simulations"), c.simulations},
            {QStringLiteral("simulated_requests"), json64(c.simulatedRequests)},
            {QStringLiteral("processed_events"), json64(c.processedEvents)}};
}

bool pointFromJson(const QJsonValue& value, const QString& path, Diagnostics* d, sweep::LoadPoint* p) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    QJsonObject latency;
    if (!(r.number(QStringLiteral("offered_per_s"), 0, kHuge, &p->offeredPerSecond) &&
          r.number(QStringLiteral("arrival_per_s"), 0, kHuge, &p->arrivalPerSecond, false) &&
          r.number(QStringLiteral("throughput_per_s"), 0, kHuge, &p->throughputPerSecond) &&
          r.object(QStringLiteral("latency_ms"), &latency) &&
          latencyStatsFromJson(latency, r.pathOf(QStringLiteral("latency_ms")), d, &p->latencyMs) &&
          r.boolean(QStringLiteral("overloaded"), &p->overloaded)))
        return false;
    r.warnUnknown();
    return true;
}

// Optional: profiles saved before the closed-loop point was measured have none (clients 0).
bool closedLoopFromJson(const QJsonObject& json, const QString& path, Diagnostics* d,
                        sweep::ClosedLoopPoint* p) {
    FieldReader r(json, path, d);
    QJsonObject latency;
    if (!(r.integerAs(QStringLiteral("clients"), 0, 1 << 20, &p->clients) &&
          r.number(QStringLiteral("throughput_per_s"), 0, kHuge, &p->throughputPerSecond) &&
          r.object(QStringLiteral("latency_ms"), &latency) &&
          latencyStatsFromJson(latency, r.pathOf(QStringLiteral("latency_ms")), d, &p->latencyMs)))
        return false;
    r.warnUnknown();
    return true;
}

bool curveFromJson(const QJsonObject& json, const QString& path, Diagnostics* d, sweep::LoadCurve* c) {
    FieldReader r(json, path, d);
    QJsonArray points;
    QJsonObject probe, closedLoop;
    if (!(r.array(QStringLiteral("points"), kMaxPoints, &points) &&
          r.number(QStringLiteral("probe_per_s"), 0, kHuge, &c->probePerSecond) &&
          r.number(QStringLiteral("saturation_per_s"), 0, kHuge, &c->saturationPerSecond) &&
          r.number(QStringLiteral("knee_per_s"), 0, kHuge, &c->kneePerSecond) &&
          r.object(QStringLiteral("probe"), &probe) &&
          summaryFromJson(probe, r.pathOf(QStringLiteral("probe")), d, &c->probe) &&
          r.number(QStringLiteral("probe_host_busy"), 0, 1, &c->probe.hostBusy, false) &&
          r.integerAs(QStringLiteral("simulations"), 0, kMaxCount, &c->simulations) &&
          r.integerAs(QStringLiteral("simulated_requests"), 0, kMaxCount, &c->simulatedRequests) &&
          r.integerAs(QStringLiteral("processed_events"), 0, kMaxCount, &c->processedEvents, false) &&
          r.object(QStringLiteral("closed_loop"), &closedLoop, false)))
        return false;
    if (r.has(QStringLiteral("closed_loop")) &&
        !closedLoopFromJson(closedLoop, r.pathOf(QStringLiteral("closed_loop")), d, &c->closedLoop))
        return false;
    c->points.resize(static_cast<std::size_t>(points.size()));
    for (qsizetype i = 0; i < points.size(); ++i)
        if (!pointFromJson(points[i], indexPath(r.pathOf(QStringLiteral("points")), i), d, &c->points[i]))
            return false;
    r.warnUnknown();
    return true;
}

// The space and targets: what the Explore form shows again when the profile opens.
QJsonObject spaceToJson(const SavedSweep& s) {
    QJsonArray instances, batches, groupings;
    for (const QString& name : s.space.instances)
        instances.append(name);
    for (int b : s.space.batches)
        batches.append(b);
    for (const auto& g : s.space.groupings)
        groupings.append(compile::formatGroupSizes(g));
    return {{QStringLiteral("model"), s.space.model},
            {QStringLiteral("instances"), instances},
            {QStringLiteral("batches"), batches},
            {QStringLiteral("groupings"), groupings},
            {QStringLiteral("sequence_length"), s.space.sequenceLength},
            {QStringLiteral("data_type"), compile::dataTypeName(s.space.dataType)},
            {QStringLiteral("price_set"), s.space.priceSet}};
}

bool stringList(const QJsonArray& array, const QString& path, Diagnostics* d, QStringList* out) {
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isString()) {
            d->fail(indexPath(path, i), QStringLiteral("must be a string"));
            return false;
        }
        *out << array[i].toString();
    }
    return true;
}

bool spaceFromJson(const QJsonObject& json, const QString& path, Diagnostics* d, sweep::SweepSpace* s) {
    FieldReader r(json, path, d);
    QJsonArray instances, batches, groupings;
    QString dataType;
    if (!(r.string(QStringLiteral("model"), &s->model) &&
          r.array(QStringLiteral("instances"), kMaxList, &instances) &&
          r.array(QStringLiteral("batches"), kMaxList, &batches) &&
          r.array(QStringLiteral("groupings"), kMaxList, &groupings) &&
          r.integerAs(QStringLiteral("sequence_length"), 0, 65536, &s->sequenceLength) &&
          r.string(QStringLiteral("data_type"), &dataType) &&
          r.string(QStringLiteral("price_set"), &s->priceSet)))
        return false;
    if (!compile::parseDataType(dataType, &s->dataType)) {
        d->fail(r.pathOf(QStringLiteral("data_type")),
                QStringLiteral("unknown data type '%1'").arg(dataType));
        return false;
    }
    QStringList groupingTexts;
    if (!stringList(instances, r.pathOf(QStringLiteral("instances")), d, &s->instances) ||
        !stringList(groupings, r.pathOf(QStringLiteral("groupings")), d, &groupingTexts))
        return false;
    for (qsizetype i = 0; i < batches.size(); ++i) {
        const auto batch = wholeNumber(batches[i], 1, 4096);
        if (!batch) {
            d->fail(indexPath(r.pathOf(QStringLiteral("batches")), i), wholeNumberMessage(1, 4096));
            return false;
        }
        s->batches.push_back(static_cast<int>(*batch));
    }
    for (qsizetype i = 0; i < groupingTexts.size(); ++i) {
        const auto groups = compile::parseGroupSizes(groupingTexts[i]);
        if (!groups) {
            d->fail(indexPath(r.pathOf(QStringLiteral("groupings")), i), groups.error().toString());
            return false;
        }
        s->groupings.push_back(groups.value());
    }
    r.warnUnknown();
    return true;
}

QJsonObject targetsToJson(const SavedSweep& s) {
    return {{QStringLiteral("max_p95_ms"), s.criteria.maxP95Ms},
            {QStringLiteral("load_per_s"), s.criteria.loadPerSecond},
            {QStringLiteral("price_set"), s.priceSet}};
}

bool targetsFromJson(const QJsonObject& json, const QString& path, Diagnostics* d, SavedSweep* s) {
    FieldReader r(json, path, d);
    if (!(r.number(QStringLiteral("max_p95_ms"), 0, 1e9, &s->criteria.maxP95Ms) &&
          r.number(QStringLiteral("load_per_s"), 0, 1e12, &s->criteria.loadPerSecond) &&
          r.string(QStringLiteral("price_set"), &s->priceSet, false)))
        return false;
    r.warnUnknown();
    return true;
}

// Deployments share a few models and instances: each is written once and referred to by index.
struct SharedParts {
    QJsonArray models, instances;
    std::map<std::tuple<QString, QString, int, int>, int> modelIndex;
    std::map<QString, int> instanceIndex;

    int model(const model::ModelGraph& m) {
        const auto key = std::make_tuple(m.name, m.source, m.dtypeBytes, m.sequenceLength);
        const auto [it, added] = modelIndex.emplace(key, static_cast<int>(models.size()));
        if (added)
            models.append(modelToJson(m));
        return it->second;
    }
    int instance(const hardware::InstanceSpec& spec) {
        const auto [it, added] = instanceIndex.emplace(spec.name, static_cast<int>(instances.size()));
        if (added)
            instances.append(instanceToJson(spec));
        return it->second;
    }
};

QJsonArray deploymentsToJson(const sweep::SweepResult& result, SharedParts* shared) {
    QJsonArray deployments;
    for (const sweep::SweepEntry& e : result.entries) {
        const sim::RunInputs& in = e.deployment.inputs;
        deployments.append(QJsonObject{{QStringLiteral("model"), shared->model(in.model)},
                                       {QStringLiteral("instance"), shared->instance(in.instance)},
                                       {QStringLiteral("price_set"), in.priceSet},
                                       {QStringLiteral("config"), configToJson(in.config)},
                                       {QStringLiteral("curve"), curveToJson(e.curve)}});
    }
    return deployments;
}

bool deploymentFromJson(const QJsonValue& value, const QString& path,
                        const std::vector<model::ModelGraph>& models,
                        const std::vector<hardware::InstanceSpec>& instances, Diagnostics* d,
                        sweep::SweepEntry* out) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    qint64 model = 0, instance = 0;
    QJsonObject config, curve;
    sim::RunInputs& in = out->deployment.inputs;
    if (!(r.integer(QStringLiteral("model"), 0, static_cast<qint64>(models.size()) - 1, &model) &&
          r.integer(QStringLiteral("instance"), 0, static_cast<qint64>(instances.size()) - 1, &instance) &&
          r.string(QStringLiteral("price_set"), &in.priceSet) &&
          r.object(QStringLiteral("config"), &config) &&
          configFromJson(config, r.pathOf(QStringLiteral("config")), d, &in.config) &&
          r.object(QStringLiteral("curve"), &curve) &&
          curveFromJson(curve, r.pathOf(QStringLiteral("curve")), d, &out->curve)))
        return false;
    in.model = models[static_cast<std::size_t>(model)];
    in.instance = instances[static_cast<std::size_t>(instance)];
    r.warnUnknown();
    return true;
}

bool sharedPartsFromJson(FieldReader& r, const ReadLimits& limits, Diagnostics* d,
                         std::vector<model::ModelGraph>* models,
                         std::vector<hardware::InstanceSpec>* instances) {
    QJsonArray modelArray, instanceArray;
    if (!(r.array(QStringLiteral("models"), kMaxList, &modelArray) &&
          r.array(QStringLiteral("instance_specs"), kMaxList, &instanceArray)))
        return false;
    for (qsizetype i = 0; i < modelArray.size(); ++i) {
        const QString at = indexPath(r.pathOf(QStringLiteral("models")), i);
        model::ModelGraph m;
        if (!modelArray[i].isObject()) {
            d->fail(at, QStringLiteral("must be an object"));
            return false;
        }
        if (!modelFromJson(modelArray[i].toObject(), at, limits, d, &m))
            return false;
        models->push_back(std::move(m));
    }
    for (qsizetype i = 0; i < instanceArray.size(); ++i) {
        const QString at = indexPath(r.pathOf(QStringLiteral("instance_specs")), i);
        hardware::InstanceSpec spec;
        if (!instanceArray[i].isObject()) {
            d->fail(at, QStringLiteral("must be an object"));
            return false;
        }
        if (!instanceFromJson(instanceArray[i].toObject(), at, d, &spec))
            return false;
        instances->push_back(std::move(spec));
    }
    return true;
}

} // namespace

QJsonObject sweepToJson(const SavedSweep& sweep) {
    static const sweep::SweepResult kEmpty;
    const sweep::SweepResult& result = sweep.result ? *sweep.result : kEmpty;
    SharedParts shared;
    const QJsonArray deployments = deploymentsToJson(result, &shared);
    return {{QStringLiteral("space"), spaceToJson(sweep)},
            {QStringLiteral("targets"), targetsToJson(sweep)},
            {QStringLiteral("rejected"), result.skipped},
            {QStringLiteral("first_rejected"), result.firstSkipped},
            {QStringLiteral("simulations"), result.simulations},
            {QStringLiteral("simulated_requests"), json64(result.simulatedRequests)},
            {QStringLiteral("processed_events"), json64(result.processedEvents)},
            {QStringLiteral("requests_per_point"), result.requestsPerPoint},
            {QStringLiteral("wall_seconds"), result.wallSeconds},
            {QStringLiteral("models"), shared.models},
            {QStringLiteral("instance_specs"), shared.instances},
            {QStringLiteral("deployments"), deployments}};
}

bool sweepFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, Diagnostics* d,
                   SavedSweep* out) {
    FieldReader r(json, path, d);
    QJsonObject space, targets;
    QJsonArray deployments;
    auto result = std::make_shared<sweep::SweepResult>();
    if (!(r.object(QStringLiteral("space"), &space) &&
          spaceFromJson(space, r.pathOf(QStringLiteral("space")), d, &out->space) &&
          r.object(QStringLiteral("targets"), &targets) &&
          targetsFromJson(targets, r.pathOf(QStringLiteral("targets")), d, out) &&
          r.integerAs(QStringLiteral("rejected"), 0, kMaxCount, &result->skipped) &&
          r.string(QStringLiteral("first_rejected"), &result->firstSkipped, false) &&
          r.integerAs(QStringLiteral("simulations"), 0, kMaxCount, &result->simulations) &&
          r.integerAs(QStringLiteral("simulated_requests"), 0, kMaxCount, &result->simulatedRequests) &&
          r.integerAs(QStringLiteral("processed_events"), 0, kMaxCount, &result->processedEvents, false) &&
          r.integerAs(QStringLiteral("requests_per_point"), 0, kMaxCount, &result->requestsPerPoint, false) &&
          r.number(QStringLiteral("wall_seconds"), 0, 1e9, &result->wallSeconds) &&
          r.array(QStringLiteral("deployments"), kMaxDeployments, &deployments)))
        return false;
    std::vector<model::ModelGraph> models;
    std::vector<hardware::InstanceSpec> instances;
    if (!sharedPartsFromJson(r, limits, d, &models, &instances))
        return false;
    result->entries.resize(static_cast<std::size_t>(deployments.size()));
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        sweep::SweepEntry& entry = result->entries[static_cast<std::size_t>(i)];
        if (!deploymentFromJson(deployments[i], indexPath(r.pathOf(QStringLiteral("deployments")), i), models,
                                instances, d, &entry))
            return false;
        entry.deployment.index = static_cast<int>(i);
    }
    out->result = std::move(result);
    r.warnUnknown();
    return true;
}

} // namespace pipescope::io
