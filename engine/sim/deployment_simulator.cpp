#include "sim/deployment_simulator.h"

#include "sim/cost_model.h"

#include <algorithm>
#include <cmath>

namespace pipescope::sim {
namespace {

// Rounds a non-negative duration to whole nanoseconds (faster than llround on the hot path).
std::int64_t ns(double value) {
    return value > 0 ? static_cast<std::int64_t>(value + 0.5) : 0;
}

} // namespace

DeploymentSimulator::DeploymentSimulator(const RunInputs& inputs, const compile::Placement& placement,
                                         bool keepTrace)
    : m_in(inputs)
    , m_placement(placement)
    , m_random(inputs.workload.seed)
    , m_gpu(inputs.instance.isGpu())
    , m_keepTrace(keepTrace) {
    const auto& spec = m_in.instance;
    if (m_gpu) {
        Lane lane;
        lane.core = -1;
        lane.label = QStringLiteral("GPU");
        m_trace.lanes.push_back(lane);
        m_cores.resize(1);
    } else {
        const int cores = spec.totalCores();
        for (int core = 0; core < cores; ++core) {
            Lane lane;
            lane.core = core;
            lane.chip = core / spec.neuron.coresPerChip;
            lane.label = QStringLiteral("NC %1").arg(core);
            m_trace.lanes.push_back(lane);
        }
        m_cores.resize(static_cast<std::size_t>(cores));
        for (int chip = 0; chip < spec.chips; ++chip)
            m_dram.emplace_back(spec.neuron.dramBandwidth * spec.neuron.dramEfficiency);
    }
    Lane host;
    host.core = -2;
    host.label = QStringLiteral("host");
    m_trace.lanes.push_back(host);
    m_hostLane = static_cast<int>(m_trace.lanes.size()) - 1;

    m_groups.resize(m_placement.groups.size());
    for (std::size_t g = 0; g < m_placement.groups.size(); ++g) {
        const auto& stages = m_placement.groups[g].stages;
        for (std::size_t s = 0; s < stages.size(); ++s) {
            const int index = m_gpu ? 0 : stages[s].core;
            CoreState& core = m_cores[static_cast<std::size_t>(index)];
            core.group = static_cast<int>(g);
            core.stage = static_cast<int>(s);
            core.chip = stages[s].chip;
            core.lane = index;
            int chunks = 0;
            for (int i = stages[s].firstOp; i < stages[s].endOp; ++i)
                chunks += isPinnable(m_in.model.ops[static_cast<std::size_t>(i)]) ? 1 : 0;
            core.chunks = std::max(1, chunks);
            m_groups[g].cores.push_back(index);
        }
    }
    m_total = static_cast<std::int64_t>(m_in.workload.requests) + m_in.workload.warmup;
    m_records.resize(static_cast<std::size_t>(m_total));
    m_measuredFrom = m_in.workload.warmup > 0 ? -1 : 0;
    if (m_keepTrace)
        reserveTrace();
    else
        m_trace.busyNs.assign(m_trace.lanes.size(), {});
}

// Keeps an event in the trace, or in summary-only mode adds its time after the warm-up to the
// lane's busy sums (an event recorded before the warm-up's end is known is left out: the sums
// are then within one event per lane of what summarise() computes from a full trace).
void DeploymentSimulator::record(int lane, std::int64_t start, std::int64_t duration, int request,
                                 EventKind kind, int stage) {
    if (m_keepTrace) {
        m_trace.lanes[static_cast<std::size_t>(lane)].append(start, duration, request, kind,
                                                             static_cast<std::uint8_t>(stage));
        return;
    }
    ++m_trace.unkeptEvents;
    if (m_measuredFrom < 0)
        return;
    const std::int64_t begin = std::max(start, m_measuredFrom);
    if (start + duration > begin)
        m_trace.busyNs[static_cast<std::size_t>(lane)][static_cast<std::size_t>(kind)] +=
            start + duration - begin;
}

// Growing ten-million-element arrays by doubling costs more than simulating; size them from the
// expected event count instead (at most three events per stage execution, two host events).
void DeploymentSimulator::reserveTrace() {
    const auto total = static_cast<std::size_t>(m_total);
    const std::size_t groups = std::max<std::size_t>(1, m_groups.size());
    for (auto& lane : m_trace.lanes) {
        std::size_t expected = 0;
        if (lane.core == -2)
            expected = 2 * total;
        else if (lane.core == -1)
            expected = total * m_in.model.ops.size();
        else
            expected = 3 * total / groups + 16;
        lane.start.reserve(expected);
        lane.duration.reserve(expected);
        lane.request.reserve(expected);
        lane.kind.reserve(expected);
        lane.stage.reserve(expected);
    }
}

bool DeploymentSimulator::run(const RunControl& control) {
    if (m_in.workload.kind == Workload::Kind::ClosedLoop) {
        for (int c = 0; c < m_in.workload.clients && m_issued < m_total; ++c)
            issue(c);
    } else {
        scheduleArrival();
    }
    std::uint64_t popped = 0;
    while (!m_queue.empty()) {
        const Event e = m_queue.pop();
        m_now = e.time;
        switch (e.type) {
        case EventType::ClientIssue:
            issue(e.a);
            scheduleArrival();
            break;
        case EventType::HostDone:
            onHostDone(e.a);
            break;
        case EventType::DeviceArrive:
            onDeviceArrive(e.a);
            break;
        case EventType::StageComputed:
            onStageComputed(e.a, e.b);
            break;
        case EventType::StageFinish:
            onStageFinish(e.a, e.b);
            break;
        case EventType::StreamCheck:
            onStreamCheck(e.a, e.b);
            break;
        case EventType::TransferDone:
            onTransferDone(e.a);
            break;
        case EventType::DeviceDone:
            onDeviceDone(e.a);
            break;
        }
        if ((++popped & 0x3FFF) == 0) {
            if (control.cancel && control.cancel->load(std::memory_order_relaxed))
                return false;
            if (control.progress)
                control.progress(static_cast<double>(m_completed) / static_cast<double>(m_total));
        }
    }
    m_trace.endNs = m_now;
    m_processed = static_cast<std::int64_t>(popped);
    return true;
}

void DeploymentSimulator::issue(int client) {
    const int request = static_cast<int>(m_issued++);
    RequestRecord& r = m_records[static_cast<std::size_t>(request)];
    r.issueNs = m_now;
    r.client = client;
    hostEnqueue(request, false);
}

void DeploymentSimulator::scheduleArrival() {
    if (m_in.workload.kind != Workload::Kind::OpenLoop || m_issued >= m_total)
        return;
    const double meanGapNs = 1e9 / m_in.workload.ratePerSecond;
    m_queue.push(m_now + std::max<std::int64_t>(1, ns(m_random.exponential(meanGapNs))),
                 EventType::ClientIssue, -1);
}

// The framework's per-request work holds one interpreter lock: input preparation before the
// device and output conversion after it, half of the overhead each.
void DeploymentSimulator::hostEnqueue(int request, bool post) {
    m_hostQueue.push_back(HostJob{request, post});
    if (!m_hostBusy)
        hostStartNext();
}

void DeploymentSimulator::hostStartNext() {
    if (m_hostQueue.empty())
        return;
    m_hostJob = m_hostQueue.front();
    m_hostQueue.pop_front();
    m_hostBusy = true;
    const auto& host = m_in.instance.host;
    const double work = 0.5 * (host.requestOverheadNs + host.perSampleOverheadNs * m_in.config.batch);
    const std::int64_t duration = std::max<std::int64_t>(1, ns(work * m_random.jitter(host.hostJitter)));
    record(m_hostLane, m_now, duration, m_hostJob.request, EventKind::Host, m_hostJob.post ? 1 : 0);
    m_queue.push(m_now + duration, EventType::HostDone, m_hostJob.request);
}

void DeploymentSimulator::onHostDone(int request) {
    m_hostBusy = false;
    if (m_hostJob.post) {
        completeRequest(request);
    } else {
        m_pending.push_back(request);
        tryAdmit();
    }
    if (!m_hostBusy)
        hostStartNext();
}

// The runtime sends a request to the model copy with the fewest requests in flight, up to its
// bound (cores + 3 by default); the rest wait on the host.
void DeploymentSimulator::tryAdmit() {
    const auto& host = m_in.instance.host;
    while (!m_pending.empty()) {
        int best = -1;
        for (std::size_t g = 0; g < m_groups.size(); ++g) {
            const int bound = m_placement.groups[g].maxInFlight;
            if (m_groups[g].inFlight < bound && (best < 0 || m_groups[g].inFlight < m_groups[best].inFlight))
                best = static_cast<int>(g);
        }
        if (best < 0)
            return;
        const int request = m_pending.front();
        m_pending.pop_front();
        m_records[static_cast<std::size_t>(request)].group = best;
        ++m_groups[static_cast<std::size_t>(best)].inFlight;
        const double inputBytes =
            static_cast<double>(m_in.model.ops.front().activationInBytes) * m_in.config.batch;
        const double copyNs = inputBytes / host.pcieBandwidth * 1e9;
        const double delay = 0.5 * host.deviceLatencyNs * m_random.jitter(host.jitter) + copyNs;
        m_queue.push(m_now + ns(delay), EventType::DeviceArrive, request);
    }
}

void DeploymentSimulator::onDeviceArrive(int request) {
    const int group = m_records[static_cast<std::size_t>(request)].group;
    const int core = m_groups[static_cast<std::size_t>(group)].cores.front();
    m_cores[static_cast<std::size_t>(core)].queue.push_back(request);
    tryStart(core);
}

void DeploymentSimulator::tryStart(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    if (c.busy || c.queue.empty())
        return;
    c.request = c.queue.front();
    c.queue.pop_front();
    c.busy = true;
    c.start = m_now;
    c.finishing = false;
    ++c.generation;
    if (m_gpu)
        startGpuStage(core);
    else
        startNeuronStage(core);
}

void DeploymentSimulator::startNeuronStage(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    const auto& stage =
        m_placement.groups[static_cast<std::size_t>(c.group)].stages[static_cast<std::size_t>(c.stage)];
    c.computeNs =
        stage.computeNs * m_random.jitter(m_in.instance.host.jitter) + m_in.instance.neuron.stageOverheadNs;
    c.computeEnd = m_now + std::max<std::int64_t>(1, ns(c.computeNs));
    c.computeDone = false;
    m_queue.push(c.computeEnd, EventType::StageComputed, core, c.generation);
    if (stage.streamedBytes > 0) {
        c.streamDone = false;
        m_dram[static_cast<std::size_t>(c.chip)].start(core, static_cast<double>(stage.streamedBytes), m_now);
        rescheduleDram(c.chip);
    } else {
        c.streamDone = true;
        c.streamEnd = m_now;
    }
}

// The GPU runs the request's kernels back to back; one jitter factor per request models clock
// and scheduling variation, which affects all kernels of a request alike.
void DeploymentSimulator::startGpuStage(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    const auto& gpu = m_in.instance.gpu;
    const double factor = m_random.jitter(m_in.instance.host.jitter);
    std::int64_t t = m_now;
    if (m_gpuKernelNs.empty())
        for (const auto& op : m_in.model.ops)
            m_gpuKernelNs.push_back(gpuKernelNs(op, gpu, m_in.config.batch, m_in.model.dtypeBytes));
    for (const double kernelNs : m_gpuKernelNs) {
        const std::int64_t k = std::max<std::int64_t>(1, ns(kernelNs * factor));
        record(0, t, k, c.request, EventKind::Kernel, 0);
        t += k;
    }
    c.computeEnd = t;
    c.computeDone = true;
    c.streamDone = true;
    c.streamEnd = m_now;
    c.finishing = true;
    m_queue.push(t, EventType::StageFinish, core, c.generation);
}

void DeploymentSimulator::rescheduleDram(int chip) {
    const DramModel& dram = m_dram[static_cast<std::size_t>(chip)];
    const std::int64_t t = dram.nextCompletion();
    if (t >= 0)
        m_queue.push(std::max(t, m_now), EventType::StreamCheck, chip, dram.generation());
}

void DeploymentSimulator::onStreamCheck(int chip, std::uint32_t generation) {
    DramModel& dram = m_dram[static_cast<std::size_t>(chip)];
    if (generation != dram.generation())
        return;
    dram.finishDue(m_now, m_finished);
    for (int core : m_finished) {
        CoreState& c = m_cores[static_cast<std::size_t>(core)];
        c.streamDone = true;
        c.streamEnd = m_now;
        maybeFinish(core);
    }
    rescheduleDram(chip);
}

void DeploymentSimulator::onStageComputed(int core, std::uint32_t generation) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    if (generation != c.generation)
        return;
    c.computeDone = true;
    maybeFinish(core);
}

