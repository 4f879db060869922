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

// A prediction interval as two fields, both empty when the run has none (profiles saved before them).
QStringList intervalFields(const metrics::Interval& interval, int decimals) {
    if (!interval.known())
        return {QString(), QString()};
    return {QString::number(interval.low, 'f', decimals), QString::number(interval.high, 'f', decimals)};
}

// The columns that explain a run (issue 9), appended after the study's columns.
QStringList explanationFields(const sim::Run& run) {
    const auto& s = run.summary;
    QStringList fields;
    fields << intervalFields(s.throughputInterval, 2) << intervalFields(s.latencyP95IntervalMs, 3)
           << intervalFields(s.costIntervalUsd, 4);
    fields << QString::number(compile::servingWorkers(run.inputs.config, run.inputs.instance.isGpu()));
    fields << csvField(s.bottleneck.resource) << csvField(s.bottleneck.reason)
           << csvField(s.intervalNotes.join(QStringLiteral("; ")));
    return fields;
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
                                 "cost_per_million_usd,throughput_ratio,cost_ratio,"
                                 "throughput_low_per_s,throughput_high_per_s,latency_p95_low_ms,"
                                 "latency_p95_high_ms,cost_per_million_low_usd,cost_per_million_high_usd,"
                                 "workers,bound_by,bound_by_reason,interval_notes\r\n");
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
        row << explanationFields(*run);
        out += row.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace pipescope::io
