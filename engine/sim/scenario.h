#pragma once

#include "compile/deployment.h"
#include "core/result.h"
#include "hardware/catalog.h"
#include "sim/run.h"

namespace pipescope::sim {

// A deployment as a user describes it (names and strings, as on the command line or in the
// deployment panel), before the model is built and the instance looked up.
struct Scenario {
    QString model = QStringLiteral("bert-base-uncased"); // preset name or model file
    QString instance = QStringLiteral("inf1.xlarge");
    QString groupSizes = QStringLiteral("1,1,1,1"); // NEURONCORE_GROUP_SIZES; ignored on a GPU instance
    int pipelineCores = 1;
    int workers = 0; // serving worker processes; 0 = one per NeuronCore group
    int batch = 1;
    int sequenceLength = 128;
    compile::DataType dataType = compile::DataType::BF16;
    QString priceSet = QStringLiteral("launch");
    QString deviceProfile; // a device profile of the catalog (Catalog::deviceProfiles()), "" = none
    Workload workload;
};

// Resolves a scenario against a catalog: builds the model graph, copies the instance spec and
// parses the group sizes. The error names the setting at fault.
Result<RunInputs> buildInputs(const Scenario& scenario, const hardware::Catalog& catalog);

} // namespace pipescope::sim
