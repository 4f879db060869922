#include "io/profile_results_json.h"

#include "io/packed_blob.h"

#include <cmath>

namespace pipescope::io {

namespace {

constexpr double kHuge = 1e18;
constexpr qint64 kMaxNs = qint64(1) << 62;
constexpr qint64 kMaxCount = qint64(1) << 50;

// A degenerate run (nothing completed) may carry an infinite cost; JSON has no infinity, and a
// summary with a null would not read back, so non-finite numbers are stored as 0.
double finite(double v) {
    return std::isfinite(v) ? v : 0.0;
}

// The parts of the latency breakdown, in the order of a request's life.
const std::pair<const char*, double metrics::LatencyBreakdown::*> kBreakdownParts[] = {
    {"host_queue", &metrics::LatencyBreakdown::hostQueue},
    {"host_serialised", &metrics::LatencyBreakdown::hostSerialised},
    {"admission_wait", &metrics::LatencyBreakdown::admissionWait},
    {"runtime", &metrics::LatencyBreakdown::runtime},
    {"stage_queue", &metrics::LatencyBreakdown::stageQueue},
    {"compute", &metrics::LatencyBreakdown::compute},
    {"weight_stream", &metrics::LatencyBreakdown::weightStream},
    {"transfer", &metrics::LatencyBreakdown::transfer},
};

QJsonValue intervalToJson(const metrics::Interval& i) {
    return i.known() ? QJsonValue(QJsonArray{finite(i.low), finite(i.high)}) : QJsonValue();
}

bool intervalFromJson(const QJsonObject& json, const QString& key, const QString& path, Diagnostics* d,
                      metrics::Interval* out) {
    const QJsonValue v = json.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const QJsonArray a = v.toArray();
    if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble() || !(a[0].toDouble() >= 0) ||
        !(a[1].toDouble() >= a[0].toDouble())) {
        d->fail(joinPath(path, key), QStringLiteral("must be [low, high] with 0 <= low <= high"));
        return false;
    }
    *out = {a[0].toDouble(), a[1].toDouble()};
    return true;
}

// What explains the run (saved since format 2; older profiles simply lack it).
QJsonObject explanationToJson(const metrics::RunSummary& s) {
    QJsonObject breakdown;
    for (const auto& [name, part] : kBreakdownParts)
        breakdown[QLatin1String(name)] = finite(s.breakdownMs.*part);
    return {{QStringLiteral("latency_breakdown_ms"), breakdown},
            {QStringLiteral("bottleneck"),
             QJsonObject{{QStringLiteral("resource"), s.bottleneck.resource},
                         {QStringLiteral("utilisation"), finite(s.bottleneck.utilisation)},
                         {QStringLiteral("reason"), s.bottleneck.reason}}},
            {QStringLiteral("intervals"),
             QJsonObject{{QStringLiteral("throughput_per_s"), intervalToJson(s.throughputInterval)},
                         {QStringLiteral("latency_p95_ms"), intervalToJson(s.latencyP95IntervalMs)},
                         {QStringLiteral("cost_per_million_usd"), intervalToJson(s.costIntervalUsd)},
                         {QStringLiteral("notes"), QJsonArray::fromStringList(s.intervalNotes)}}}};
}

bool explanationFromJson(const QJsonObject& json, const QString& path, Diagnostics* d,
                         metrics::RunSummary* out) {
    FieldReader r(json, path, d);
    QJsonObject breakdown, bottleneck, intervals;
    if (!(r.object(QStringLiteral("latency_breakdown_ms"), &breakdown, false) &&
          r.object(QStringLiteral("bottleneck"), &bottleneck, false) &&
          r.object(QStringLiteral("intervals"), &intervals, false)))
        return false;
    FieldReader rb(breakdown, r.pathOf(QStringLiteral("latency_breakdown_ms")), d);
    for (const auto& [name, part] : kBreakdownParts)
        if (!rb.number(QLatin1String(name), 0, kHuge, &(out->breakdownMs.*part), false))
            return false;
    FieldReader rn(bottleneck, r.pathOf(QStringLiteral("bottleneck")), d);
    if (!(rn.string(QStringLiteral("resource"), &out->bottleneck.resource, false, 32) &&
          rn.number(QStringLiteral("utilisation"), 0, 1e3, &out->bottleneck.utilisation, false) &&
          rn.string(QStringLiteral("reason"), &out->bottleneck.reason, false)))
        return false;
    const QString at = r.pathOf(QStringLiteral("intervals"));
    for (const QJsonValue& note : intervals.value(QStringLiteral("notes")).toArray())
        out->intervalNotes << note.toString();
    return intervalFromJson(intervals, QStringLiteral("throughput_per_s"), at, d, &out->throughputInterval) &&
           intervalFromJson(intervals, QStringLiteral("latency_p95_ms"), at, d, &out->latencyP95IntervalMs) &&
           intervalFromJson(intervals, QStringLiteral("cost_per_million_usd"), at, d, &out->costIntervalUsd);
}

} // namespace

