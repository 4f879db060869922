#pragma once

// A hand-built run with every field set to a distinctive value, shared by the profile and
// export tests so that a field the writer forgets shows up as a difference.
#include "sim/run.h"

#include <memory>

namespace pipescope::testing {

inline sim::Run makeRun(int lanes = 2, int eventsPerLane = 5, int instanceIndex = 0) {
    sim::Run run;
    auto& in = run.inputs;
    in.model.name = QStringLiteral("tiny-bert");
    in.model.family = QStringLiteral("bert");
    in.model.source = QStringLiteral("preset, \"quoted\"");
    in.model.sequenceLength = 64;
    in.model.dtypeBytes = 2;
    in.model.warnings = {QStringLiteral("approximate softmax")};
    for (int i = 0; i < 3; ++i) {
        model::Operator op;
        op.name = QStringLiteral("layer%1").arg(i);
        op.type = i == 1 ? QStringLiteral("Softmax") : QStringLiteral("MatMul");
        op.engine = i == 1 ? model::EngineKind::Vector : model::EngineKind::Tensor;
        op.flops = 1.25e9 * (i + 1);
        op.parameters = 1000003LL * (i + 1);
        op.weightBytes = 2000006LL * (i + 1);
        op.weightReadBytes = 1999999LL * (i + 1);
        op.activationInBytes = 4096 + i;
        op.activationOutBytes = 8192 + i;
        in.model.ops.push_back(op);
    }
    in.instance.name = instanceIndex == 0 ? QStringLiteral("inf1.xlarge") : QStringLiteral("inf1, \"6xl\"");
    in.instance.device = QStringLiteral("inferentia1");
    in.instance.chips = 1;
    in.instance.vcpus = 4;
    in.instance.hostMemoryGiB = 8;
    in.instance.pricePerHour = {{QStringLiteral("launch"), 0.368}, {QStringLiteral("2024"), 0.228}};
    in.instance.neuron.vectorFlops = 1.1e12;
    in.instance.neuron.sramBytes = 24LL << 20;
    in.instance.neuron.dramBytesPerChip = 8LL << 30;
    in.instance.neuron.dramBandwidth = 50e9;
    in.instance.neuron.stageOverheadNs = 12345.5;
    in.instance.gpu.memBandwidth = 3.2e11;
    in.instance.host.requestOverheadNs = 250000;
    in.instance.host.jitter = 0.03;
    in.instance.sources = {{QStringLiteral("neuron.sram_bytes"), QStringLiteral("calibrated fit 3")}};
    in.config.groupSizes = {2, 2};
    in.config.pipelineCores = 2;
    in.config.batch = 4 + instanceIndex;
    in.config.sequenceLength = 64;
    in.workload.clients = 8;
    in.workload.requests = 300;
    in.workload.warmup = 20;
    in.workload.seed = 0xFEEDFACECAFEBEEFULL; // above 2^53: stored as a string

    auto& s = run.summary;
    s.throughputPerSecond = 1234.5678 * (instanceIndex + 1);
    s.latencyMs = {3.1, 3.0, 3.5, 3.75, 4.25, 9.125};
    s.pricePerHour = 0.368;
    s.costPerMillionUsd = 0.0828 / (instanceIndex + 1);
    s.cores = {{0, 0, 0.5, 0.25, 0.125, 0.125}, {1, 0, 0.25, 0.25, 0.25, 0.25}};
    s.completedRequests = 300;
    s.events = lanes * eventsPerLane;
    s.processedEvents = 777;
    s.simulatedNs = 987654321;
    s.wallSeconds = 0.042;

    compile::Group group;
    group.maxInFlight = 5;
    group.stages = {{0, 2, 0, 0, 100, 90, 10, 20, 30, 1500.5}, {2, 3, 1, 0, 50, 50, 0, 20, 40, 700.25}};
    run.placement.groups = {group};
    run.placement.usedCores = 2;
    run.placement.deviceBytesPerChipMax = 123456789;

    for (int l = 0; l < lanes; ++l) {
        sim::Lane lane;
        lane.core = l;
        lane.chip = l / 4;
        lane.label = QStringLiteral("NC %1").arg(l);
        std::int64_t t = 1000 * l + 7;
        for (int e = 0; e < eventsPerLane; ++e) {
            const std::int64_t duration = 1001 + 333 * e; // sub-microsecond parts on purpose
            lane.append(t, duration, e, static_cast<sim::EventKind>(e % 3), static_cast<std::uint8_t>(l % 2));
            t += duration + (e % 2); // back to back every other event
        }
        run.trace.lanes.push_back(lane);
    }
    run.trace.endNs = 99999;
    for (int q = 0; q < 6; ++q)
        run.requests.push_back({q * 1500LL, q * 1500LL + 4000, q % 3, q % 2, q == 0});
    run.occupancy.binNs = 500;
    run.occupancy.bins = 3;
    run.occupancy.laneCores = {0, 1};
    run.occupancy.busy = {0.5f, 1.0f, 0.0f, 0.25f, 0.75f, 0.125f};
    run.occupancy.inFlight = {1.5f, 2.0f, 0.5f};
    run.occupancy.throughputPerSec = {1000.f, 2000.f, 3000.f};
    return run;
}

inline sim::RunPtr makeRunPtr(int lanes = 2, int eventsPerLane = 5, int instanceIndex = 0) {
    return std::make_shared<const sim::Run>(makeRun(lanes, eventsPerLane, instanceIndex));
}

} // namespace pipescope::testing
