#include "io/sweep_csv.h"

#include "compile/deployment.h"
#include "compile/group_sizes.h"
#include "io/csv_export.h"

namespace pipescope::io {

QByteArray sweepToCsv(const sweep::SweepResult& sweep, const sweep::Recommendation& recommendation) {
    QString csv =
        QStringLiteral("instance,mode,group_sizes,pipeline_cores,batch,saturation_per_s,knee_per_s,"
                       "max_rate_at_sla_per_s,machines,latency_p50_ms,latency_p95_ms,latency_p99_ms,"
                       "cost_per_million_usd,pareto,bottleneck,sla_within_noise\n");
    const auto flag = [](bool value) { return value ? QStringLiteral("true") : QStringLiteral("false"); };
    for (std::size_t i = 0; i < sweep.entries.size() && i < recommendation.deployments.size(); ++i) {
        const auto& entry = sweep.entries[i];
        const auto& in = entry.deployment.inputs;
        const sweep::Assessment& a = recommendation.deployments[i];
        csv +=
            QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14,%15,%16\n")
                .arg(csvField(in.instance.name),
                     csvField(compile::deploymentMode(in.config, in.instance.isGpu())),
                     csvField(compile::formatGroupSizes(in.config.groupSizes)))
                .arg(in.config.pipelineCores)
                .arg(in.config.batch)
                .arg(entry.curve.saturationPerSecond, 0, 'f', 1)
                .arg(entry.curve.kneePerSecond, 0, 'f', 1)
                .arg(a.maxRateAtSlaPerSecond, 0, 'f', 1)
                .arg(a.machines)
                .arg(a.latencyMs.p50, 0, 'f', 3)
                .arg(a.latencyMs.p95, 0, 'f', 3)
                .arg(a.latencyMs.p99, 0, 'f', 3)
                .arg(a.meetsSla ? QString::number(a.costPerMillionUsd, 'f', 4) : QString())
                .arg(flag(a.pareto), csvField(sweep::bottleneckName(a.bottleneck)), flag(a.slaWithinNoise));
    }
    return csv.toUtf8();
}

} // namespace pipescope::io
