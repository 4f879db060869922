// The embedded trace: per-lane event arrays, request records and occupancy, each packed
// little-endian, compressed and base64-encoded (layout in docs/profile-format.md).
#include "io/packed_blob.h"
#include "io/profile_results_json.h"

namespace pipescope::io {

namespace {

constexpr qint64 kMaxNs = qint64(1) << 62; // request and occupancy times
constexpr qint64 kRequestBytes = 8 + 8 + 4 + 4 + 1;
constexpr qint64 kMaxBins = 100'000'000;
constexpr qint64 kMinLaneCore = -2; // -1: the GPU, -2: the host (serving process)

// On disk a lane keeps the arrays of format version 1 (22 bytes per event before compression),
// whatever the in-memory packing: profiles written before the 16-byte TraceEvent open unchanged.
constexpr qint64 kLaneBytesPerEvent = 8 + 8 + 4 + 1 + 1;

QJsonObject laneToJson(const sim::Lane& lane) {
    PackWriter pack;
    const std::size_t n = lane.size();
    pack.putEach<std::int64_t>(n, [&](std::size_t i) { return lane.start(i); });
    pack.putEach<std::int64_t>(n, [&](std::size_t i) { return lane.duration(i); });
    pack.putEach<std::int32_t>(n, [&](std::size_t i) { return lane.request(i); });
    pack.putEach<std::uint8_t>(n, [&](std::size_t i) { return lane.kind(i); });
    pack.putEach<std::uint8_t>(n, [&](std::size_t i) { return lane.stage(i); });
    return QJsonObject{{QStringLiteral("core"), lane.core},
                       {QStringLiteral("chip"), lane.chip},
                       {QStringLiteral("label"), lane.label},
                       {QStringLiteral("events"), static_cast<qint64>(n)},
                       {QStringLiteral("data"), encodeBlob(pack.bytes())}};
}

// A lane's arrays as read, in place in the inflated blob.
struct LaneArrays {
    PackedArray<std::int64_t> start, duration;
    PackedArray<std::int32_t> request;
    PackedArray<std::uint8_t> kind, stage;
};

// Views binary-search lanes and assume events never overlap; a file breaking that is refused, as
// is one whose events end past what a trace holds (TraceEvent::kMaxStartNs, 78 hours).
bool checkLaneOrder(const LaneArrays& a, const QString& path, Diagnostics* d) {
    std::int64_t previousEnd = 0;
    const QString where = joinPath(path, QStringLiteral("data"));
    for (std::size_t i = 0; i < a.start.size(); ++i) {
        const std::int64_t start = a.start[i];
        const std::int64_t duration = a.duration[i];
        if (start < 0 || duration < 0 || start > sim::TraceEvent::kMaxStartNs ||
            duration > sim::TraceEvent::kMaxStartNs - start) {
            d->fail(where, QStringLiteral("event %1 has a negative time or ends after %2 hours, more than a "
                                          "trace holds")
                               .arg(i)
                               .arg(sim::TraceEvent::kMaxStartNs / 3'600'000'000'000LL));
            return false;
        }
        if (start < previousEnd) {
            d->fail(where, QStringLiteral("event %1 starts before the previous one ends").arg(i));
            return false;
        }
        if (a.kind[i] >= sim::kEventKindCount) {
            d->fail(where, QStringLiteral("event %1 has unknown kind %2").arg(i).arg(a.kind[i]));
            return false;
        }
        previousEnd = start + duration;
    }
    return true;
}

bool laneFromJson(const QJsonValue& value, const QString& path, const ReadLimits& limits, qint64* budget,
                  Diagnostics* d, sim::Lane* lane) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    qint64 events = 0;
    if (!(r.integerAs(QStringLiteral("core"), kMinLaneCore, 4095, &lane->core) &&
          r.integerAs(QStringLiteral("chip"), 0, 1023, &lane->chip) &&
          r.string(QStringLiteral("label"), &lane->label) &&
          r.integer(QStringLiteral("events"), 0, limits.maxEventsPerLane, &events)))
        return false;
    r.markKnown(QStringLiteral("data"));
    // The count was bounded above, so this product cannot overflow; decodeBlob compares it with
    // the blob's own header and compressed size before anything is allocated.
    const qint64 bytes = events * kLaneBytesPerEvent;
    const auto raw = decodeBlob(value.toObject().value(QStringLiteral("data")), bytes, budget,
                                r.pathOf(QStringLiteral("data")), d);
    if (!raw)
        return false;
    PackReader in(*raw);
    const auto n = static_cast<std::size_t>(events);
    // A braced list evaluates left to right: the arrays are taken in their order in the blob.
    const LaneArrays a{in.view<std::int64_t>(n), in.view<std::int64_t>(n), in.view<std::int32_t>(n),
                       in.view<std::uint8_t>(n), in.view<std::uint8_t>(n)};
    r.warnUnknown();
    if (!checkLaneOrder(a, path, d))
        return false;
    lane->reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        lane->append(a.start[i], a.duration[i], a.request[i], a.kind[i], a.stage[i]);
    return true;
}

QJsonObject requestsToJson(const std::vector<sim::RequestRecord>& requests) {
    std::vector<std::int64_t> issue, complete;
    std::vector<std::int32_t> client, group;
    std::vector<std::uint8_t> warmup;
    for (const auto& q : requests) {
        issue.push_back(q.issueNs);
        complete.push_back(q.completeNs);
        client.push_back(q.client);
        group.push_back(q.group);
        warmup.push_back(q.warmup ? 1 : 0);
    }
    PackWriter pack;
    pack.put(issue);
    pack.put(complete);
    pack.put(client);
    pack.put(group);
    pack.put(warmup);
    return QJsonObject{{QStringLiteral("count"), static_cast<qint64>(requests.size())},
                       {QStringLiteral("data"), encodeBlob(pack.bytes())}};
}

bool requestsFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, qint64* budget,
                      Diagnostics* d, std::vector<sim::RequestRecord>* out) {
    FieldReader r(json, path, d);
    qint64 count = 0;
    if (!r.integer(QStringLiteral("count"), 0, limits.maxEventsPerLane, &count))
        return false;
    r.markKnown(QStringLiteral("data"));
    const auto raw = decodeBlob(json.value(QStringLiteral("data")), count * kRequestBytes, budget,
                                r.pathOf(QStringLiteral("data")), d);
    if (!raw)
        return false;
    const auto n = static_cast<std::size_t>(count);
    std::vector<std::int64_t> issue, complete;
    std::vector<std::int32_t> client, group;
    std::vector<std::uint8_t> warmup;
    PackReader in(*raw);
    in.take(n, &issue);
    in.take(n, &complete);
    in.take(n, &client);
    in.take(n, &group);
    in.take(n, &warmup);
    out->resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (issue[i] < 0 || complete[i] < issue[i]) {
            d->fail(r.pathOf(QStringLiteral("data")),
                    QStringLiteral("request %1 completes before it is issued").arg(i));
            return false;
        }
        (*out)[i] = sim::RequestRecord{issue[i], complete[i], client[i], group[i], warmup[i] != 0};
    }
    r.warnUnknown();
    return true;
}

