#include "cli/run_json.h"

#include "compile/deployment.h"
#include "compile/group_sizes.h"

#include <QJsonArray>

namespace pipescope::cli {

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
        {QStringLiteral("batch"), in.config.batch},
        {QStringLiteral("seq_len"), in.config.sequenceLength},
        {QStringLiteral("throughput_per_s"), s.throughputPerSecond},
        {QStringLiteral("latency_ms"), QJsonObject{{QStringLiteral("mean"), s.latencyMs.mean},
                                                   {QStringLiteral("p50"), s.latencyMs.p50},
                                                   {QStringLiteral("p90"), s.latencyMs.p90},
                                                   {QStringLiteral("p95"), s.latencyMs.p95},
                                                   {QStringLiteral("p99"), s.latencyMs.p99},
                                                   {QStringLiteral("max"), s.latencyMs.max}}},
        {QStringLiteral("price_per_hour_usd"), s.pricePerHour},
        {QStringLiteral("cost_per_million_usd"), s.costPerMillionUsd},
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
    text += QStringLiteral("throughput      %1 inferences/s\n").arg(s.throughputPerSecond, 0, 'f', 1);
    text += QStringLiteral("latency ms      mean %1  p50 %2  p90 %3  p95 %4  p99 %5  max %6\n")
                .arg(s.latencyMs.mean, 0, 'f', 2)
                .arg(s.latencyMs.p50, 0, 'f', 2)
                .arg(s.latencyMs.p90, 0, 'f', 2)
                .arg(s.latencyMs.p95, 0, 'f', 2)
                .arg(s.latencyMs.p99, 0, 'f', 2)
                .arg(s.latencyMs.max, 0, 'f', 2);
    text += QStringLiteral("cost            $%1 per million inferences ($%2/h)\n")
                .arg(s.costPerMillionUsd, 0, 'f', 3)
                .arg(s.pricePerHour, 0, 'f', 3);
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
