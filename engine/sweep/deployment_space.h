#pragma once

#include "compile/deployment.h"
#include "core/result.h"
#include "hardware/catalog.h"
#include "sim/run.h"

#include <QStringList>

#include <vector>

namespace pipescope::sweep {

// Which deployments a sweep tries.
struct SweepSpace {
    QString model = QStringLiteral("bert-base-uncased"); // preset name or model file
    QStringList instances;                               // catalog names; empty: the whole catalog
    std::vector<int> batches;                // empty: 1, 2, 4, 6, 8, 16 (and 32, 64, 128 on a GPU)
    std::vector<std::vector<int>> groupings; // NEURONCORE_GROUP_SIZES tried besides the uniform ones
    int sequenceLength = 0;                  // 0: the model's own default
    compile::DataType dataType = compile::DataType::BF16;
    QString priceSet = QStringLiteral("launch");
};

// One valid deployment, its inputs complete but for the workload (the load curve sets it).
struct SweepDeployment {
    int index = 0; // enumeration order: instance, grouping, batch
    sim::RunInputs inputs;
    QString label() const; // "inf1.xlarge 1,1,1,1 batch 4", "inf1.24xlarge 64×1 batch 1"
    // A seed derived from the deployment alone, so results do not depend on thread scheduling.
    std::uint64_t seed() const;
};

struct DeploymentSpace {
    std::vector<SweepDeployment> deployments;
    int skipped = 0;      // combinations the compiler rejects (compile::plan errors)
    QString firstSkipped; // the first rejection, "label: reason", for a user who wonders
};

std::vector<int> defaultBatches(bool gpu);

// Every uniform grouping (groups of g cores, as many as fit, one pipeline of g stages per group,
// for g = 1..all cores) plus the listed ones, times every batch, on every chosen instance; a GPU
// instance gets one deployment per batch. Combinations that do not compile are counted, not
// returned. Errors: an unknown instance or model, a bad batch.
Result<DeploymentSpace> enumerateDeployments(const SweepSpace& space, const hardware::Catalog& catalog);

} // namespace pipescope::sweep
