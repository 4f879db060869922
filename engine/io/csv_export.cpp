#include "io/csv_export.h"

#include <QStringList>

namespace pipescope::io {

namespace {

QString ratio(double value, double baseline) {
    return baseline > 0 ? QString::number(value / baseline, 'f', 4) : QString();
}

// The cores one copy of the model uses: the first group's size (groups are normally equal).
QString coresPerModel(const sim::RunInputs& in) {
    if (in.instance.isGpu())
        return {};
    const int cores = in.config.groupSizes.empty() ? in.config.pipelineCores : in.config.groupSizes.front();
    return QString::number(cores);
}

} // namespace

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray runsToCsv(const std::vector<sim::RunPtr>& runs, int baselineIndex) {
    const sim::RunPtr baseline =
        baselineIndex >= 0 && baselineIndex < static_cast<int>(runs.size()) ? runs[baselineIndex] : nullptr;
    QString out = QStringLiteral("instance,batch,mode,neuroncores_per_model,throughput_per_s,latency_p95_ms,"
                                 "cost_per_million_usd,throughput_ratio,cost_ratio\r\n");
    for (const auto& run : runs) {
        if (!run)
            continue;
        const auto& in = run->inputs;
        const auto& s = run->summary;
        QStringList row{
            csvField(in.instance.name),
            QString::number(in.config.batch),
            csvField(compile::deploymentMode(in.config, in.instance.isGpu())),
            coresPerModel(in),
            QString::number(s.throughputPerSecond, 'f', 2),
            QString::number(s.latencyMs.p95, 'f', 3),
            QString::number(s.costPerMillionUsd, 'f', 4),
            baseline ? ratio(s.throughputPerSecond, baseline->summary.throughputPerSecond) : QString(),
            baseline ? ratio(s.costPerMillionUsd, baseline->summary.costPerMillionUsd) : QString(),
        };
        out += row.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace pipescope::io
