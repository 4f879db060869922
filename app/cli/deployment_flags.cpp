#include "cli/deployment_flags.h"

#include <QStringList>

namespace pipescope::cli {

std::vector<FlagSpec> deploymentFlagSpecs() {
    return {
        {QStringLiteral("model"), QStringLiteral("NAME|FILE"),
         QStringLiteral("model preset or file (default bert-base-uncased)")},
        {QStringLiteral("instance"), QStringLiteral("NAME"),
         QStringLiteral("instance type (default inf1.xlarge)")},
        {QStringLiteral("group-sizes"), QStringLiteral("LIST"),
         QStringLiteral("NEURONCORE_GROUP_SIZES, e.g. 1,1,1,1 or 16 (default: groups of --pipeline-cores "
                        "filling the instance)")},
        {QStringLiteral("pipeline-cores"), QStringLiteral("N"),
         QStringLiteral("--neuroncore-pipeline-cores (default 1)")},
        {QStringLiteral("batch"), QStringLiteral("N"), QStringLiteral("compiled batch size (default 1)")},
    };
}

std::optional<QString> readDeployment(FlagParser& flags, const hardware::Catalog& catalog,
                                      const QString& command, sim::Scenario* s) {
    s->model = flags.value(QStringLiteral("model"), s->model);
    s->instance = flags.value(QStringLiteral("instance"), s->instance);
    const hardware::InstanceSpec* spec = catalog.find(s->instance);
    if (!spec) {
        QStringList names;
        for (const auto& i : catalog.instances())
            names << i.name;
        return QStringLiteral("pipescope %1: --instance must be one of %2, got '%3'")
            .arg(command, names.join(QStringLiteral(", ")), s->instance);
    }
    if (spec->isGpu() &&
        (flags.has(QStringLiteral("group-sizes")) || flags.has(QStringLiteral("pipeline-cores"))))
        return QStringLiteral(
                   "pipescope %1: --group-sizes and --pipeline-cores apply to Inferentia instances; %2 "
                   "has a GPU")
            .arg(command, s->instance);
    const auto cores = flags.integer(QStringLiteral("pipeline-cores"), 1, 1, 1024);
    const auto batch = flags.integer(QStringLiteral("batch"), 1, 1, 4096);
    if (!cores || !batch)
        return flags.error();
    s->pipelineCores = static_cast<int>(*cores);
    s->batch = static_cast<int>(*batch);
    if (flags.has(QStringLiteral("group-sizes"))) {
        s->groupSizes = flags.value(QStringLiteral("group-sizes"));
    } else if (!spec->isGpu()) {
        QStringList groups;
        for (int used = 0; used + s->pipelineCores <= spec->totalCores(); used += s->pipelineCores)
            groups << QString::number(s->pipelineCores);
        s->groupSizes = groups.join(QLatin1Char(','));
    }
    return std::nullopt;
}

} // namespace pipescope::cli
