#pragma once

#include "core/huge_page_allocator.h"

#include <QString>

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pipescope::sim {

// What a lane is doing during one event. Utilisation is split by these.
enum class EventKind : std::uint8_t {
    Compute = 0,    // engines busy (weights resident or already streamed)
    WeightWait = 1, // stalled on weights streaming from DRAM
    Transfer = 2,   // activations moving to the next stage / host copies
    Kernel = 3,     // a GPU kernel
    Host = 4,       // framework work on the host (GPU lane)
};
constexpr int kEventKindCount = 5;
QString eventKindName(EventKind kind);

// One event, packed Tracy-style into 16 bytes: the start (48 bits of ns, 78 hours), the kind and
// the stage share one 64-bit word, with a 32-bit duration (4.29 s) and a 32-bit request id beside
// it. The start sits in the word's top bits so that words sort like starts. Callers read the
// fields through the accessors and never depend on this layout.
class TraceEvent {
public:
    static constexpr std::int64_t kMaxStartNs = (std::int64_t(1) << 48) - 1;
    static constexpr std::int64_t kMaxDurationNs = std::numeric_limits<std::uint32_t>::max();

    TraceEvent() = default;
    // The caller keeps startNs in [0, kMaxStartNs] and durationNs in [0, kMaxDurationNs]
    // (Lane::append checks; it is the only way events enter a lane).
    TraceEvent(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, std::uint8_t eventKind,
               std::uint8_t stageIndex)
        : m_startKindStage((static_cast<std::uint64_t>(startNs) << 16) |
                           (static_cast<std::uint64_t>(eventKind) << 8) | stageIndex)
        , m_duration(static_cast<std::uint32_t>(durationNs))
        , m_request(requestId) {}

    std::int64_t start() const { return static_cast<std::int64_t>(m_startKindStage >> 16); }
    std::int64_t duration() const { return m_duration; }
    std::int64_t end() const { return start() + duration(); }
    std::int32_t request() const { return m_request; }
    // The raw kind (an EventKind value; a damaged file is refused before it gets here).
    std::uint8_t kind() const { return static_cast<std::uint8_t>(m_startKindStage >> 8); }
    std::uint8_t stage() const { return static_cast<std::uint8_t>(m_startKindStage); }

    friend bool operator==(const TraceEvent&, const TraceEvent&) = default;

private:
    std::uint64_t m_startKindStage = 0; // start << 16 | kind << 8 | stage
    std::uint32_t m_duration = 0;
    std::int32_t m_request = 0;
};

constexpr std::size_t kBytesPerEvent = sizeof(TraceEvent);
static_assert(kBytesPerEvent <= 16, "trace events must stay at most 16 bytes (issue 11)");

// The events of one lane (a NeuronCore, the GPU or a host worker), sorted by start time.
struct Lane {
    int core = -1; // global NeuronCore id, -1 for the GPU, -2 for a host worker
    int chip = 0;
    QString label;

    std::size_t size() const { return m_events.size(); }
    bool empty() const { return m_events.empty(); }
    const TraceEvent& operator[](std::size_t i) const { return m_events[i]; }
    std::span<const TraceEvent> events() const { return m_events; }
    // Shorthands for the fields of event i.
    std::int64_t start(std::size_t i) const { return m_events[i].start(); }
    std::int64_t duration(std::size_t i) const { return m_events[i].duration(); }
    std::int64_t end(std::size_t i) const { return m_events[i].end(); }
    std::int32_t request(std::size_t i) const { return m_events[i].request(); }
    std::uint8_t kind(std::size_t i) const { return m_events[i].kind(); }
    std::uint8_t stage(std::size_t i) const { return m_events[i].stage(); }

    void reserve(std::size_t events) { m_events.reserve(events); }
    // Appends one event. A duration longer than a TraceEvent holds (4.29 s) is kept as back-to-back
    // pieces of the same kind, request and stage, so no busy time is lost. An event starting
    // before 0 or ending after TraceEvent::kMaxStartNs (78 hours) cannot be held: it is refused,
    // counted in refusedEvents() and false is returned; the simulator then fails the run.
    bool append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, EventKind eventKind,
                std::uint8_t stageIndex);
    // The same with the raw kind byte, for readers that have checked it.
    bool append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, std::uint8_t eventKind,
                std::uint8_t stageIndex);
    std::int64_t refusedEvents() const { return m_refused; }

    // First event whose end is after t, by binary search over start (events on a lane never
    // overlap, so end order equals start order).
    std::size_t firstEndingAfter(std::int64_t t) const;
    // One past the last event that starts before t.
    std::size_t lastStartingBefore(std::int64_t t) const;

private:
    std::vector<TraceEvent, HugePageAllocator<TraceEvent>> m_events; // written front to back, large
    std::int64_t m_refused = 0;
};

struct Trace {
    std::vector<Lane> lanes;
    std::int64_t endNs = 0;
    // A summary-only run (RunControl::keepTrace false) keeps lanes without events: instead, per
    // lane, the busy ns by EventKind after the warm-up, and how many events it did not keep.
    std::vector<std::array<std::int64_t, kEventKindCount>> busyNs;
    std::int64_t unkeptEvents = 0;
    std::size_t eventCount() const;     // events kept plus events not kept
    std::int64_t refusedEvents() const; // events no lane could hold (Lane::append)
};

// One request (one batch) from issue to completion.
struct RequestRecord {
    std::int64_t issueNs = 0;
    std::int64_t completeNs = 0;
    std::int32_t client = 0; // closed-loop client, -1 in open loop
    std::int32_t group = 0;  // NeuronCore group that served it
    bool warmup = false;
};

} // namespace pipescope::sim
