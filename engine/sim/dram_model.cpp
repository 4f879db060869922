#include "sim/dram_model.h"

#include <algorithm>
#include <cmath>

namespace pipescope::sim {

void DramModel::advance(std::int64_t now) {
    if (!m_streams.empty() && now > m_updated) {
        const double share = rate() * static_cast<double>(now - m_updated);
        for (Stream& s : m_streams)
            s.remaining -= share;
    }
    m_updated = now;
}

void DramModel::updateRate() {
    m_rate =
        std::min(m_capPerNs, m_bytesPerNs / static_cast<double>(std::max<std::size_t>(1, m_streams.size())));
}

void DramModel::start(int core, double bytes, std::int64_t now) {
    advance(now);
    m_streams.push_back(Stream{core, bytes});
    updateRate();
    ++m_generation;
}

std::int64_t DramModel::nextCompletion() const {
    if (m_streams.empty())
        return -1;
    double least = m_streams.front().remaining;
    for (const Stream& s : m_streams)
        least = std::min(least, s.remaining);
    return m_updated + static_cast<std::int64_t>(std::ceil(std::max(0.0, least) / rate()));
}

void DramModel::finishDue(std::int64_t now, std::vector<int>& done) {
    advance(now);
    // Anything with less than a nanosecond's worth of bytes left is done (rounding of ceil above).
    const double epsilon = m_streams.empty() ? m_bytesPerNs : rate();
    // A stable split in place (std::stable_partition allocates a buffer on every call, which
    // showed in the profile): streams still running keep their order, finished ones are listed
    // in theirs.
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

} // namespace pipescope::sim
