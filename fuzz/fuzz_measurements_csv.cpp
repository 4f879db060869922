// libFuzzer target: any bytes given to the measurements importer (format detection, then the
// reference CSV or NeuronPerf CSV importer) give a set or an Error, never a crash or a sanitizer
// report; a set always has a usable row and every skipped row says why.
#include "calibrate/measurement_import.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    pipescope::calibrate::ImportDefaults defaults;
    defaults.instance = QStringLiteral("inf1.xlarge");
    defaults.requests = 100;
    (void)pipescope::calibrate::detectMeasurementFormat(bytes);
    (void)pipescope::calibrate::csvColumns(bytes);
    const auto set = pipescope::calibrate::importMeasurements(
        bytes, QStringLiteral("fuzz.csv"), pipescope::hardware::Catalog::builtIn(), defaults);
    if (set.ok() && set->rows.empty())
        __builtin_trap(); // a file with no usable row is an Error
    if (set.ok())
        for (const auto& skipped : set->skipped)
            if (skipped.reason.isEmpty() || skipped.line < 1)
                __builtin_trap();
    return 0;
}
