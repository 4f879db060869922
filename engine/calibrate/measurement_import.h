#pragma once

#include "calibrate/measurement.h"
#include "core/result.h"
#include "hardware/catalog.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>

namespace pipescope::calibrate {

// What a measurements file may not say, from the user (command-line flags or the Calibrate dialog).
struct ImportDefaults {
    QString model = QStringLiteral("bert-base-uncased"); // preset name or model file
    int sequenceLength = 128;
    // Used when the file has no instance column (NeuronPerf reports have none); empty = such rows
    // are skipped with a reason.
    QString instance;
    // Simulated requests per row later: scenario.workload.requests, warm-up max(20, requests / 20).
    int requests = 3000;
    std::uint64_t seed = 1;
};

// Which column of a plain CSV holds which field: field -> the file's column header. The fields are
// named as in the reference CSV: "instance", "group_sizes", "pipeline_cores", "batch", "clients",
// "rate_per_s", "throughput_per_s", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "model",
// "sequence_length", "workers".
using ColumnMapping = std::map<QString, QString>;

// The fields a ColumnMapping may name, in the order a dialog shows them.
QStringList measurementFields();

// The header of a CSV (its first line that is neither blank nor a '#' comment), for the mapping
// dialog; empty when there is none or it is not plausibly a header (binary, huge).
QStringList csvColumns(const QByteArray& data);

// "pipescope-csv", "neuronperf-csv", "neuronperf-json", or "" (unknown: the file needs a mapping).
QString detectMeasurementFormat(const QByteArray& data);

// Detects the format and imports. Every row that cannot be used is listed in `skipped` with its line
// (CSV) or record (JSON) and one line saying why ("line 7: latency_p95_ms 3.1 is below latency_p50_ms
// 4.0"); the reason starts with "line N: " / "record N: " and can be printed as it is. An unknown
// format, a missing required column or a file with no usable row is an Error naming the file (and
// the line when there is one). See docs/measurements-format.md.
Result<MeasurementSet> importMeasurements(const QByteArray& data, const QString& origin,
                                          const hardware::Catalog& catalog,
                                          const ImportDefaults& defaults = {});
// A plain CSV whose columns the user mapped to fields (format "mapped-csv").
Result<MeasurementSet> importMappedCsv(const QByteArray& data, const QString& origin,
                                       const ColumnMapping& mapping, const hardware::Catalog& catalog,
                                       const ImportDefaults& defaults = {});
// A file's bytes, for csvColumns() and importMappedCsv(): refused when over kMaxMeasurementsFileBytes
// (checked before reading; a device or pipe is read at most one byte past the limit).
Result<QByteArray> readMeasurementsData(const QString& path);
// Reads and imports a file; refuses files over kMaxMeasurementsFileBytes before reading them. The
// origin of the set is the file's name.
Result<MeasurementSet> readMeasurementsFile(const QString& path, const hardware::Catalog& catalog,
                                            const ImportDefaults& defaults = {});

// A calibration uses tens of rows; these bounds keep a wrong or hostile file cheap to refuse.
inline constexpr qint64 kMaxMeasurementsFileBytes = 64LL * 1024 * 1024;
inline constexpr int kMaxMeasurementRows = 10000;

} // namespace pipescope::calibrate