QJsonObject occupancyToJson(const metrics::Occupancy& o) {
    QJsonArray laneCores;
    for (int core : o.laneCores)
        laneCores.append(core);
    PackWriter pack;
    pack.put(o.busy);
    pack.put(o.inFlight);
    pack.put(o.throughputPerSec);
    return QJsonObject{{QStringLiteral("bin_ns"), json64(o.binNs)},
                       {QStringLiteral("bins"), o.bins},
                       {QStringLiteral("lane_cores"), laneCores},
                       {QStringLiteral("data"), encodeBlob(pack.bytes())}};
}

bool occupancyFromJson(const QJsonObject& json, const QString& path, qint64* budget, Diagnostics* d,
                       metrics::Occupancy* out) {
    FieldReader r(json, path, d);
    QJsonArray laneCores;
    if (!(r.integerAs(QStringLiteral("bin_ns"), 0, kMaxNs, &out->binNs) &&
          r.integerAs(QStringLiteral("bins"), 0, kMaxBins, &out->bins) &&
          r.array(QStringLiteral("lane_cores"), 4096, &laneCores)))
        return false;
    out->laneCores.clear();
    for (qsizetype i = 0; i < laneCores.size(); ++i) {
        const auto core = wholeNumber(laneCores[i], kMinLaneCore, 4095);
        if (!core) {
            d->fail(indexPath(r.pathOf(QStringLiteral("lane_cores")), i),
                    wholeNumberMessage(kMinLaneCore, 4095));
            return false;
        }
        out->laneCores.push_back(static_cast<int>(*core));
    }
    r.markKnown(QStringLiteral("data"));
    const qint64 busyCount = laneCores.size() * static_cast<qint64>(out->bins);
    const qint64 bytes = (busyCount + 2 * static_cast<qint64>(out->bins)) * qint64(sizeof(float));
    const auto raw =
        decodeBlob(json.value(QStringLiteral("data")), bytes, budget, r.pathOf(QStringLiteral("data")), d);
    if (!raw)
        return false;
    PackReader in(*raw);
    in.take(static_cast<std::size_t>(busyCount), &out->busy);
    in.take(static_cast<std::size_t>(out->bins), &out->inFlight);
    in.take(static_cast<std::size_t>(out->bins), &out->throughputPerSec);
    r.warnUnknown();
    return true;
}

} // namespace

