// libFuzzer target: any bytes given to the NeuronPerf JSON importer (whatever the format detection
// says) give a set or an Error, never a crash, a sanitizer report or unbounded recursion.
#include "calibrate/measurement_import.h"
#include "calibrate/measurement_rows.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    pipescope::calibrate::ImportDefaults defaults;
    defaults.instance = QStringLiteral("inf1.xlarge");
    defaults.requests = 100;
    const auto set = pipescope::calibrate::detail::importNeuronPerfJson(
        bytes, QStringLiteral("fuzz.json"), pipescope::hardware::Catalog::builtIn(), defaults);
    if (set.ok() && (set->rows.empty() || set->format != QLatin1String("neuronperf-json")))
        __builtin_trap();
    for (const auto& m : set.ok() ? set->rows : std::vector<pipescope::calibrate::Measurement>{})
        if (!(m.throughputPerSecond > 0) || !(m.latencyP95Ms > 0) || m.scenario.batch < 1)
            __builtin_trap(); // the row checks let no impossible figure through
    return 0;
}
