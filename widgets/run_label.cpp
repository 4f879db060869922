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
        label += QLatin1Char(' ') + compile::formatGroupSizes(in.config.groupSizes);
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
        in.instance.isGpu() ? QStringLiteral("gpu") : compile::formatGroupSizes(in.config.groupSizes);
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
                    .arg(compile::formatGroupSizes(in.config.groupSizes))
                    .arg(in.config.pipelineCores);
    text += QStringLiteral(", batch %1, ").arg(in.config.batch);
    if (in.workload.kind == sim::Workload::Kind::ClosedLoop)
        text += QStringLiteral("%1 clients").arg(in.workload.clients);
    else
        text += QStringLiteral("%1 req/s").arg(in.workload.ratePerSecond);
    return text;
}

} // namespace pipescope::widgets
