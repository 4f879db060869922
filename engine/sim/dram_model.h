#pragma once

#include <cstdint>
#include <vector>

namespace pipescope::sim {

// A chip's DRAM as a processor-sharing server: the weight streams of its cores that are active at
// once share its bandwidth equally, so contention is simulated rather than averaged.
class DramModel {
public:
    // `streamCap` bounds what one stream reaches alone (a core's DMA queues); 0 means no cap.
    DramModel(double bytesPerSecond, double streamCap = 0)
        : m_bytesPerNs(bytesPerSecond / 1e9)
        , m_capPerNs(streamCap > 0 ? streamCap / 1e9 : bytesPerSecond / 1e9) {
        updateRate();
    }

    // Starts a stream for `core` at time `now`.
    void start(int core, double bytes, std::int64_t now);
    // Time at which the next active stream completes, or -1 when none is active.
    std::int64_t nextCompletion() const;
    // Advances to `now`, removes the streams that are done and puts their cores in `done`
    // (a buffer the caller reuses: this runs once per stream, on the hot path).
    void finishDue(std::int64_t now, std::vector<int>& done);
    // Bumped whenever the schedule changes; stale completion events compare it.
    std::uint32_t generation() const { return m_generation; }
    int active() const { return static_cast<int>(m_streams.size()); }

private:
    struct Stream {
        int core;
        double remaining; // bytes
    };
    void advance(std::int64_t now);
    // Bytes per ns each active stream gets: an equal share of the chip, at most the cap. Kept
    // up to date whenever the number of streams changes (it is read on every event of the chip).
    double rate() const { return m_rate; }
    void updateRate();

    double m_bytesPerNs;
    double m_capPerNs;
    std::vector<Stream> m_streams;
    double m_rate = 0;
    std::int64_t m_updated = 0;
    std::uint32_t m_generation = 0;
};

} // namespace pipescope::sim