// Streaming overlaps compute as double-buffered DMA does: the stage ends when the engines are
// done and, after the last chunk of weights arrives, that chunk has been computed too.
void DeploymentSimulator::maybeFinish(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    if (!c.computeDone || !c.streamDone || c.finishing)
        return;
    const auto& stage =
        m_placement.groups[static_cast<std::size_t>(c.group)].stages[static_cast<std::size_t>(c.stage)];
    const double tail = stage.streamedBytes > 0 ? c.computeNs / c.chunks : 0.0;
    const std::int64_t finish = std::max(c.computeEnd, c.streamEnd + ns(tail));
    c.finishing = true;
    if (finish > m_now)
        m_queue.push(finish, EventType::StageFinish, core, c.generation);
    else
        finishStage(core);
}

void DeploymentSimulator::onStageFinish(int core, std::uint32_t generation) {
    if (generation == m_cores[static_cast<std::size_t>(core)].generation)
        finishStage(core);
}

void DeploymentSimulator::finishStage(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    const auto& group = m_placement.groups[static_cast<std::size_t>(c.group)];
    const auto& stage = group.stages[static_cast<std::size_t>(c.stage)];
    const int stageId = std::min(c.stage, 255);
    if (!m_gpu) {
        record(c.lane, c.start, c.computeEnd - c.start, c.request, EventKind::Compute, stageId);
        if (m_now > c.computeEnd)
            record(c.lane, c.computeEnd, m_now - c.computeEnd, c.request, EventKind::WeightWait, stageId);
    }
    // Activations go to the next stage's core (on chip, or over NeuronLink to another chip), or
    // back to the host after the last stage.
    const bool last = c.stage + 1 == static_cast<int>(group.stages.size());
    double bandwidth = m_in.instance.host.pcieBandwidth;
    if (!last) {
        const auto& next = group.stages[static_cast<std::size_t>(c.stage + 1)];
        bandwidth = next.chip == stage.chip ? m_in.instance.neuron.onChipBandwidth
                                            : m_in.instance.neuron.neuronLinkBandwidth;
    }
    const std::int64_t transfer = ns(static_cast<double>(stage.outputBytes) / bandwidth * 1e9);
    if (transfer > 0)
        record(c.lane, m_now, transfer, c.request, EventKind::Transfer, stageId);
    m_queue.push(m_now + transfer, EventType::TransferDone, core);
}

