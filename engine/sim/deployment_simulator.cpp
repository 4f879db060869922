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
                                         bool keepTrace, bool timeEveryStream)
    : m_in(inputs)
    , m_placement(placement)
    , m_random(inputs.workload.seed)
    , m_deviceJitter(inputs.instance.host.jitter)
    , m_hostJitter(inputs.instance.host.hostJitter)
    , m_gpu(inputs.instance.isGpu())
    , m_keepTrace(keepTrace)
    , m_timeEveryStream(timeEveryStream) {
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
        m_queue = EventQueue(spec.chips); // one slot per chip for its DRAM completion check
        for (int chip = 0; chip < spec.chips; ++chip)
            m_dram.emplace_back(spec.neuron.dramBandwidth * spec.neuron.dramEfficiency,
                                spec.neuron.dmaBandwidthPerCore);
    }
    // One host lane per serving worker process, after the device lanes.
    const int workers = compile::servingWorkers(m_in.config, m_gpu);
    m_workers.resize(static_cast<std::size_t>(workers));
    for (int w = 0; w < workers; ++w) {
        Lane host;
        host.core = -2;
        host.label = workers == 1 ? QStringLiteral("host") : QStringLiteral("host %1").arg(w);
        m_trace.lanes.push_back(host);
        m_workers[static_cast<std::size_t>(w)].lane = static_cast<int>(m_trace.lanes.size()) - 1;
    }

    placeStages(workers);
    m_total = static_cast<std::int64_t>(m_in.workload.requests) + m_in.workload.warmup;
    m_records.resize(static_cast<std::size_t>(m_total));
    m_requestWorker.resize(static_cast<std::size_t>(m_total));
    m_since.resize(static_cast<std::size_t>(m_total));
    m_chipStreamed.assign(static_cast<std::size_t>(std::max(1, spec.chips)), 0.0);
    m_chipDirty.assign(static_cast<std::size_t>(std::max(1, spec.chips)), 0);
    m_measuredFrom = m_in.workload.warmup > 0 ? -1 : 0;
    m_warmup = m_in.workload.warmup;
    m_hostWorkNs = 0.5 * (spec.host.requestOverheadNs + spec.host.perSampleOverheadNs * m_in.config.batch);
    if (!m_in.model.ops.empty())
        m_inputCopyNs = static_cast<double>(m_in.model.ops.front().activationInBytes) * m_in.config.batch /
                        spec.host.pcieBandwidth * 1e9;
    if (m_keepTrace) {
        reserveTrace();
    } else {
        m_trace.busyNs.assign(m_trace.lanes.size(), {});
        m_early.swap(earlyPool());
        m_early.clear();
    }
}

DeploymentSimulator::~DeploymentSimulator() {
    if (m_early.capacity() > earlyPool().capacity())
        m_early.swap(earlyPool());
}

// A sweep runs thousands of short summary-only simulations, one after another on each thread;
// growing a new buffer for the warm-up's events in each (copies and page faults) was a tenth of
// its time.
std::vector<DeploymentSimulator::EarlyEvent>& DeploymentSimulator::earlyPool() {
    thread_local std::vector<EarlyEvent> pool;
    return pool;
}

// The placement's stages onto their cores' states (what each stage computes, streams and sends
// where), and each model copy (group) to its serving worker, round robin.
void DeploymentSimulator::placeStages(int workers) {
    const auto& spec = m_in.instance;
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
            core.perChunk = 1.0 / std::max(1, chunks);
            core.stageNs = stages[s].computeNs;
            core.streamedBytes = static_cast<double>(stages[s].streamedBytes);
            core.tandem = !m_gpu && stages[s].streamedBytes == 0;
            // Activations go to the next stage's core (on chip, or over NeuronLink to another
            // chip), or back to the host after the last stage.
            double bandwidth = spec.host.pcieBandwidth;
            if (s + 1 < stages.size())
                bandwidth = stages[s + 1].chip == stages[s].chip ? spec.neuron.onChipBandwidth
                                                                 : spec.neuron.neuronLinkBandwidth;
            core.transferNs = ns(static_cast<double>(stages[s].outputBytes) / bandwidth * 1e9);
            core.next = s + 1 < stages.size() && !m_gpu ? stages[s + 1].core : -1;
            m_groups[g].cores.push_back(index);
        }
        const int worker = static_cast<int>(g) % workers;
        m_groupWorker.push_back(worker);
        m_workers[static_cast<std::size_t>(worker)].groups.push_back(static_cast<int>(g));
    }
    if (!m_gpu && !m_timeEveryStream)
        markStreamsInTime();
}