QJsonObject traceToJson(const sim::Run& run) {
    QJsonArray lanes;
    for (const auto& lane : run.trace.lanes)
        lanes.append(laneToJson(lane));
    return QJsonObject{{QStringLiteral("end_ns"), json64(run.trace.endNs)},
                       {QStringLiteral("lanes"), lanes},
                       {QStringLiteral("requests"), requestsToJson(run.requests)},
                       {QStringLiteral("occupancy"), occupancyToJson(run.occupancy)},
                       {QStringLiteral("placement"), placementToJson(run.placement)}};
}

bool traceFromJson(const QJsonObject& json, const QString& path, const ReadLimits& limits, qint64* budget,
                   Diagnostics* d, sim::Run* out) {
    FieldReader r(json, path, d);
    QJsonArray lanes;
    QJsonObject requests, occupancy, placement;
    if (!(r.integerAs(QStringLiteral("end_ns"), 0, kMaxNs, &out->trace.endNs) &&
          r.array(QStringLiteral("lanes"), 4097, &lanes) && r.object(QStringLiteral("requests"), &requests) &&
          r.object(QStringLiteral("occupancy"), &occupancy) &&
          r.object(QStringLiteral("placement"), &placement)))
        return false;
    out->trace.lanes.resize(static_cast<std::size_t>(lanes.size()));
    for (qsizetype i = 0; i < lanes.size(); ++i)
        if (!laneFromJson(lanes[i], indexPath(r.pathOf(QStringLiteral("lanes")), i), limits, budget, d,
                          &out->trace.lanes[i]))
            return false;
    const int opCount = static_cast<int>(out->inputs.model.ops.size());
    if (!(requestsFromJson(requests, r.pathOf(QStringLiteral("requests")), limits, budget, d,
                           &out->requests) &&
          occupancyFromJson(occupancy, r.pathOf(QStringLiteral("occupancy")), budget, d, &out->occupancy) &&
          placementFromJson(placement, r.pathOf(QStringLiteral("placement")), opCount, d, &out->placement)))
        return false;
    r.warnUnknown();
    return true;
}

} // namespace pipescope::io