QJsonObject latencyStatsToJson(const metrics::LatencyStats& l) {
    QJsonObject json{{QStringLiteral("mean"), finite(l.mean)}, {QStringLiteral("p50"), finite(l.p50)},
                     {QStringLiteral("p90"), finite(l.p90)},   {QStringLiteral("p95"), finite(l.p95)},
                     {QStringLiteral("p99"), finite(l.p99)},   {QStringLiteral("max"), finite(l.max)}};
    if (l.p95StandardErrorMs > 0)
        json[QStringLiteral("p95_standard_error")] = finite(l.p95StandardErrorMs);
    return json;
}

bool latencyStatsFromJson(const QJsonObject& json, const QString& path, Diagnostics* d,
                          metrics::LatencyStats* l) {
    FieldReader r(json, path, d);
    if (!(r.number(QStringLiteral("mean"), 0, kHuge, &l->mean) &&
          r.number(QStringLiteral("p50"), 0, kHuge, &l->p50) &&
          r.number(QStringLiteral("p90"), 0, kHuge, &l->p90) &&
          r.number(QStringLiteral("p95"), 0, kHuge, &l->p95) &&
          r.number(QStringLiteral("p99"), 0, kHuge, &l->p99) &&
          r.number(QStringLiteral("max"), 0, kHuge, &l->max) &&
          r.number(QStringLiteral("p95_standard_error"), 0, kHuge, &l->p95StandardErrorMs, false)))
        return false;
    r.warnUnknown();
    return true;
}

QJsonObject summaryToJson(const metrics::RunSummary& s) {
    QJsonArray cores;
    for (const auto& c : s.cores)
        cores.append(QJsonObject{{QStringLiteral("id"), c.id},
                                 {QStringLiteral("chip"), c.chip},
                                 {QStringLiteral("compute"), finite(c.compute)},
                                 {QStringLiteral("weight_wait"), finite(c.weightWait)},
                                 {QStringLiteral("transfer"), finite(c.transfer)},
                                 {QStringLiteral("idle"), finite(c.idle)}});
    QJsonObject json{{QStringLiteral("throughput_per_s"), finite(s.throughputPerSecond)},
                     {QStringLiteral("latency_ms"), latencyStatsToJson(s.latencyMs)},
                     {QStringLiteral("price_per_hour"), finite(s.pricePerHour)},
                     {QStringLiteral("cost_per_million_usd"), finite(s.costPerMillionUsd)},
                     {QStringLiteral("cores"), cores},
                     {QStringLiteral("completed_requests"), json64(s.completedRequests)},
                     {QStringLiteral("events"), json64(s.events)},
                     {QStringLiteral("processed_events"), json64(s.processedEvents)},
                     {QStringLiteral("simulated_ns"), json64(s.simulatedNs)},
                     {QStringLiteral("wall_seconds"), finite(s.wallSeconds)}};
    json[QStringLiteral("explanation")] = explanationToJson(s);
    return json;
}

bool summaryFromJson(const QJsonObject& json, const QString& path, Diagnostics* d, metrics::RunSummary* out) {
    FieldReader r(json, path, d);
    QJsonObject latency;
    QJsonArray cores;
    if (!(r.number(QStringLiteral("throughput_per_s"), 0, kHuge, &out->throughputPerSecond) &&
          r.object(QStringLiteral("latency_ms"), &latency) &&
          r.number(QStringLiteral("price_per_hour"), 0, 1e6, &out->pricePerHour) &&
          r.number(QStringLiteral("cost_per_million_usd"), 0, kHuge, &out->costPerMillionUsd) &&
          r.array(QStringLiteral("cores"), 4096, &cores) &&
          r.integerAs(QStringLiteral("completed_requests"), 0, kMaxCount, &out->completedRequests) &&
          r.integerAs(QStringLiteral("events"), 0, kMaxCount, &out->events) &&
          r.integerAs(QStringLiteral("processed_events"), 0, kMaxCount, &out->processedEvents, false) &&
          r.integerAs(QStringLiteral("simulated_ns"), 0, kMaxNs, &out->simulatedNs) &&
          r.number(QStringLiteral("wall_seconds"), 0, 1e9, &out->wallSeconds)))
        return false;
    QJsonObject explanation;
    if (!r.object(QStringLiteral("explanation"), &explanation, false) ||
        (!explanation.isEmpty() &&
         !explanationFromJson(explanation, r.pathOf(QStringLiteral("explanation")), d, out)))
        return false;
    if (!latencyStatsFromJson(latency, r.pathOf(QStringLiteral("latency_ms")), d, &out->latencyMs))
        return false;
    out->cores.resize(static_cast<std::size_t>(cores.size()));
    for (qsizetype i = 0; i < cores.size(); ++i) {
        const QString at = indexPath(r.pathOf(QStringLiteral("cores")), i);
        if (!cores[i].isObject()) {
            d->fail(at, QStringLiteral("must be an object"));
            return false;
        }
        auto& c = out->cores[i];
        FieldReader rc(cores[i].toObject(), at, d);
        if (!(rc.integerAs(QStringLiteral("id"), -2, 4096, &c.id) &&
              rc.integerAs(QStringLiteral("chip"), 0, 1024, &c.chip) &&
              rc.number(QStringLiteral("compute"), 0, 1, &c.compute) &&
              rc.number(QStringLiteral("weight_wait"), 0, 1, &c.weightWait) &&
              rc.number(QStringLiteral("transfer"), 0, 1, &c.transfer) &&
              rc.number(QStringLiteral("idle"), 0, 1, &c.idle)))
            return false;
        rc.warnUnknown();
    }
    r.warnUnknown();
    return true;
}