// A streaming stage ends at max(compute end, weights in + the last chunk's compute). Its stream
// gets at least the chip's bandwidth shared by all the chip's streaming cores (one stream per core
// at most), so it is in by start + bytes / that rate; when that is before the engines need the last
// chunk even at the least jitter, the stage ends at its compute end whatever the chip's other
// streams do: it is timed like an SRAM-only stage, by the tandem-queue recursion, without events.
// If that holds for every streaming stage of a chip, the chip's DRAM is not simulated at all. If
// not, the stages that could wait still share it with the others' streams: those stream silently
// (DramModel), taking their share without an event at their end. The only differences are the
// order of the random draws (see runTandem()) and, on chips with silent streams, that a silent
// stream leaves the sharing at its exact end rather than at the next whole nanosecond. At a large
// batch, where the engines take longer than the weights, this is most stages of a long pipeline.
void DeploymentSimulator::markStreamsInTime() {
    // Far above the rounding of whole nanoseconds and of the DRAM model's floating-point sums.
    constexpr double kSlackNs = 1000;
    const double leastJitter = m_deviceJitter.minimum();
    const double overheadNs = m_in.instance.neuron.stageOverheadNs;
    std::vector<int> streamingCores(m_dram.size(), 0);
    for (const CoreState& c : m_cores)
        if (c.streamedBytes > 0)
            ++streamingCores[static_cast<std::size_t>(c.chip)];
    std::vector<std::uint8_t> coreInTime(m_cores.size(), 0), chipInTime(m_dram.size(), 1);
    for (std::size_t i = 0; i < m_cores.size(); ++i) {
        const CoreState& c = m_cores[i];
        if (!(c.streamedBytes > 0))
            continue;
        const auto chip = static_cast<std::size_t>(c.chip);
        const double latestInNs =
            c.streamedBytes / m_dram[chip].leastRate(static_cast<std::size_t>(streamingCores[chip]));
        const double leastComputeNs = c.stageNs * leastJitter + overheadNs;
        coreInTime[i] = latestInNs + kSlackNs <= leastComputeNs * (1.0 - c.perChunk) ? 1 : 0;
        chipInTime[chip] &= coreInTime[i];
    }
    for (std::size_t i = 0; i < m_cores.size(); ++i) {
        if (!coreInTime[i])
            continue;
        CoreState& c = m_cores[i];
        c.tandem = true;
        c.silentStream = !chipInTime[static_cast<std::size_t>(c.chip)];
    }
}

void DeploymentSimulator::keep(int lane, std::int64_t start, std::int64_t duration, int request,
                               EventKind kind, int stage) {
    m_trace.lanes[static_cast<std::size_t>(lane)].append(start, duration, request, kind,
                                                         static_cast<std::uint8_t>(stage));
}

// Growing ten-million-element arrays by doubling costs more than simulating; size them from the
// expected event count instead (at most three events per stage execution, two host events).
void DeploymentSimulator::reserveTrace() {
    const auto total = static_cast<std::size_t>(m_total);
    const std::size_t groups = std::max<std::size_t>(1, m_groups.size());
    for (auto& lane : m_trace.lanes) {
        std::size_t expected = 0;
        if (lane.core == -2)
            expected = 2 * total / m_workers.size() + 16;
        else if (lane.core == -1)
            expected = total * m_in.model.ops.size();
        else
            expected = 3 * total / groups + 16;
        lane.reserve(expected);
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
        // Its fields copied out one by one: the queue's slot is reused by the next push, and a
        // copy of the whole event went through the stack, its type read back from the copy.
        const Event& top = m_queue.pop();
        m_now = top.time;
        const EventType type = top.type();
        const std::int32_t a = top.a;
        const std::uint32_t b = top.b;
        switch (type) {
        case EventType::ClientIssue:
            issue(a);
            scheduleArrival();
            break;
        case EventType::HostDone:
            onHostDone(a, static_cast<int>(b));
            break;
        case EventType::DeviceArrive:
            onDeviceArrive(a);
            break;
        case EventType::StreamCheck:
            onStreamCheck(a);
            break;
        case EventType::GpuDone:
            onGpuDone();
            break;
        case EventType::DeviceDone:
            onDeviceDone(a);
            break;
        }
        if (!m_dirtyChips.empty())
            scheduleDirtyChips();
        if ((++popped & 0x3FFF) == 0) {
            if (control.cancel && control.cancel->load(std::memory_order_relaxed))
                return false;
            if (control.progress)
                control.progress(static_cast<double>(m_completed) / static_cast<double>(m_total));
        }
    }
    // A DRAM check replaced before its time used to be popped and ignored: count it as
    // processed, and let the run end at its time if it was the last, as then.
    m_trace.endNs = std::max(m_now, m_queue.latestDropped());
    m_processed = static_cast<std::int64_t>(popped) + m_queue.dropped();
    return true;
}

