#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace pipescope::compile {

// Storage and compute type of the compiled model.
enum class DataType { BF16, FP16, FP32, INT8 };

int dataTypeBytes(DataType type);
QString dataTypeName(DataType type);
bool parseDataType(const QString& text, DataType* out);

// How the user deploys the model on the instance, as they would write it for the Neuron SDK.
struct DeploymentConfig {
    std::vector<int> groupSizes; // NEURONCORE_GROUP_SIZES; empty on a GPU instance
    int pipelineCores = 1;       // --neuroncore-pipeline-cores the model was compiled with
    int batch = 1;               // compiled batch size (fixed ahead of time)
    int sequenceLength = 128;    // compiled sequence length
    DataType dataType = DataType::BF16;
    // Serving worker processes on the host, each with its own interpreter lock. 0 means the 2021
    // study's layout: one worker per NeuronCore group (one worker model per core for data parallel,
    // one process whose client threads feed a pipelined model).
    int workers = 0;
};

// The worker processes a deployment runs: `workers`, or one per group when it is 0 (the GPU
// baseline has one model, so one worker). Group g is served by worker g % servingWorkers.
int servingWorkers(const DeploymentConfig& config, bool gpu);

// "data parallel", "pipeline" or "gpu": the study's mode column.
QString deploymentMode(const DeploymentConfig& config, bool gpu);

} // namespace pipescope::compile
