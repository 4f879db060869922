#include "cli/run_json.h"

#include "compile/deployment.h"
#include "compile/group_sizes.h"
#include "io/profile_results_json.h"

#include <QJsonArray>

namespace pipescope::cli {

namespace {

QJsonValue intervalJson(const metrics::Interval& interval) {
    if (!interval.known())
        return QJsonValue::Null;
    return QJsonArray{interval.low, interval.high};
}

QJsonObject breakdownJson(const metrics::LatencyBreakdown& b) {
    return {{QStringLiteral("host_queue"), b.hostQueue},
            {QStringLiteral("host_serialised"), b.hostSerialised},
            {QStringLiteral("admission_wait"), b.admissionWait},
            {QStringLiteral("runtime_and_pcie_in"), b.runtime},
            {QStringLiteral("stage_queue"), b.stageQueue},
            {QStringLiteral("compute"), b.compute},
            {QStringLiteral("weight_stream"), b.weightStream},
            {QStringLiteral("transfer"), b.transfer},
            {QStringLiteral("total"), b.total()}};
}

} // namespace

QJsonObject percentilesJson(const metrics::LatencyStats& latencyMs) {
    QJsonObject json{{QStringLiteral("p50"), latencyMs.p50},
                     {QStringLiteral("p95"), latencyMs.p95},
                     {QStringLiteral("p99"), latencyMs.p99}};
    if (latencyMs.p95StandardErrorMs > 0)
        json[QStringLiteral("p95_standard_error")] = latencyMs.p95StandardErrorMs;
    return json;
}

QJsonObject runToJson(const sim::Run& run) {
    const auto& s = run.summary;
    const auto& in = run.inputs;
    QJsonArray cores;
    for (const auto& c : s.cores) {
        cores.append(QJsonObject{{QStringLiteral("id"), c.id},
                                 {QStringLiteral("chip"), c.chip},
                                 {QStringLiteral("utilization"), c.utilization()},
                                 {QStringLiteral("compute"), c.compute},
                                 {QStringLiteral("weight_wait"), c.weightWait},
                                 {QStringLiteral("transfer"), c.transfer},
                                 {QStringLiteral("idle"), c.idle}});
    }
    return QJsonObject{
        {QStringLiteral("model"), in.model.name},
        {QStringLiteral("instance"), in.instance.name},
        {QStringLiteral("mode"), compile::deploymentMode(in.config, in.instance.isGpu())},
        {QStringLiteral("group_sizes"), compile::formatGroupSizes(in.config.groupSizes)},
        {QStringLiteral("pipeline_cores"), in.config.pipelineCores},
        {QStringLiteral("workers"), compile::servingWorkers(in.config, in.instance.isGpu())},
        {QStringLiteral("batch"), in.config.batch},
        {QStringLiteral("seq_len"), in.config.sequenceLength},
        {QStringLiteral("throughput_per_s"), s.throughputPerSecond},
        {QStringLiteral("latency_ms"), io::latencyStatsToJson(s.latencyMs)},
        {QStringLiteral("price_per_hour_usd"), s.pricePerHour},
        {QStringLiteral("cost_per_million_usd"), s.costPerMillionUsd},
        {QStringLiteral("throughput_interval_per_s"), intervalJson(s.throughputInterval)},
        {QStringLiteral("latency_p95_interval_ms"), intervalJson(s.latencyP95IntervalMs)},
        {QStringLiteral("cost_interval_usd"), intervalJson(s.costIntervalUsd)},
        {QStringLiteral("interval_notes"), QJsonArray::fromStringList(s.intervalNotes)},
        {QStringLiteral("bottleneck"), QJsonObject{{QStringLiteral("resource"), s.bottleneck.resource},
                                                   {QStringLiteral("utilisation"), s.bottleneck.utilisation},
                                                   {QStringLiteral("reason"), s.bottleneck.reason}}},
        {QStringLiteral("latency_breakdown_ms"), breakdownJson(s.breakdownMs)},
        {QStringLiteral("cores"), cores},
        {QStringLiteral("requests"), double(s.completedRequests)},
        {QStringLiteral("events"), double(s.events)},
        {QStringLiteral("simulated_seconds"), double(s.simulatedNs) / 1e9},
        {QStringLiteral("wall_seconds"), s.wallSeconds},
    };
}

QString runToText(const sim::Run& run) {
    const auto& s = run.summary;
    const auto& in = run.inputs;
    QString text =
        QStringLiteral("%1 on %2, %3, batch %4, sequence %5\n")
            .arg(in.model.name, in.instance.name, compile::deploymentMode(in.config, in.instance.isGpu()))
            .arg(in.config.batch)
            .arg(in.config.sequenceLength);
    text += QStringLiteral("throughput      %1 inferences/s").arg(s.throughputPerSecond, 0, 'f', 1);
    if (s.throughputInterval.known())
        text += QStringLiteral("  (90%: %1 to %2)")
                    .arg(s.throughputInterval.low, 0, 'f', 0)
                    .arg(s.throughputInterval.high, 0, 'f', 0);
    text += QLatin1Char('\n');
    text += QStringLiteral("latency ms      mean %1  p50 %2  p90 %3  p95 %4  p99 %5  max %6\n")
                .arg(s.latencyMs.mean, 0, 'f', 2)
                .arg(s.latencyMs.p50, 0, 'f', 2)
                .arg(s.latencyMs.p90, 0, 'f', 2)
                .arg(s.latencyMs.p95, 0, 'f', 2)
                .arg(s.latencyMs.p99, 0, 'f', 2)
                .arg(s.latencyMs.max, 0, 'f', 2);
    if (s.latencyMs.p95StandardErrorMs > 0)
        text += QStringLiteral("p95 sampling    ± %1 ms (95%: another seed's run of this length)\n")
                    .arg(metrics::formatNoise(s.latencyMs.p95NoiseMs()));
    if (s.latencyP95IntervalMs.known())
        text += QStringLiteral("p95 90%         %1 to %2 ms\n")
                    .arg(s.latencyP95IntervalMs.low, 0, 'f', 2)
                    .arg(s.latencyP95IntervalMs.high, 0, 'f', 2);
    text += QStringLiteral("cost            $%1 per million inferences ($%2/h)\n")
                .arg(s.costPerMillionUsd, 0, 'f', 3)
                .arg(s.pricePerHour, 0, 'f', 3);
    for (const QString& note : s.intervalNotes)
        text += QStringLiteral("extrapolation   %1\n").arg(note);
    const auto& b = s.breakdownMs;
    text += QStringLiteral("latency parts   host lock wait %1, host work %2, admission %3, runtime %4, "
                           "stage queue %5, compute %6, weight stream %7, transfer %8 ms\n")
                .arg(b.hostQueue, 0, 'f', 2)
                .arg(b.hostSerialised, 0, 'f', 2)
                .arg(b.admissionWait, 0, 'f', 2)
                .arg(b.runtime, 0, 'f', 2)
                .arg(b.stageQueue, 0, 'f', 2)
                .arg(b.compute, 0, 'f', 2)
                .arg(b.weightStream, 0, 'f', 2)
                .arg(b.transfer, 0, 'f', 2);
    text += QStringLiteral("bound by        %1\n").arg(s.bottleneck.reason);
    for (const auto& c : s.cores) {
        const QString name =
            c.id < 0 ? QStringLiteral("GPU") : QStringLiteral("chip %1 NC %2").arg(c.chip).arg(c.id);
        text += QStringLiteral("%1  busy %2%  (compute %3%, weights %4%, transfer %5%)\n")
                    .arg(name, -14)
                    .arg(c.utilization() * 100, 5, 'f', 1)
                    .arg(c.compute * 100, 0, 'f', 1)
                    .arg(c.weightWait * 100, 0, 'f', 1)
                    .arg(c.transfer * 100, 0, 'f', 1);
    }
    text += QStringLiteral("%1 requests, %2 events, %3 s simulated, %4 s wall\n")
                .arg(s.completedRequests)
                .arg(s.events)
                .arg(double(s.simulatedNs) / 1e9, 0, 'f', 3)
                .arg(s.wallSeconds, 0, 'f', 3);
    return text;
}

} // namespace pipescope::cli