void DeploymentSimulator::issue(int client) {
    const int request = static_cast<int>(m_issued++);
    RequestRecord& r = m_records[static_cast<std::size_t>(request)];
    r.issueNs = m_now;
    r.client = client;
    // The serving front end hands a request to the worker with the fewest requests outstanding.
    int worker = 0;
    for (std::size_t w = 1; w < m_workers.size(); ++w)
        if (m_workers[w].outstanding < m_workers[static_cast<std::size_t>(worker)].outstanding)
            worker = static_cast<int>(w);
    ++m_workers[static_cast<std::size_t>(worker)].outstanding;
    m_requestWorker[static_cast<std::size_t>(request)] = worker;
    m_since[static_cast<std::size_t>(request)] = m_now;
    hostEnqueue(worker, request, false);
}

void DeploymentSimulator::scheduleArrival() {
    if (m_in.workload.kind != Workload::Kind::OpenLoop || m_issued >= m_total)
        return;
    const double meanGapNs = 1e9 / m_in.workload.ratePerSecond;
    m_queue.push(m_now + std::max<std::int64_t>(1, ns(m_random.exponential(meanGapNs))),
                 EventType::ClientIssue, -1);
}

// A worker's framework work holds its process's interpreter lock: input preparation before the
// device and output conversion after it, half of the overhead each. The inference call itself
// releases the lock, so other requests of the same worker are prepared while one is on the device.
void DeploymentSimulator::hostEnqueue(int worker, int request, bool post) {
    WorkerState& w = m_workers[static_cast<std::size_t>(worker)];
    w.queue.push_back(HostJob{request, post});
    if (!w.busy)
        hostStartNext(worker);
}

void DeploymentSimulator::hostStartNext(int worker) {
    WorkerState& w = m_workers[static_cast<std::size_t>(worker)];
    if (w.queue.empty())
        return;
    w.job = w.queue.front();
    w.queue.pop_front();
    w.busy = true;
    const std::int64_t duration = std::max<std::int64_t>(1, ns(m_hostWorkNs * m_hostJitter.draw(m_random)));
    w.busyNs += duration;
    account(&BreakdownNs::hostQueue, w.job.request, waited(w.job.request));
    account(&BreakdownNs::hostSerialised, w.job.request, duration);
    record(w.lane, m_now, duration, w.job.request, EventKind::Host, w.job.post ? 1 : 0);
    m_queue.push(m_now + duration, EventType::HostDone, w.job.request, static_cast<std::uint32_t>(worker));
}

void DeploymentSimulator::onHostDone(int request, int worker) {
    WorkerState& w = m_workers[static_cast<std::size_t>(worker)];
    w.busy = false;
    if (w.job.post) {
        completeRequest(request);
    } else {
        m_since[static_cast<std::size_t>(request)] = m_now;
        w.pending.push_back(request);
        tryAdmit(worker);
    }
    if (!w.busy)
        hostStartNext(worker);
}

