#pragma once

#include "sim/dram_model.h"
#include "sim/event_queue.h"
#include "sim/fifo.h"
#include "sim/jitter.h"
#include "sim/random.h"
#include "sim/run.h"
#include "sim/simulator.h"

#include <algorithm>

namespace pipescope::sim {

// The discrete-event model of one deployment: clients, the host's serialised framework work,
// the runtime's admission bound, pipeline stages on NeuronCores (or the GPU's kernel sequence),
// weight streaming through shared DRAM and activation transfers. Produces the trace and the
// request records; metrics are computed from them afterwards.
class DeploymentSimulator {
public:
    // Without `keepTrace` no event is stored: Trace::busyNs sums busy time instead (summary-only).
    // `timeEveryStream`: see RunControl::timeEveryStream.
    DeploymentSimulator(const RunInputs& inputs, const compile::Placement& placement, bool keepTrace = true,
                        bool timeEveryStream = false);
    ~DeploymentSimulator();
    DeploymentSimulator(const DeploymentSimulator&) = delete;
    DeploymentSimulator& operator=(const DeploymentSimulator&) = delete;

    // Runs to completion. Returns false when cancelled through `control`.
    bool run(const RunControl& control);

    // How busy each shared resource was over the whole run, for finding the bottleneck.
    struct ResourceUse {
        std::vector<double> workerLock; // busy fraction of each worker's interpreter lock
        std::vector<double> chipDram;   // weight bytes streamed / what the chip's DRAM could stream
    };

    Trace takeTrace() { return std::move(m_trace); }
    // Mean per request issued after the warm-up, in ms (see metrics::LatencyBreakdown).
    metrics::LatencyBreakdown breakdown() const;
    ResourceUse resourceUse() const;
    std::vector<RequestRecord> takeRequests() { return std::move(m_records); }
    std::int64_t processedEvents() const { return m_processed; }

private:
    struct Arrival {
        int request;
        std::int64_t at; // when it reaches the stage (now or later)
    };
    struct CoreState {
        int group = 0, stage = 0, chip = 0, lane = 0;
        int next = -1;               // the next stage's core, -1 after the last stage
        double stageNs = 0;          // its stage's engine time before jitter (compile::Stage::computeNs)
        double streamedBytes = 0;    // weights it streams per execution (compile::Stage::streamedBytes)
        std::int64_t transferNs = 0; // its output's transfer to the next stage or host
        Fifo<Arrival> queue;         // requests waiting for this stage (streaming, GPU)
        int request = -1;            // the request being streamed for, -1 when none
        std::int64_t start = 0, computeEnd = 0;
        double computeNs = 0; // this execution's engine time, jitter included
        double perChunk = 1;  // 1 / its stage's streamed weight chunks (dense operators)
        // A stage whose weights all stay in SRAM shares nothing with other cores, so its timing is
        // the tandem-queue recursion start = max(arrival, free): computed in runTandem(), without
        // events. So is a streaming stage whose weights are certain to be in before its engines
        // need them, whatever the other streams of its chip do (placeStages()). Any other
        // streaming stage's end is known when its weights have arrived, and from then on the
        // same recursion holds. `freeAt` is when the core's last known request leaves it.
        bool tandem = false;
        // A tandem stage whose stream still takes its share of the chip's DRAM, from stages there
        // that can wait for theirs: it streams silently (DramModel) from its start.
        bool silentStream = false;
        std::int64_t freeAt = 0;
    };
    struct GroupState {
        int inFlight = 0;
        std::vector<int> cores; // core state index per stage
    };
    struct HostJob {
        int request;
        bool post; // after the device (output conversion) or before it (input preparation)
    };
    // One serving worker process: its framework work holds the process's interpreter lock, so it
    // is serialised within the worker and runs in parallel across workers.
    struct WorkerState {
        Fifo<HostJob> queue; // work waiting for the lock
        HostJob job{-1, false};
        bool busy = false;
        int lane = 0;
        int outstanding = 0;     // requests sent to this worker and not yet answered
        Fifo<int> pending;       // prepared requests waiting for room in one of its model copies
        std::vector<int> groups; // the NeuronCore groups (model copies) this worker drives
        std::int64_t busyNs = 0;
    };

