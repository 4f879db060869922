#pragma once

#include <charconv>
#include <cstdint>

namespace pipescope::io {

// Trace viewers parse ts and dur (microseconds) into IEEE doubles and add them, each in its own
// way: ts + dur (Perfetto, DevTools), (ts - first ts of the thread) + dur (speedscope), or both
// divided by 1000 first (catapult, older DevTools). Exact decimals of integer nanoseconds do not
// survive that: 1234.567 + 0.123 can land a hair past 1234.690, and back-to-back events then
// nest. This returns the largest duration, at most `endNs - startNs`, whose end computed each of
// those ways is not past the end's own value: usually the exact one, now and then 1 ns less.
// `originNs` is the thread's first timestamp (speedscope's origin). All in ns.
std::int64_t viewerSafeDurationNs(std::int64_t startNs, std::int64_t endNs, std::int64_t originNs);

// The same for an event nested in a parent (start, duration as written): additionally its end,
// each way, is not past the parent's, so viewers keep it inside.
std::int64_t viewerSafeChildDurationNs(std::int64_t startNs, std::int64_t endNs, std::int64_t parentStartNs,
                                       std::int64_t parentDurationNs, std::int64_t originNs);

// Writes `ns` as microseconds with exactly three decimals ("1234.567"), no floating point
// involved; the value a viewer parses is the double nearest ns / 1000. Returns the end.
// `out` needs room for 24 bytes.
inline char* writeMicros(char* out, std::int64_t ns) {
    if (ns < 0) {
        *out++ = '-';
        ns = -ns;
    }
    out = std::to_chars(out, out + 20, ns / 1000).ptr;
    const auto frac = static_cast<int>(ns % 1000);
    out[0] = '.';
    out[1] = static_cast<char>('0' + frac / 100);
    out[2] = static_cast<char>('0' + frac / 10 % 10);
    out[3] = static_cast<char>('0' + frac % 10);
    return out + 4;
}

} // namespace pipescope::io