// The runtime sends a worker's request to its model copy with the fewest requests in flight, up
// to the copy's bound (cores + 3 by default); the rest wait in the worker.
void DeploymentSimulator::tryAdmit(int worker) {
    WorkerState& w = m_workers[static_cast<std::size_t>(worker)];
    const auto& host = m_in.instance.host;
    while (!w.pending.empty()) {
        int best = -1;
        for (int g : w.groups) {
            const int bound = m_placement.groups[static_cast<std::size_t>(g)].maxInFlight;
            const int inFlight = m_groups[static_cast<std::size_t>(g)].inFlight;
            if (inFlight < bound &&
                (best < 0 || inFlight < m_groups[static_cast<std::size_t>(best)].inFlight))
                best = g;
        }
        if (best < 0)
            return;
        const int request = w.pending.front();
        w.pending.pop_front();
        m_records[static_cast<std::size_t>(request)].group = best;
        ++m_groups[static_cast<std::size_t>(best)].inFlight;
        const double delay = 0.5 * host.deviceLatencyNs * m_deviceJitter.draw(m_random) + m_inputCopyNs;
        account(&BreakdownNs::admissionWait, request, waited(request));
        account(&BreakdownNs::runtime, request, ns(delay));
        m_queue.push(m_now + ns(delay), EventType::DeviceArrive, request);
    }
}

void DeploymentSimulator::onDeviceArrive(int request) {
    const int group = m_records[static_cast<std::size_t>(request)].group;
    arriveAt(m_groups[static_cast<std::size_t>(group)].cores.front(), request, m_now);
}

// A request reaches a stage at `at` (now, or later when the stage before it has already been
// computed to its end): an on-chip run of stages is computed at once, a streaming stage starts its
// stream when its core is free, or queues it.
void DeploymentSimulator::arriveAt(int core, int request, std::int64_t at) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    if (m_gpu) {
        c.queue.push_back(Arrival{request, at});
        startGpuStage(core);
    } else if (c.tandem) {
        runTandem(core, request, at);
    } else if (c.request >= 0 || !c.queue.empty()) {
        c.queue.push_back(Arrival{request, at});
    } else {
        startStream(core, request, at);
    }
}

// The request through consecutive tandem stages (weights in SRAM, or streamed in time: see
// markStreamsInTime()), from its arrival at `t`. Such a stage is a FIFO single server that shares
// nothing that could delay it (its own core; a stream that is always in before it is needed), and
// requests reach it in the order they left the stage before, so each stage starts at
// max(arrival, when the core is free) and is busy for its compute and its output transfer: exactly
// what the events would give, in one step per stage instead of two or three events. Only the order
// of the random draws differs (each stage's jitter is drawn when the request enters the run, not
// when the stage starts), which leaves the distributions unchanged.
void DeploymentSimulator::runTandem(int core, int request, std::int64_t t) {
    const double overheadNs = m_in.instance.neuron.stageOverheadNs;
    // The breakdown's parts summed over the run in whole nanoseconds, accounted once at its end.
    std::int64_t queued = 0, computed = 0, transferred = 0;
    while (core >= 0 && m_cores[static_cast<std::size_t>(core)].tandem) {
        CoreState& c = m_cores[static_cast<std::size_t>(core)];
        const std::int64_t start = std::max(t, c.freeAt);
        if (c.streamedBytes > 0) {
            m_chipStreamed[static_cast<std::size_t>(c.chip)] += c.streamedBytes;
            if (c.silentStream) {
                m_dram[static_cast<std::size_t>(c.chip)].start(core, c.streamedBytes, start, m_now, true);
                dramChanged(c.chip);
            }
        }
        const double computeNs = c.stageNs * m_deviceJitter.draw(m_random) + overheadNs;
        const std::int64_t computeEnd = start + std::max<std::int64_t>(1, ns(computeNs));
        const int stageId = std::min(c.stage, 255);
        queued += start - t;
        computed += computeEnd - start;
        transferred += c.transferNs;
        record(c.lane, start, computeEnd - start, request, EventKind::Compute, stageId);
        if (c.transferNs > 0)
            record(c.lane, computeEnd, c.transferNs, request, EventKind::Transfer, stageId);
        c.freeAt = computeEnd + c.transferNs;
        t = c.freeAt;
        core = c.next;
    }
    account(&BreakdownNs::stageQueue, request, queued);
    account(&BreakdownNs::compute, request, computed);
    account(&BreakdownNs::transfer, request, transferred);
    if (core >= 0)
        arriveAt(core, request, t);
    else
        leaveDevice(request, t);
}

