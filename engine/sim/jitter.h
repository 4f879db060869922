#pragma once

#include "sim/random.h"

#include <cmath>
#include <vector>

namespace pipescope::sim {

// A multiplicative lognormal factor with mean 1 and log-sigma `sigma`:
// exp(sigma * z - sigma^2 / 2) for z = Random::normal(). The simulator draws one per stage and per
// host step, and std::exp was a tenth of a sweep's time, so the factor comes from two tables
// instead: z is an integer sum (Random::normalSum) split into a high and a low part, and
// exp(a + b) = exp(a) * exp(b). 1,793 entries (14 KiB) per sigma; the result is std::exp's within a
// few units in the last place.
class Jitter {
public:
    explicit Jitter(double sigma) {
        if (!(sigma > 0))
            return;
        const double offset = sigma * Random::normalFromSum(0) - 0.5 * sigma * sigma;
        const double perUnit = sigma / 65536.0;
        m_high.resize((Random::kNormalSumMax >> kLowBits) + 1);
        for (std::size_t h = 0; h < m_high.size(); ++h)
            m_high[h] = std::exp(offset + perUnit * static_cast<double>(h << kLowBits));
        m_low.resize(std::size_t{1} << kLowBits);
        for (std::size_t l = 0; l < m_low.size(); ++l)
            m_low[l] = std::exp(perUnit * static_cast<double>(l));
    }

    // Draws the factor (three words of `random`); 1 without drawing when sigma is 0.
    double draw(Random& random) const {
        if (m_high.empty())
            return 1.0;
        const std::uint32_t sum = random.normalSum();
        return m_high[sum >> kLowBits] * m_low[sum & ((1u << kLowBits) - 1)];
    }

    // The least factor draw() can give (its normal sum at 0); 1 when sigma is 0.
    double minimum() const { return m_high.empty() ? 1.0 : m_high.front() * m_low.front(); }

private:
    static constexpr unsigned kLowBits = 10;
    std::vector<double> m_high, m_low;
};

} // namespace pipescope::sim
