#include "compile/plan.h"

#include "compile/group_sizes.h"
#include "compile/partition.h"
#include "sim/cost_model.h"

#include <algorithm>
#include <numeric>

namespace pipescope::compile {
namespace {

constexpr int kMaxBatch = 4096;
constexpr int kMaxRequests = 10'000'000;
constexpr int kMaxClients = 100'000;
// Ten million events are about 220 MB of trace; more than this is refused rather than risked.
constexpr double kMaxEvents = 50e6;
// A trace event numbers its pipeline stage in one byte (sim::TraceEvent): stages 0 to 255.
constexpr int kMaxStages = 256;

std::optional<Error> validateWorkload(const sim::Workload& w) {
    if (w.kind == sim::Workload::Kind::ClosedLoop && (w.clients < 1 || w.clients > kMaxClients))
        return makeError(QStringLiteral("must be from 1 to %1, got %2").arg(kMaxClients).arg(w.clients),
                         QStringLiteral("clients"));
    if (w.kind == sim::Workload::Kind::OpenLoop && !(w.ratePerSecond > 0 && w.ratePerSecond <= 1e7))
        return makeError(QStringLiteral("must be above 0 and at most 10,000,000 requests per second"),
                         QStringLiteral("rate"));
    if (w.requests < 1 || w.requests > kMaxRequests)
        return makeError(QStringLiteral("must be from 1 to %1, got %2").arg(kMaxRequests).arg(w.requests),
                         QStringLiteral("requests"));
    if (w.warmup < 0 || w.warmup > kMaxRequests)
        return makeError(QStringLiteral("must be from 0 to %1, got %2").arg(kMaxRequests).arg(w.warmup),
                         QStringLiteral("warmup"));
    return std::nullopt;
}

std::int64_t chipDeviceBytes(const model::ModelGraph& graph) {
    // Every weight, embedding tables included, lives in the chip's DRAM; SRAM only caches.
    return graph.weightBytes();
}

// Each worker process serves at least one model copy and needs a vCPU for its interpreter thread.
std::optional<Error> validateWorkers(const sim::RunInputs& in) {
    const auto& c = in.config;
    const bool gpu = in.instance.isGpu();
    const int groups = gpu ? 1 : static_cast<int>(c.groupSizes.size());
    const QString field = QStringLiteral("workers");
    if (c.workers < 0 || c.workers > 4096)
        return makeError(QStringLiteral("must be from 1 to 4096 (0 means one per NeuronCore group), got %1")
                             .arg(c.workers),
                         field);
    const int workers = servingWorkers(c, gpu);
    if (groups > 0 && workers > groups)
        return makeError(QStringLiteral("%1 workers for %2 model %3: a worker without a model copy serves "
                                        "nothing; use at most %2")
                             .arg(workers)
                             .arg(groups)
                             .arg(groups == 1 ? QStringLiteral("copy") : QStringLiteral("copies")),
                         field);
    if (in.instance.vcpus > 0 && workers > in.instance.vcpus)
        return makeError(QStringLiteral("%1 worker processes need %1 vCPUs; %2 has %3")
                             .arg(workers)
                             .arg(in.instance.name)
                             .arg(in.instance.vcpus),
                         field);
    return std::nullopt;
}

// A GPU instance runs one model copy with no NeuronCore settings, and must hold it in memory.
std::optional<Error> validateGpu(const sim::RunInputs& in) {
    const auto& spec = in.instance;
    const auto& c = in.config;
    if (!c.groupSizes.empty())
        return makeError(
            QStringLiteral("NeuronCore groups apply to Inferentia instances; %1 has a GPU").arg(spec.name),
            QStringLiteral("group sizes"));
    if (c.pipelineCores != 1)
        return makeError(
            QStringLiteral("pipeline cores apply to Inferentia instances; %1 has a GPU").arg(spec.name),
            QStringLiteral("pipeline cores"));
    const double activations =
        static_cast<double>(c.batch) * std::accumulate(in.model.ops.begin(), in.model.ops.end(), 0.0,
                                                       [](double m, const model::Operator& op) {
                                                           return std::max(m, double(op.activationOutBytes));
                                                       });
    if (double(in.model.weightBytes()) + 2 * activations > double(spec.gpu.memBytes))
        return makeError(QStringLiteral("the model needs %1 MB at batch %2; the GPU has %3 MB")
                             .arg((double(in.model.weightBytes()) + 2 * activations) / 1e6, 0, 'f', 0)
                             .arg(c.batch)
                             .arg(double(spec.gpu.memBytes) / 1e6, 0, 'f', 0),
                         QStringLiteral("batch"));
    return validateWorkers(in);
}

// Each chip's DRAM holds the weights of every model copy placed on it.
std::optional<Error> validateChipMemory(const sim::RunInputs& in) {
    const auto& spec = in.instance;
    const auto& c = in.config;
    const int perChip = spec.neuron.coresPerChip;
    const std::int64_t modelBytes = chipDeviceBytes(in.model);
    std::vector<double> chipBytes(spec.chips, 0.0);
    int core = 0;
    for (int size : c.groupSizes) {
        for (int k = 0; k < size; ++k, ++core)
            chipBytes[core / perChip] += double(modelBytes) / size;
    }
    for (int chip = 0; chip < spec.chips; ++chip) {
        if (chipBytes[chip] > double(spec.neuron.dramBytesPerChip))
            return makeError(
                QStringLiteral("the model copies on chip %1 need %2 MB of device memory; a chip has %3 MB")
                    .arg(chip)
                    .arg(chipBytes[chip] / 1e6, 0, 'f', 0)
                    .arg(double(spec.neuron.dramBytesPerChip) / 1e6, 0, 'f', 0),
                QStringLiteral("NEURONCORE_GROUP_SIZES"));
    }
    return std::nullopt;
}

} // namespace

std::optional<Error> validate(const sim::RunInputs& in) {
    const auto& spec = in.instance;
    const auto& c = in.config;
    if (in.model.ops.empty())
        return makeError(QStringLiteral("the model has no operators"), QStringLiteral("model"));
    if (c.batch < 1 || c.batch > kMaxBatch)
        return makeError(QStringLiteral("must be from 1 to %1, got %2").arg(kMaxBatch).arg(c.batch),
                         QStringLiteral("batch"));
    if (c.sequenceLength < 1)
        return makeError(QStringLiteral("must be at least 1, got %1").arg(c.sequenceLength),
                         QStringLiteral("sequence length"));
    if (spec.price(in.priceSet) < 0)
        return makeError(QStringLiteral("%1 has no price in the price set '%2'").arg(spec.name, in.priceSet),
                         QStringLiteral("prices"));
    if (auto error = validateWorkload(in.workload))
        return error;

    if (spec.isGpu())
        return validateGpu(in);

    const int cores = spec.totalCores();
    if (c.groupSizes.empty())
        return makeError(QStringLiteral("is empty; write one size per group, e.g. \"1,1,1,1\""),
                         QStringLiteral("NEURONCORE_GROUP_SIZES"));
    if (c.pipelineCores < 1 || c.pipelineCores > cores)
        return makeError(QStringLiteral("must be from 1 to %1 on %2, got %3")
                             .arg(cores)
                             .arg(spec.name)
                             .arg(c.pipelineCores),
                         QStringLiteral("pipeline cores"));
    if (c.pipelineCores > kMaxStages)
        return makeError(
            QStringLiteral("must be at most %1 (a trace numbers pipeline stages in one byte), got %2")
                .arg(kMaxStages)
                .arg(c.pipelineCores),
            QStringLiteral("pipeline cores"));
    if (c.pipelineCores > static_cast<int>(in.model.ops.size()))
        return makeError(QStringLiteral("%1 stages for a model of %2 operators")
                             .arg(c.pipelineCores)
                             .arg(in.model.ops.size()),
                         QStringLiteral("pipeline cores"));
    const int asked = std::accumulate(c.groupSizes.begin(), c.groupSizes.end(), 0);
    if (asked > cores)
        return makeError(
            QStringLiteral("asks for %1 NeuronCores; %2 has %3").arg(asked).arg(spec.name).arg(cores),
            QStringLiteral("NEURONCORE_GROUP_SIZES"));
    for (std::size_t i = 0; i < c.groupSizes.size(); ++i) {
        if (c.groupSizes[i] != c.pipelineCores)
            return makeError(QStringLiteral("group %1 has %2 NeuronCores but the model is compiled for %3 "
                                            "(--neuroncore-pipeline-cores); make them equal")
                                 .arg(i + 1)
                                 .arg(c.groupSizes[i])
                                 .arg(c.pipelineCores),
                             QStringLiteral("NEURONCORE_GROUP_SIZES"));
    }
    // Workers are checked once the groups they serve are known to be valid.
    if (auto error = validateWorkers(in))
        return error;
    if (auto error = validateChipMemory(in))
        return error;
    const double events = (double(in.workload.requests) + in.workload.warmup) * (3.0 * c.pipelineCores + 2);
    if (events > kMaxEvents)
        return makeError(
            QStringLiteral("%1 requests would make about %2 million trace events (at most %3 million); "
                           "ask for fewer requests")
                .arg(in.workload.requests)
                .arg(events / 1e6, 0, 'f', 0)
                .arg(kMaxEvents / 1e6, 0, 'f', 0),
            QStringLiteral("requests"));
    return std::nullopt;
}

namespace {

// A GPU runs the whole model as one stage of one group.
Placement gpuPlacement(const sim::RunInputs& in) {
    const auto& ops = in.model.ops;
    Placement placement;
    Group group;
    Stage stage;
    stage.endOp = static_cast<int>(ops.size());
    stage.core = -1;
    stage.weightBytes = in.model.weightBytes();
    stage.residentBytes = stage.weightBytes;
    for (const auto& op : ops)
        stage.computeNs += sim::gpuKernelNs(op, in.instance.gpu, in.config.batch, in.model.dtypeBytes);
    stage.outputBytes = ops.back().activationOutBytes * in.config.batch;
    group.stages.push_back(stage);
    group.maxInFlight = 1;
    placement.groups.push_back(group);
    placement.deviceBytesPerChipMax = stage.weightBytes;
    return placement;
}

// The compiler balances stages by estimated time: engine time plus, for the share of dense
// weights that cannot all be pinned across the stages, the time to stream them.
std::vector<double> operatorCosts(const sim::RunInputs& in) {
    const auto& dev = in.instance.neuron;
    const auto& c = in.config;
    const auto& ops = in.model.ops;
    std::int64_t pinnable = 0;
    for (const auto& op : ops)
        pinnable += sim::isPinnable(op) ? op.weightBytes : 0;
    const double sramTotal = double(dev.sramBytes) * c.pipelineCores;
    const double unpinnedShare = pinnable > 0 ? std::max(0.0, 1.0 - sramTotal / double(pinnable)) : 0.0;
    const double perCoreBandwidth = dev.dramBandwidth * dev.dramEfficiency / dev.coresPerChip;
    std::vector<double> cost(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const auto& op = ops[i];
        const bool cacheable = sim::isPinnable(op) || op.weightBytes == 0;
        const double streamed = cacheable ? op.weightReadBytes * unpinnedShare : op.weightReadBytes;
        cost[i] = sim::neuronOpNs(op, dev, c.batch, c.dataType) + streamed / perCoreBandwidth * 1e9;
    }
    return cost;
}

// Operators [firstOp, endOp) on one NeuronCore: their weights, what SRAM keeps of them and what
// streams, and their engine time.
Stage neuronStage(const sim::RunInputs& in, int firstOp, int endOp, int core) {
    const auto& dev = in.instance.neuron;
    const auto& c = in.config;
    const auto& ops = in.model.ops;
    Stage stage;
    stage.firstOp = firstOp;
    stage.endOp = endOp;
    stage.core = core;
    stage.chip = stage.core / dev.coresPerChip;
    std::int64_t dense = 0, gathered = 0, shared = 0, activations = 0;
    for (int i = stage.firstOp; i < stage.endOp; ++i) {
        const auto& op = ops[i];
        stage.weightBytes += op.weightBytes;
        if (sim::isPinnable(op))
            dense += op.weightBytes;
        else if (op.weightBytes == 0)
            shared += op.weightReadBytes; // reuses weights counted on another operator
        else
            gathered += op.weightReadBytes;
        activations = std::max(activations, sim::activationBytes(op, c.batch));
        stage.computeNs += sim::neuronOpNs(op, dev, c.batch, c.dataType);
    }
    // SRAM holds the batch's activations first; what is left pins dense weights.
    stage.activationBytes = std::min(activations, dev.sramBytes);
    stage.residentBytes = std::min(dense, dev.sramBytes - stage.activationBytes);
    // Shared weights (ALBERT's layers, a tied LM head) are re-read from wherever their
    // owner keeps them: on chip as far as this stage's dense weights are.
    const double residentShare = dense > 0 ? double(stage.residentBytes) / double(dense) : 0.0;
    stage.streamedBytes = dense - stage.residentBytes + gathered +
                          static_cast<std::int64_t>(double(shared) * (1.0 - residentShare));
    stage.outputBytes = ops[stage.endOp - 1].activationOutBytes * c.batch;
    return stage;
}

} // namespace

Result<Placement> plan(const sim::RunInputs& in) {
    if (auto error = validate(in))
        return *error;
    if (in.instance.isGpu())
        return gpuPlacement(in);
    const auto& dev = in.instance.neuron;
    const int opCount = static_cast<int>(in.model.ops.size());
    const std::vector<int> starts = partitionMinMax(operatorCosts(in), in.config.pipelineCores);
    Placement placement;
    int nextCore = 0;
    for (int size : in.config.groupSizes) {
        Group group;
        group.maxInFlight = size + dev.extraInFlight;
        for (int s = 0; s < size; ++s)
            group.stages.push_back(
                neuronStage(in, starts[s], s + 1 < size ? starts[s + 1] : opCount, nextCore + s));
        nextCore += size;
        placement.groups.push_back(group);
    }
    placement.usedCores = nextCore;
    std::vector<std::int64_t> chipBytes(in.instance.chips, 0);
    for (const auto& g : placement.groups)
        for (const auto& s : g.stages)
            chipBytes[s.chip] += s.weightBytes;
    placement.deviceBytesPerChipMax = *std::max_element(chipBytes.begin(), chipBytes.end());
    return placement;
}

} // namespace pipescope::compile
