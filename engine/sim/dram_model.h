#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace pipescope::sim {

// A chip's DRAM as a processor-sharing server: the weight streams of its cores that are active at
// once share its bandwidth equally, so contention is simulated rather than averaged. Defined here,
// inline: the simulator calls it on every streaming stage, and the calls showed in its profile.
//
// A stream may be started ahead of time (a stage whose start is already known because its
// request and its core's previous request are): it waits in a short list until its time and
// enters the sharing then. Only completions need an event; nextCompletion() looks past the
// waiting starts, so the model is the same as if each start had been an event of its own.
//
// A stream may be silent: it takes its share like any other, but nobody waits for its end (its
// stage is certain to be done computing later, see DeploymentSimulator::markStreamsInTime), so it
// leaves the sharing at its exact end without being reported, and nextCompletion() looks past it
// to the next stream someone waits for. Without silent streams the arithmetic is what it was
// before they existed, operation for operation.
class DramModel {
public:
    // `streamCap` bounds what one stream reaches alone (a core's DMA queues); 0 means no cap.
    DramModel(double bytesPerSecond, double streamCap = 0)
        : m_bytesPerNs(bytesPerSecond / 1e9)
        , m_capPerNs(streamCap > 0 ? streamCap / 1e9 : bytesPerSecond / 1e9) {
        for (std::size_t n = 0; n < m_rates.size(); ++n) {
            m_rates[n] = rateFor(n);
            m_nsPerByte[n] = 1.0 / m_rates[n];
        }
        updateRate();
    }

    // Starts a stream for `core` at time `at`, which is `now` or later.
    void start(int core, double bytes, std::int64_t at, std::int64_t now, bool silent = false) {
        advance(now);
        m_silent += silent ? 1 : 0;
        if (at <= now) {
            m_streams.push_back(Stream{core, silent, bytes});
            updateRate();
        } else {
            // Kept latest first, so the next to enter is at the back; a start given later enters
            // after those given earlier for the same time.
            auto it = m_waiting.end();
            while (it != m_waiting.begin() && (it - 1)->at <= at)
                --it;
            m_waiting.insert(it, Waiting{at, core, silent, bytes});
        }
    }
    // The least rate a stream gets while at most `streams` stream at once, in bytes per ns.
    double leastRate(std::size_t streams) const { return rateOf(streams); }
    // Time at which the next stream completes (waiting ones included), or -1 when there is none.
    // Every active stream drains at the same rate, so only the least remaining one matters; each
    // waiting start changes the rate from its time on.
    std::int64_t nextCompletion() const {
        if (m_streams.empty() && m_waiting.empty())
            return -1;
        if (m_silent > 0)
            return nextReportedCompletion();
        double least = std::numeric_limits<double>::infinity();
        for (const Stream& s : m_streams)
            least = std::min(least, s.remaining);
        auto active = m_streams.size();
        double t = static_cast<double>(m_updated);
        for (auto w = m_waiting.rbegin(); w != m_waiting.rend(); ++w) {
            const double at = static_cast<double>(w->at);
            if (active > 0) {
                if (t + std::max(0.0, least) * nsPerByte(active) <= at)
                    break; // completes before this start
                least -= (at - t) * rateOf(active);
            }
            t = at;
            least = std::min(least, w->bytes);
            ++active;
        }
        return ceilNs(t + std::max(0.0, least) * nsPerByte(active));
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
            else if (s.silent)
                --m_silent;
            else
                done.push_back(s.core);
        }
        m_streams.resize(kept);
        updateRate();
    }