QJsonObject placementToJson(const compile::Placement& p) {
    QJsonArray groups;
    for (const auto& g : p.groups) {
        QJsonArray stages;
        for (const auto& s : g.stages)
            stages.append(QJsonObject{{QStringLiteral("first_op"), s.firstOp},
                                      {QStringLiteral("end_op"), s.endOp},
                                      {QStringLiteral("core"), s.core},
                                      {QStringLiteral("chip"), s.chip},
                                      {QStringLiteral("weight_bytes"), json64(s.weightBytes)},
                                      {QStringLiteral("resident_bytes"), json64(s.residentBytes)},
                                      {QStringLiteral("streamed_bytes"), json64(s.streamedBytes)},
                                      {QStringLiteral("activation_bytes"), json64(s.activationBytes)},
                                      {QStringLiteral("output_bytes"), json64(s.outputBytes)},
                                      {QStringLiteral("compute_ns"), s.computeNs}});
        groups.append(QJsonObject{{QStringLiteral("max_in_flight"), g.maxInFlight},
                                  {QStringLiteral("stages"), stages}});
    }
    return QJsonObject{{QStringLiteral("groups"), groups},
                       {QStringLiteral("used_cores"), p.usedCores},
                       {QStringLiteral("device_bytes_per_chip_max"), json64(p.deviceBytesPerChipMax)}};
}

bool placementFromJson(const QJsonObject& json, const QString& path, int opCount, Diagnostics* d,
                       compile::Placement* out) {
    FieldReader r(json, path, d);
    QJsonArray groups;
    if (!(r.array(QStringLiteral("groups"), 64, &groups) &&
          r.integerAs(QStringLiteral("used_cores"), 0, 4096, &out->usedCores) &&
          r.integerAs(QStringLiteral("device_bytes_per_chip_max"), 0, kMaxCount,
                      &out->deviceBytesPerChipMax)))
        return false;
    out->groups.resize(static_cast<std::size_t>(groups.size()));
    for (qsizetype gi = 0; gi < groups.size(); ++gi) {
        const QString gpath = indexPath(r.pathOf(QStringLiteral("groups")), gi);
        if (!groups[gi].isObject()) {
            d->fail(gpath, QStringLiteral("must be an object"));
            return false;
        }
        FieldReader rg(groups[gi].toObject(), gpath, d);
        QJsonArray stages;
        auto& g = out->groups[gi];
        if (!(rg.integerAs(QStringLiteral("max_in_flight"), 1, 4096, &g.maxInFlight) &&
              rg.array(QStringLiteral("stages"), 64, &stages)))
            return false;
        g.stages.resize(static_cast<std::size_t>(stages.size()));
        for (qsizetype si = 0; si < stages.size(); ++si) {
            const QString spath = indexPath(rg.pathOf(QStringLiteral("stages")), si);
            if (!stages[si].isObject()) {
                d->fail(spath, QStringLiteral("must be an object"));
                return false;
            }
            FieldReader rs(stages[si].toObject(), spath, d);
            auto& s = g.stages[si];
            if (!(rs.integerAs(QStringLiteral("first_op"), 0, opCount - 1, &s.firstOp) &&
                  rs.integerAs(QStringLiteral("end_op"), s.firstOp + 1, opCount, &s.endOp) &&
                  rs.integerAs(QStringLiteral("core"), -2, 4095, &s.core) &&
                  rs.integerAs(QStringLiteral("chip"), 0, 1023, &s.chip) &&
                  rs.integerAs(QStringLiteral("weight_bytes"), 0, kMaxCount, &s.weightBytes) &&
                  rs.integerAs(QStringLiteral("resident_bytes"), 0, kMaxCount, &s.residentBytes) &&
                  rs.integerAs(QStringLiteral("streamed_bytes"), 0, kMaxCount, &s.streamedBytes) &&
                  rs.integerAs(QStringLiteral("activation_bytes"), 0, kMaxCount, &s.activationBytes) &&
                  rs.integerAs(QStringLiteral("output_bytes"), 0, kMaxCount, &s.outputBytes) &&
                  rs.number(QStringLiteral("compute_ns"), 0, 1e15, &s.computeNs)))
                return false;
            rs.warnUnknown();
        }
        rg.warnUnknown();
    }
    r.warnUnknown();
    return true;
}

} // namespace pipescope::io