    void placeStages(int workers);
    void markStreamsInTime();
    void issue(int client);
    void scheduleArrival();
    void hostEnqueue(int worker, int request, bool post);
    void hostStartNext(int worker);
    void onHostDone(int request, int worker);
    void tryAdmit(int worker);
    void onDeviceArrive(int request);
    void arriveAt(int core, int request, std::int64_t at);
    void runTandem(int core, int request, std::int64_t t);
    void startStream(int core, int request, std::int64_t arrival);
    void startGpuStage(int core);
    void onGpuDone();
    void onStreamCheck(int chip);
    void finishStream(int core, std::int64_t finish);
    void leaveDevice(int request, std::int64_t at);
    void onDeviceDone(int request);
    void completeRequest(int request);
    // The chip's streams changed: its next completion is looked for once the event being handled
    // is done (an event often changes a chip's streams more than once: a stream ends, the core
    // starts its next one, the request starts one on the next core). Inline: it runs several times
    // per streaming stage.
    void dramChanged(int chip) {
        auto& dirty = m_chipDirty[static_cast<std::size_t>(chip)];
        if (!dirty) {
            dirty = 1;
            m_dirtyChips.push_back(chip);
        }
    }
    void scheduleDirtyChips();
    void scheduleCheck(int chip);
    void reserveTrace();
    // metrics::LatencyBreakdown's parts summed in whole nanoseconds: integer adds are exact and
    // quicker than adding each part to a double in memory (a chain of floating-point latencies).
    struct BreakdownNs {
        std::int64_t hostQueue = 0, hostSerialised = 0, admissionWait = 0, runtime = 0, stageQueue = 0,
                     compute = 0, weightStream = 0, transfer = 0;
    };
    // Adds `ns` to one part of the latency breakdown when `request` is a measured one.
    void account(std::int64_t BreakdownNs::*part, int request, std::int64_t ns) {
        if (request >= m_warmup)
            m_breakdownNs.*part += ns;
    }
    // Time since the request started waiting for what it waits on now; restarts the clock.
    std::int64_t waited(int request) {
        std::int64_t& since = m_since[static_cast<std::size_t>(request)];
        const std::int64_t waited = m_now - since;
        since = m_now;
        return waited;
    }
    // Keeps an event in the trace, or in summary-only mode adds its time after the warm-up to the
    // lane's busy sums. Events recorded before the warm-up's end is known (on-chip stages record
    // ahead of time) wait in m_early until it is, so the sums are what summarise() computes from a
    // full trace. Inline: it runs for every trace event.
    void record(int lane, std::int64_t start, std::int64_t duration, int request, EventKind kind, int stage) {
        if (m_keepTrace) {
            keep(lane, start, duration, request, kind, stage);
            return;
        }
        ++m_trace.unkeptEvents;
        if (m_measuredFrom < 0) {
            // The warm-up ends at a completion still to come, so what ends by now is all before it.
            if (start + duration > m_now)
                m_early.push_back(EarlyEvent{start, start + duration, lane, kind});
            return;
        }
        addBusy(lane, kind, start, start + duration);
    }
    void addBusy(int lane, EventKind kind, std::int64_t start, std::int64_t end) {
        const std::int64_t begin = std::max(start, m_measuredFrom);
        if (end > begin)
            m_trace.busyNs[static_cast<std::size_t>(lane)][static_cast<std::size_t>(kind)] += end - begin;
    }
    void keep(int lane, std::int64_t start, std::int64_t duration, int request, EventKind kind, int stage);

    const RunInputs& m_in;
    const compile::Placement& m_placement;
    Random m_random;
    Jitter m_deviceJitter; // host.jitter: stages, the runtime's submit and completion
    Jitter m_hostJitter;   // host.host_jitter: the framework's work under the worker's lock
    EventQueue m_queue;
    std::int64_t m_now = 0;

    std::vector<CoreState> m_cores; // one per placed stage (index = global core id on Inferentia)
    std::vector<GroupState> m_groups;
    std::vector<DramModel> m_dram; // one per chip
    std::vector<int> m_finished;   // cores whose weight streams just completed (reused buffer)
    std::vector<WorkerState> m_workers;
    std::vector<int> m_groupWorker;        // worker serving each group
    std::vector<int> m_requestWorker;      // worker serving each request
    std::vector<std::int64_t> m_since;     // when each request began its current wait
    std::vector<double> m_chipStreamed;    // weight bytes streamed per chip
    std::vector<std::uint8_t> m_chipDirty; // streams changed during this event (dramChanged)
    std::vector<int> m_dirtyChips;         // those chips, to schedule after the event
    BreakdownNs m_breakdownNs;             // sums over measured requests
    bool m_gpu = false;
    int m_warmup = 0;                  // requests issued first and left out of the breakdown
    double m_hostWorkNs = 0;           // one half of the host's framework work per request, before jitter
    double m_inputCopyNs = 0;          // the batch's input over PCIe
    std::vector<double> m_gpuKernelNs; // per operator at this batch, before jitter (computed once)

    std::vector<RequestRecord> m_records;
    std::int64_t m_total = 0, m_issued = 0, m_completed = 0, m_processed = 0;
    Trace m_trace;
    bool m_keepTrace = true;
    bool m_timeEveryStream = false;
    std::int64_t m_measuredFrom = -1; // end of the warm-up once known (summary-only busy sums)
    struct EarlyEvent {
        std::int64_t start, end;
        int lane;
        EventKind kind;
    };
    std::vector<EarlyEvent> m_early; // summary-only: recorded before m_measuredFrom was known
    // m_early's buffer, kept per thread from one run to the next (see the constructor).
    static std::vector<EarlyEvent>& earlyPool();
};

} // namespace pipescope::sim