private:
    struct Stream {
        int core;
        bool silent;
        double remaining; // bytes
    };
    struct Waiting {
        std::int64_t at;
        int core;
        bool silent;
        double bytes;
    };
    // ceil() by hand: without SSE4.1 the compiler calls the library for it, which showed in the
    // profile.
    static std::int64_t ceilNs(double t) {
        auto whole = static_cast<std::int64_t>(t);
        whole += static_cast<double>(whole) < t ? 1 : 0;
        return whole;
    }
    // nextCompletion() with silent streams: the sharing played forward, start by start and end by
    // end, until a stream someone waits for ends.
    std::int64_t nextReportedCompletion() const {
        std::vector<Stream>& live = m_projection;
        live.assign(m_streams.begin(), m_streams.end());
        double t = m_updated;
        auto w = m_waiting.rbegin();
        for (;;) {
            if (live.empty()) {
                if (w == m_waiting.rend())
                    return -1;
                t = static_cast<double>(w->at);
                live.push_back(Stream{w->core, w->silent, w->bytes});
                ++w;
                continue;
            }
            std::size_t least = 0;
            for (std::size_t i = 1; i < live.size(); ++i)
                if (live[i].remaining < live[least].remaining)
                    least = i;
            const double remaining = std::max(0.0, live[least].remaining);
            const double ends = t + remaining * nsPerByte(live.size());
            if (w != m_waiting.rend() && static_cast<double>(w->at) < ends) {
                const double share = (static_cast<double>(w->at) - t) * rateOf(live.size());
                for (Stream& s : live)
                    s.remaining -= share;
                t = static_cast<double>(w->at);
                live.push_back(Stream{w->core, w->silent, w->bytes});
                ++w;
                continue;
            }
            if (!live[least].silent)
                return ceilNs(ends);
            for (Stream& s : live)
                s.remaining -= remaining;
            t = ends;
            std::erase_if(live, [](const Stream& s) { return s.silent && s.remaining <= 0; });
        }
    }
    // Drains the active streams up to `now`, letting the waiting ones in at their times.
    void advance(std::int64_t now) {
        while (!m_waiting.empty() && m_waiting.back().at <= now) {
            const Waiting w = m_waiting.back();
            m_waiting.pop_back();
            drain(w.at);
            m_streams.push_back(Stream{w.core, w.silent, w.bytes});
            updateRate();
        }
        drain(now);
    }
    void drain(std::int64_t until) {
        const auto to = static_cast<double>(until);
        if (m_silent > 0)
            endSilentBefore(to);
        if (!m_streams.empty() && to > m_updated) {
            const double share = rate() * (to - m_updated);
            for (Stream& s : m_streams)
                s.remaining -= share;
        }
        m_updated = std::max(m_updated, to);
    }
    // Lets the silent streams that end by `to` leave at their exact ends, in order (each end
    // raises the others' shares from then on).
    void endSilentBefore(double to) {
        for (;;) {
            double least = std::numeric_limits<double>::infinity();
            for (const Stream& s : m_streams)
                if (s.silent)
                    least = std::min(least, s.remaining);
            if (least == std::numeric_limits<double>::infinity())
                return;
            least = std::max(0.0, least);
            const double ends = m_updated + least * nsPerByte(m_streams.size());
            if (ends > to)
                return;
            for (Stream& s : m_streams)
                s.remaining -= least;
            m_updated = ends;
            const auto before = m_streams.size();
            std::erase_if(m_streams, [](const Stream& s) { return s.silent && s.remaining <= 0; });
            m_silent -= static_cast<int>(before - m_streams.size());
            updateRate();
        }
    }
    // Bytes per ns each of `streams` active streams gets: an equal share of the chip, at most the
    // cap.
    double rateFor(std::size_t streams) const {
        return std::min(m_capPerNs, m_bytesPerNs / static_cast<double>(std::max<std::size_t>(1, streams)));
    }
    // rateFor() from a table for the usual counts (a chip has four cores).
    double rateOf(std::size_t streams) const {
        return streams < m_rates.size() ? m_rates[streams] : rateFor(streams);
    }
    // Its inverse, also from a table: a division less on every projection.
    double nsPerByte(std::size_t streams) const {
        return streams < m_nsPerByte.size() ? m_nsPerByte[streams] : 1.0 / rateFor(streams);
    }
    // The current streams' rate, kept up to date whenever their number changes (it is read on
    // every event of the chip).
    double rate() const { return m_rate; }
    void updateRate() { m_rate = rateOf(m_streams.size()); }

    double m_bytesPerNs;
    double m_capPerNs;
    std::vector<Stream> m_streams;
    // Started ahead of time, latest first: one per core at most, except silent ones (a run of
    // stages timed ahead may start several on one core).
    std::vector<Waiting> m_waiting;
    int m_silent = 0;                               // silent streams, active or waiting
    mutable std::vector<Stream> m_projection;       // nextReportedCompletion()'s scratch
    std::array<double, 9> m_rates{}, m_nsPerByte{}; // rateFor() and its inverse by stream count
    double m_rate = 0;
    double m_updated = 0; // whole nanoseconds, except after a silent stream's end
};

} // namespace pipescope::sim
