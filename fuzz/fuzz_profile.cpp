// libFuzzer target: any bytes given to the profile reader must give a profile or an Error,
// never a crash, a sanitizer report or an allocation beyond the (lowered) limits.
#include "io/profile_reader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    pipescope::io::ReadLimits limits;
    limits.maxFileBytes = 1 << 20;
    limits.maxEventsPerLane = 1 << 16;
    limits.maxInflatedBytes = 16 << 20;
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto profile = pipescope::io::readProfile(bytes, limits);
    if (profile.ok() && profile->runs.size() != profile->hasTrace.size())
        __builtin_trap(); // the reader's own invariant
    return 0;
}
