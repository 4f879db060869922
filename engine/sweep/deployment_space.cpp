#include "sweep/deployment_space.h"

#include "compile/group_sizes.h"
#include "compile/plan.h"
#include "model/model_loader.h"
#include "model/presets.h"

#include <map>

namespace pipescope::sweep {
namespace {

// FNV-1a over the label's bytes, then splitmix64's finaliser: stable across runs and platforms
// (qHash is seeded per process).
std::uint64_t stableHash(const QByteArray& bytes) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

std::vector<std::vector<int>> groupingsFor(const hardware::InstanceSpec& spec, const SweepSpace& space) {
    std::vector<std::vector<int>> out;
    if (spec.isGpu())
        return {std::vector<int>{}};
    const int cores = spec.totalCores();
    for (int size = 1; size <= cores; ++size)
        out.push_back(std::vector<int>(static_cast<std::size_t>(cores / size), size));
    for (const auto& listed : space.groupings)
        if (std::find(out.begin(), out.end(), listed) == out.end())
            out.push_back(listed);
    return out;
}

QString deploymentName(const sim::RunInputs& inputs, const QString& groups) {
    if (inputs.instance.isGpu())
        return QStringLiteral("%1 batch %2").arg(inputs.instance.name).arg(inputs.config.batch);
    return QStringLiteral("%1 %2 batch %3").arg(inputs.instance.name, groups).arg(inputs.config.batch);
}

} // namespace

QString SweepDeployment::label() const {
    return deploymentName(inputs, compile::shortGroupSizes(inputs.config.groupSizes));
}

// From the groups as written in full, as the label was before it shortened long ones: the same
// deployment keeps the same random streams, and so the same curve, as in sweeps saved before.
std::uint64_t SweepDeployment::seed() const {
    return stableHash(deploymentName(inputs, compile::formatGroupSizes(inputs.config.groupSizes)).toUtf8());
}

std::vector<int> defaultBatches(bool gpu) {
    if (gpu)
        return {1, 2, 4, 6, 8, 16, 32, 64, 128};
    return {1, 2, 4, 6, 8, 16};
}

Result<DeploymentSpace> enumerateDeployments(const SweepSpace& space, const hardware::Catalog& catalog) {
    std::vector<const hardware::InstanceSpec*> specs;
    for (const QString& name : space.instances) {
        const hardware::InstanceSpec* spec = catalog.find(name);
        if (!spec)
            return makeError(QStringLiteral("unknown instance '%1'").arg(name), QStringLiteral("instances"));
        specs.push_back(spec);
    }
    if (space.instances.isEmpty())
        for (const auto& spec : catalog.instances())
            specs.push_back(&spec);
    for (int batch : space.batches)
        if (batch < 1 || batch > 4096)
            return makeError(QStringLiteral("must be from 1 to 4096, got %1").arg(batch),
                             QStringLiteral("batches"));
    const int seqLen =
        space.sequenceLength > 0 ? space.sequenceLength : model::defaultSequenceLength(space.model);
    std::map<int, model::ModelGraph> graphs; // by bytes per value: a GPU runs FP16 whatever the type
    DeploymentSpace out;
    for (const hardware::InstanceSpec* spec : specs) {
        const int dtypeBytes = spec->isGpu() ? 2 : compile::dataTypeBytes(space.dataType);
        if (!graphs.count(dtypeBytes)) {
            Result<model::ModelGraph> graph = model::loadModel(space.model, seqLen, dtypeBytes);
            if (!graph)
                return graph.error();
            graphs.emplace(dtypeBytes, std::move(graph).value());
        }
        const std::vector<int> batches =
            space.batches.empty() ? defaultBatches(spec->isGpu()) : space.batches;
        for (const auto& groups : groupingsFor(*spec, space)) {
            for (int batch : batches) {
                SweepDeployment d;
                d.inputs.model = graphs.at(dtypeBytes);
                d.inputs.instance = *spec;
                d.inputs.priceSet = space.priceSet;
                d.inputs.config.groupSizes = groups;
                d.inputs.config.pipelineCores = groups.empty() ? 1 : groups.front();
                d.inputs.config.batch = batch;
                d.inputs.config.sequenceLength = seqLen;
                d.inputs.config.dataType = space.dataType;
                if (const auto placement = compile::plan(d.inputs); !placement) {
                    if (out.skipped++ == 0)
                        out.firstSkipped = d.label() + QStringLiteral(": ") + placement.error().toString();
                    continue;
                }
                d.index = static_cast<int>(out.deployments.size());
                out.deployments.push_back(std::move(d));
            }
        }
    }
    return out;
}

} // namespace pipescope::sweep
