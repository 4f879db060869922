#include "run_label.h"

#include "compile/group_sizes.h"

namespace pipescope::widgets {

QString runModeName(const sim::Run& run) {
    return compile::deploymentMode(run.inputs.config, run.inputs.instance.isGpu());
}

int runCoresPerModel(const sim::Run& run) {
    if (run.inputs.instance.isGpu())
        return 0;
    return run.inputs.config.pipelineCores;
}

QString runLabel(const sim::Run& run) {
    const auto& in = run.inputs;
    QString label = in.instance.name;
    if (!in.instance.isGpu())
        label += QLatin1Char(' ') + compile::shortGroupSizes(in.config.groupSizes);
    return label + QStringLiteral(" b%1").arg(in.config.batch);
}

QString runAxisLabel(const sim::Run& run, int number) {
    const auto& in = run.inputs;
    QString instance = in.instance.name;
    if (instance.startsWith(QLatin1String("inf1.")))
        instance = instance.mid(5); // every Inferentia instance of the catalog is inf1
    else if (in.instance.isGpu())
        instance = instance.section(QLatin1Char('.'), 0, 0);
    const QString deployment =
        in.instance.isGpu() ? QStringLiteral("gpu") : compile::shortGroupSizes(in.config.groupSizes);
    QString label = QStringLiteral("#%1\n%2\n%3").arg(number).arg(instance, deployment);
    if (in.config.batch != 1)
        label += QStringLiteral(" b%1").arg(in.config.batch);
    return label;
}

QString runDescription(const sim::Run& run) {
    const auto& in = run.inputs;
    QString text = QStringLiteral("%1 seq %2 %3 on %4")
                       .arg(in.model.name)
                       .arg(in.config.sequenceLength)
                       .arg(compile::dataTypeName(in.config.dataType), in.instance.name);
    if (!in.instance.isGpu())
        text += QStringLiteral(", groups %1, pipeline cores %2")
                    .arg(compile::shortGroupSizes(in.config.groupSizes))
                    .arg(in.config.pipelineCores);
    text += QStringLiteral(", batch %1, ").arg(in.config.batch);
    if (in.workload.kind == sim::Workload::Kind::ClosedLoop)
        text += QStringLiteral("%1 clients").arg(in.workload.clients);
    else
        text += QStringLiteral("%1 req/s").arg(in.workload.ratePerSecond);
    return text;
}

QString runModelName(const sim::Run& run) {
    const auto& in = run.inputs;
    return QStringLiteral("%1 %2 %3")
        .arg(in.model.name)
        .arg(in.config.sequenceLength)
        .arg(compile::dataTypeName(in.config.dataType));
}

QString runWorkloadLabel(const sim::Run& run) {
    const auto& w = run.inputs.workload;
    if (w.kind == sim::Workload::Kind::ClosedLoop)
        return w.clients == 1 ? QStringLiteral("1 client") : QStringLiteral("%1 clients").arg(w.clients);
    return QStringLiteral("%1 req/s").arg(w.ratePerSecond, 0, 'g', 6);
}

QString runInputsKey(const sim::Run& run) {
    const auto& in = run.inputs;
    const auto& w = in.workload;
    return QStringList{in.model.name,
                       in.model.source,
                       QString::number(in.model.parameters()),
                       QString::number(in.model.ops.size()),
                       runModelName(run),
                       in.instance.name,
                       in.priceSet,
                       compile::formatGroupSizes(in.config.groupSizes),
                       QString::number(in.config.pipelineCores),
                       QString::number(in.config.batch),
                       QString::number(static_cast<int>(w.kind)),
                       QString::number(w.clients),
                       QString::number(w.ratePerSecond, 'g', 17),
                       QString::number(w.requests),
                       QString::number(w.warmup),
                       QString::number(w.seed)}
        .join(QLatin1Char('|'));
}

} // namespace pipescope::widgets
