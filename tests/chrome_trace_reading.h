#pragma once

// Test support: reads a Chrome trace back the way viewers do (JSON numbers as IEEE doubles) and
// decompresses gzip with zlib, so the tests do not trust the exporter's own idea of its output.
#include "sim/scenario.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include <zlib.h>

namespace pipescope::testing {

struct ParsedSpan {
    double ts = 0;
    double dur = 0;
    QJsonObject event;
};

// Complete ("X") events per (pid, tid), in ts order as viewers sort them. The GPU's "request"
// slices, which enclose that request's kernels, are left out unless `requestSlices`, which
// gives only them.
inline std::map<std::pair<int, int>, std::vector<ParsedSpan>> spansByThread(const QJsonArray& events,
                                                                            bool requestSlices = false) {
    std::map<std::pair<int, int>, std::vector<ParsedSpan>> threads;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() != QLatin1String("X"))
            continue;
        if ((e[QStringLiteral("cat")].toString() == QLatin1String("request")) != requestSlices)
            continue;
        threads[{e[QStringLiteral("pid")].toInt(), e[QStringLiteral("tid")].toInt()}].push_back(
            {e[QStringLiteral("ts")].toDouble(), e[QStringLiteral("dur")].toDouble(), e});
    }
    for (auto& [thread, spans] : threads)
        std::stable_sort(spans.begin(), spans.end(),
                         [](const ParsedSpan& a, const ParsedSpan& b) { return a.ts < b.ts; });
    return threads;
}

// Microseconds as parsed back to whole nanoseconds.
inline std::int64_t toNs(double micros) {
    return std::llround(micros * 1000.0);
}

// A closed-loop deployment of 2,000 measured requests after 100 warm-up ones.
inline sim::Scenario traceScenario(const QString& instance, const QString& groups, int pipeline,
                                   int clients) {
    sim::Scenario s;
    s.instance = instance;
    s.groupSizes = groups;
    s.pipelineCores = pipeline;
    s.workload.clients = clients;
    s.workload.requests = 2000;
    s.workload.warmup = 100;
    return s;
}

inline QJsonArray traceEvents(const QByteArray& json) {
    return QJsonDocument::fromJson(json)[QStringLiteral("traceEvents")].toArray();
}

// The whole gzip member, or an empty array when `gz` is not gzip.
inline QByteArray gunzip(const QByteArray& gz) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buffer[1 << 16];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.constData()));
    zs.avail_in = static_cast<uInt>(gz.size());
    int status = Z_OK;
    while (status == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        status = inflate(&zs, Z_NO_FLUSH);
        out.append(buffer, static_cast<qsizetype>(sizeof buffer - zs.avail_out));
    }
    inflateEnd(&zs);
    return status == Z_STREAM_END ? out : QByteArray();
}

} // namespace pipescope::testing
