#include "sim/scenario.h"

#include "compile/group_sizes.h"
#include "compile/plan.h"
#include "model/model_loader.h"

namespace pipescope::sim {

Result<RunInputs> buildInputs(const Scenario& scenario, const hardware::Catalog& catalog) {
    RunInputs in;
    const hardware::InstanceSpec* spec = catalog.find(scenario.instance);
    if (!spec) {
        QStringList names;
        for (const auto& s : catalog.instances())
            names << s.name;
        return makeError(QStringLiteral("unknown instance '%1'; the catalog has %2")
                             .arg(scenario.instance, names.join(QStringLiteral(", "))),
                         QStringLiteral("instance"));
    }
    in.instance = *spec;
    if (!scenario.deviceProfile.isEmpty()) {
        const hardware::DeviceProfile* profile = catalog.findProfile(scenario.deviceProfile);
        if (!profile)
            return makeError(QStringLiteral("no device profile named '%1'; see `pipescope instances`")
                                 .arg(scenario.deviceProfile),
                             QStringLiteral("device profile"));
        Result<hardware::InstanceSpec> fitted = catalog.instanceWithProfile(scenario.instance, *profile);
        if (!fitted)
            return fitted.error();
        in.instance = std::move(fitted).value();
    }
    in.priceSet = scenario.priceSet;
    in.workload = scenario.workload;
    in.config.batch = scenario.batch;
    in.config.sequenceLength = scenario.sequenceLength;
    in.config.dataType = scenario.dataType;
    in.config.pipelineCores = spec->isGpu() ? 1 : scenario.pipelineCores;
    in.config.workers = scenario.workers;
    if (!spec->isGpu()) {
        Result<std::vector<int>> groups = compile::parseGroupSizes(scenario.groupSizes);
        if (!groups)
            return groups.error();
        in.config.groupSizes = groups.value();
    }
    // A GPU runs the model as traced with autocast to FP16; Inferentia at the compiled type.
    const int dtypeBytes = spec->isGpu() ? 2 : compile::dataTypeBytes(scenario.dataType);
    Result<model::ModelGraph> graph = model::loadModel(scenario.model, scenario.sequenceLength, dtypeBytes);
    if (!graph)
        return graph.error();
    in.model = std::move(graph).value();
    if (auto error = compile::validate(in))
        return *error;
    return in;
}

} // namespace pipescope::sim