void DeploymentSimulator::onTransferDone(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    const int request = c.request;
    c.busy = false;
    c.request = -1;
    const auto& cores = m_groups[static_cast<std::size_t>(c.group)].cores;
    if (c.stage + 1 < static_cast<int>(cores.size())) {
        const int next = cores[static_cast<std::size_t>(c.stage + 1)];
        m_cores[static_cast<std::size_t>(next)].queue.push_back(request);
        tryStart(next);
    } else {
        const auto& host = m_in.instance.host;
        m_queue.push(m_now + ns(0.5 * host.deviceLatencyNs * m_random.jitter(host.jitter)),
                     EventType::DeviceDone, request);
    }
    tryStart(core);
}

void DeploymentSimulator::onDeviceDone(int request) {
    const int group = m_records[static_cast<std::size_t>(request)].group;
    --m_groups[static_cast<std::size_t>(group)].inFlight;
    tryAdmit();
    hostEnqueue(request, true);
}

void DeploymentSimulator::completeRequest(int request) {
    RequestRecord& r = m_records[static_cast<std::size_t>(request)];
    r.completeNs = m_now;
    if (++m_completed == m_in.workload.warmup)
        m_measuredFrom = m_now; // completions come in time order: this is markWarmup()'s threshold
    if (r.client >= 0 && m_issued < m_total)
        issue(r.client);
}

} // namespace pipescope::sim