// A streaming stage starts when both its request and its core are there: its compute end is known
// then; when it ends is known once its weights have arrived (onStreamCheck), since the chip's DRAM
// is shared with the other cores' streams. The start may lie ahead of now: the DRAM model lets the
// stream in at its time.
void DeploymentSimulator::startStream(int core, int request, std::int64_t arrival) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    c.request = request;
    c.start = std::max(arrival, c.freeAt);
    account(&BreakdownNs::stageQueue, request, c.start - arrival);
    c.computeNs = c.stageNs * m_deviceJitter.draw(m_random) + m_in.instance.neuron.stageOverheadNs;
    c.computeEnd = c.start + std::max<std::int64_t>(1, ns(c.computeNs));
    m_dram[static_cast<std::size_t>(c.chip)].start(core, c.streamedBytes, c.start, m_now);
    m_chipStreamed[static_cast<std::size_t>(c.chip)] += c.streamedBytes;
    dramChanged(c.chip);
}

// The GPU runs the request's kernels back to back; one jitter factor per request models clock
// and scheduling variation, which affects all kernels of a request alike. One request at a time:
// the next starts when this one's output has been copied back (onGpuDone).
void DeploymentSimulator::startGpuStage(int core) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    if (c.request >= 0 || c.queue.empty())
        return;
    const Arrival next = c.queue.front();
    c.queue.pop_front();
    c.request = next.request;
    account(&BreakdownNs::stageQueue, c.request, m_now - next.at);
    const auto& gpu = m_in.instance.gpu;
    const double factor = m_deviceJitter.draw(m_random);
    std::int64_t t = m_now;
    if (m_gpuKernelNs.empty())
        for (const auto& op : m_in.model.ops)
            m_gpuKernelNs.push_back(gpuKernelNs(op, gpu, m_in.config.batch, m_in.model.dtypeBytes));
    for (const double kernelNs : m_gpuKernelNs) {
        const std::int64_t k = std::max<std::int64_t>(1, ns(kernelNs * factor));
        record(0, t, k, c.request, EventKind::Kernel, 0);
        t += k;
    }
    account(&BreakdownNs::compute, c.request, t - m_now);
    account(&BreakdownNs::transfer, c.request, c.transferNs);
    if (c.transferNs > 0)
        record(c.lane, t, c.transferNs, c.request, EventKind::Transfer, 0);
    m_queue.push(t + c.transferNs, EventType::GpuDone);
}

void DeploymentSimulator::onGpuDone() {
    CoreState& c = m_cores.front();
    const int request = c.request;
    c.request = -1;
    leaveDevice(request, m_now);
    startGpuStage(0);
}

void DeploymentSimulator::scheduleDirtyChips() {
    for (const int chip : m_dirtyChips) {
        m_chipDirty[static_cast<std::size_t>(chip)] = 0;
        scheduleCheck(chip);
    }
    m_dirtyChips.clear();
}

void DeploymentSimulator::scheduleCheck(int chip) {
    const std::int64_t t = m_dram[static_cast<std::size_t>(chip)].nextCompletion();
    // The schedule changed, but its next completion often did not (a start given ahead of time
    // after it): then the pending check stands.
    if (t < 0)
        m_queue.cancel(chip);
    else if (m_queue.slotTime(chip) != std::max(t, m_now))
        m_queue.reschedule(chip, std::max(t, m_now), EventType::StreamCheck, chip);
}

// Streaming overlaps compute as double-buffered DMA does: the stage ends when the engines are
// done and, after the last chunk of weights arrives, that chunk has been computed too.
void DeploymentSimulator::onStreamCheck(int chip) {
    DramModel& dram = m_dram[static_cast<std::size_t>(chip)];
    dram.finishDue(m_now, m_finished);
    for (int core : m_finished) {
        const CoreState& c = m_cores[static_cast<std::size_t>(core)];
        const std::int64_t tail = ns(c.computeNs * c.perChunk);
        finishStream(core, std::max(c.computeEnd, m_now + tail));
    }
    dramChanged(chip);
}

