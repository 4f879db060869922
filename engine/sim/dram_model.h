#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace pipescope::sim {

// A chip's DRAM as a processor-sharing server: the weight streams of its cores that are active at
// once share its bandwidth equally, so contention is simulated rather than averaged. Defined here,
// inline: the simulator calls it on every streaming stage, and the calls showed in its profile.
class DramModel {
public:
    // `streamCap` bounds what one stream reaches alone (a core's DMA queues); 0 means no cap.
    DramModel(double bytesPerSecond, double streamCap = 0)
        : m_bytesPerNs(bytesPerSecond / 1e9)
        , m_capPerNs(streamCap > 0 ? streamCap / 1e9 : bytesPerSecond / 1e9) {
        updateRate();
    }

    // Starts a stream for `core` at time `now`.
    void start(int core, double bytes, std::int64_t now) {
        advance(now);
        m_streams.push_back(Stream{core, bytes});
        updateRate();
        ++m_generation;
    }
    // Time at which the next active stream completes, or -1 when none is active.
    std::int64_t nextCompletion() const {
        if (m_streams.empty())
            return -1;
        double least = m_streams.front().remaining;
        for (const Stream& s : m_streams)
            least = std::min(least, s.remaining);
        return m_updated + static_cast<std::int64_t>(std::ceil(std::max(0.0, least) / rate()));
    }
    // Advances to `now`, removes the streams that are done and puts their cores in `done`
    // (a buffer the caller reuses: this runs once per stream, on the hot path).
    void finishDue(std::int64_t now, std::vector<int>& done) {
        advance(now);
        // Anything with less than a nanosecond's worth of bytes left is done (rounding of ceil
        // above).
        const double epsilon = m_streams.empty() ? m_bytesPerNs : rate();
        // A stable split in place (std::stable_partition allocates a buffer on every call, which
        // showed in the profile): streams still running keep their order, finished ones are
        // listed in theirs.
        done.clear();
        std::size_t kept = 0;
        for (const Stream& s : m_streams) {
            if (s.remaining > epsilon)
                m_streams[kept++] = s;
            else
                done.push_back(s.core);
        }
        m_streams.resize(kept);
        updateRate();
        ++m_generation;
    }
    // Bumped whenever the schedule changes; stale completion events compare it.
    std::uint32_t generation() const { return m_generation; }
    int active() const { return static_cast<int>(m_streams.size()); }

private:
    struct Stream {
        int core;
        double remaining; // bytes
    };
    void advance(std::int64_t now) {
        if (!m_streams.empty() && now > m_updated) {
            const double share = rate() * static_cast<double>(now - m_updated);
            for (Stream& s : m_streams)
                s.remaining -= share;
        }
        m_updated = now;
    }
    // Bytes per ns each active stream gets: an equal share of the chip, at most the cap. Kept
    // up to date whenever the number of streams changes (it is read on every event of the chip).
    double rate() const { return m_rate; }
    void updateRate() {
        m_rate = std::min(m_capPerNs,
                          m_bytesPerNs / static_cast<double>(std::max<std::size_t>(1, m_streams.size())));
    }

    double m_bytesPerNs;
    double m_capPerNs;
    std::vector<Stream> m_streams;
    double m_rate = 0;
    std::int64_t m_updated = 0;
    std::uint32_t m_generation = 0;
};

} // namespace pipescope::sim
