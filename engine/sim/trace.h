#pragma once

#include <QString>

#include <array>
#include <cstdint>
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

// The events of one lane (a NeuronCore, or the GPU), as flat arrays sorted by start time:
// 8 + 8 + 4 + 1 + 1 = 22 bytes per event, so ten million events stay in memory comfortably.
struct Lane {
    int core = -1; // global NeuronCore id, -1 for the GPU
    int chip = 0;
    QString label;
    std::vector<std::int64_t> start;    // ns since simulation start
    std::vector<std::int64_t> duration; // ns
    std::vector<std::int32_t> request;  // request id (one batch)
    std::vector<std::uint8_t> kind;     // EventKind
    std::vector<std::uint8_t> stage;    // pipeline stage within the group

    std::size_t size() const { return start.size(); }
    void append(std::int64_t startNs, std::int64_t durationNs, std::int32_t requestId, EventKind eventKind,
                std::uint8_t stageIndex);
    // First event whose end is after t, by binary search over start (events on a lane never
    // overlap, so end order equals start order).
    std::size_t firstEndingAfter(std::int64_t t) const;
    // One past the last event that starts before t.
    std::size_t lastStartingBefore(std::int64_t t) const;
};

constexpr std::size_t kBytesPerEvent =
    sizeof(std::int64_t) * 2 + sizeof(std::int32_t) + sizeof(std::uint8_t) * 2;
static_assert(kBytesPerEvent <= 24, "trace events must stay at most 24 bytes");

struct Trace {
    std::vector<Lane> lanes;
    std::int64_t endNs = 0;
    // A summary-only run (RunControl::keepTrace false) keeps lanes without events: instead, per
    // lane, the busy ns by EventKind after the warm-up, and how many events it did not keep.
    std::vector<std::array<std::int64_t, kEventKindCount>> busyNs;
    std::int64_t unkeptEvents = 0;
    std::size_t eventCount() const; // events kept plus events not kept
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