// The streaming stage ends at `finish` (now or later, known now): its events are recorded, and its
// output's transfer ends when the request reaches the next stage and the core is free for the
// next request it queues. Both are known now, so both are handed on now, without an event.
void DeploymentSimulator::finishStream(int core, std::int64_t finish) {
    CoreState& c = m_cores[static_cast<std::size_t>(core)];
    const int stageId = std::min(c.stage, 255);
    const int request = c.request;
    record(c.lane, c.start, c.computeEnd - c.start, request, EventKind::Compute, stageId);
    if (finish > c.computeEnd)
        record(c.lane, c.computeEnd, finish - c.computeEnd, request, EventKind::WeightWait, stageId);
    account(&BreakdownNs::compute, request, c.computeEnd - c.start);
    account(&BreakdownNs::weightStream, request, finish - c.computeEnd);
    account(&BreakdownNs::transfer, request, c.transferNs);
    if (c.transferNs > 0)
        record(c.lane, finish, c.transferNs, request, EventKind::Transfer, stageId);
    c.freeAt = finish + c.transferNs;
    c.request = -1;
    const int next = c.next;
    if (next >= 0)
        arriveAt(next, request, c.freeAt);
    else
        leaveDevice(request, c.freeAt);
    if (!c.queue.empty()) {
        const Arrival waiting = c.queue.front();
        c.queue.pop_front();
        startStream(core, waiting.request, waiting.at);
    }
}

// The request's output is back in host memory at `at` plus the runtime's completion latency.
void DeploymentSimulator::leaveDevice(int request, std::int64_t at) {
    const auto& host = m_in.instance.host;
    const std::int64_t completion = ns(0.5 * host.deviceLatencyNs * m_deviceJitter.draw(m_random));
    account(&BreakdownNs::runtime, request, completion);
    m_queue.push(at + completion, EventType::DeviceDone, request);
}

void DeploymentSimulator::onDeviceDone(int request) {
    const int group = m_records[static_cast<std::size_t>(request)].group;
    --m_groups[static_cast<std::size_t>(group)].inFlight;
    tryAdmit(m_groupWorker[static_cast<std::size_t>(group)]);
    m_since[static_cast<std::size_t>(request)] = m_now;
    hostEnqueue(m_requestWorker[static_cast<std::size_t>(request)], request, true);
}

void DeploymentSimulator::completeRequest(int request) {
    RequestRecord& r = m_records[static_cast<std::size_t>(request)];
    r.completeNs = m_now;
    if (++m_completed == m_in.workload.warmup) {
        m_measuredFrom = m_now; // completions come in time order: this is markWarmup()'s threshold
        for (const EarlyEvent& e : m_early)
            addBusy(e.lane, e.kind, e.start, e.end);
        m_early.clear();
    }
    --m_workers[static_cast<std::size_t>(m_requestWorker[static_cast<std::size_t>(request)])].outstanding;
    if (r.client >= 0 && m_issued < m_total)
        issue(r.client);
}

metrics::LatencyBreakdown DeploymentSimulator::breakdown() const {
    const double measured = static_cast<double>(std::max<std::int64_t>(1, m_issued - m_in.workload.warmup));
    const double scale = 1.0 / (measured * 1e6); // ns sums -> ms per request
    const auto ms = [scale](std::int64_t sum) { return static_cast<double>(sum) * scale; };
    const BreakdownNs& n = m_breakdownNs;
    metrics::LatencyBreakdown b;
    b.hostQueue = ms(n.hostQueue);
    b.hostSerialised = ms(n.hostSerialised);
    b.admissionWait = ms(n.admissionWait);
    b.runtime = ms(n.runtime);
    b.stageQueue = ms(n.stageQueue);
    b.compute = ms(n.compute);
    b.weightStream = ms(n.weightStream);
    b.transfer = ms(n.transfer);
    return b;
}

DeploymentSimulator::ResourceUse DeploymentSimulator::resourceUse() const {
    ResourceUse use;
    const double span = static_cast<double>(std::max<std::int64_t>(1, m_now));
    for (const auto& w : m_workers)
        use.workerLock.push_back(static_cast<double>(w.busyNs) / span);
    if (!m_gpu) {
        const double perNs = m_in.instance.neuron.dramBandwidth * m_in.instance.neuron.dramEfficiency / 1e9;
        for (double bytes : m_chipStreamed)
            use.chipDram.push_back(bytes / (perNs * span));
    }
    return use;
}

} // namespace pipescope::sim
