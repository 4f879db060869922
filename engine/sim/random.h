#pragma once

#include <cmath>
#include <cstdint>

namespace pipescope::sim {

// xoshiro256** seeded through splitmix64: fast, and defined bit for bit here rather than by a
// standard library, so a seed gives the same stream on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) {
        for (auto& word : m_state) {
            seed += 0x9E3779B97F4A7C15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            word = z ^ (z >> 31);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // Approximately standard normal (Irwin-Hall: the sum of 12 uniforms minus 6, variance 1):
    // integer arithmetic on 16-bit uniforms, four from each 64-bit draw, so it is cheap, bounded
    // to +-6 and identical everywhere.
    double normal() { return normalFromSum(normalSum()); }
    // The integer behind normal(): twelve 16-bit uniforms summed, 0 to kNormalSumMax.
    // Summed two lanes at a time: the even and the odd 16-bit fields of each word are added as two
    // 32-bit lanes of one 64-bit add (six fields of at most 0xFFFF each cannot carry out of a lane).
    std::uint32_t normalSum() {
        constexpr std::uint64_t kLow16Of32 = 0x0000FFFF0000FFFFull;
        std::uint64_t lanes = 0;
        for (int draw = 0; draw < 3; ++draw) {
            const std::uint64_t bits = next();
            lanes += (bits & kLow16Of32) + ((bits >> 16) & kLow16Of32);
        }
        return static_cast<std::uint32_t>((lanes & 0xFFFFFFFFull) + (lanes >> 32));
    }
    static constexpr std::uint32_t kNormalSumMax = 12u * 0xFFFFu;
    // Each 16-bit value u stands for (u + 0.5) / 65536, so the mean is exactly 6.
    static double normalFromSum(std::uint32_t sum) {
        return (static_cast<double>(sum) + 6.0) / 65536.0 - 6.0;
    }

    // Exponential inter-arrival time with the given mean.
    double exponential(double mean) { return -mean * std::log1p(-uniform()); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace pipescope::sim
