// libFuzzer target: any bytes given to the mapped-CSV importer give a set or an Error, never a crash
// or a sanitizer report. The first line picks the mapping: its columns are mapped to the fields in
// order, so the fuzzer can reach both the mapping checks and the row checks.
#include "calibrate/measurement_import.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QStringList columns = pipescope::calibrate::csvColumns(bytes);
    const QStringList fields = pipescope::calibrate::measurementFields();
    pipescope::calibrate::ColumnMapping mapping;
    for (int i = 0; i < columns.size() && i < fields.size(); ++i)
        mapping[fields[i]] = columns[i];
    pipescope::calibrate::ImportDefaults defaults;
    defaults.requests = 100;
    const auto set = pipescope::calibrate::importMappedCsv(bytes, QStringLiteral("fuzz.csv"), mapping,
                                                           pipescope::hardware::Catalog::builtIn(), defaults);
    if (set.ok() && (set->rows.empty() || set->format != QLatin1String("mapped-csv")))
        __builtin_trap();
    return 0;
}
