#pragma once

// Shared by the measurement importers (measurement_csv.cpp, neuronperf_import.cpp, mapped_csv.cpp):
// a row as text, the parsing of its cells with messages that name the file's column, and the checks
// every row goes through before it becomes a Measurement. Not part of the public API.

#include "calibrate/measurement_import.h"

#include <functional>
#include <map>
#include <optional>
#include <set>

namespace pipescope::calibrate::detail {

// One cell of a row: its text and the column it came from, so that a message names what the user
// sees in the file ("throughput_avg", or their own header in a mapped CSV).
struct Cell {
    QString text;
    QString column;
};

// One row of a measurements file before it is checked: field (named as in measurementFields()) ->
// cell. A field that is absent takes its default (ImportDefaults, or the documented one).
struct RowText {
    int line = 0;  // 1-based line (CSV) or record (JSON)
    QString where; // "line 7" or "record 3": how messages name the row
    std::map<QString, Cell> cells;
};

// Reads numbers out of a row's cells; the first problem is kept and later reads return the fallback,
// so a caller reads everything and then asks ok().
class RowParser {
public:
    enum class Zero { Refused, Allowed }; // Allowed: 0 is a valid value ("not given" for percentiles)

    explicit RowParser(const RowText& row)
        : m_row(row) {}

    QString text(const QString& field) const; // trimmed; empty when absent
    QString column(const QString& field) const;
    // A finite number in [0, max] (above 0 unless zero is Allowed). An empty or absent cell gives
    // `fallback`, or the problem "is empty" when there is none.
    double number(const QString& field, double max, Zero zero, std::optional<double> fallback = std::nullopt);
    // As number(), and a whole number.
    int whole(const QString& field, int max, Zero zero, std::optional<int> fallback = std::nullopt);
    void fail(const QString& problem);

    bool ok() const { return m_problem.isEmpty(); }
    const QString& problem() const { return m_problem; }

private:
    const RowText& m_row;
    QString m_problem;
};

// Checks rows and keeps the good ones as Measurements; each bad row is skipped with its reason.
// Checks: numbers (present, finite, not negative, not absurd), p50 <= p95 <= p99, one load per row
// (clients or rate), duplicates, and the deployment itself (sim::buildInputs against the catalog,
// cached per deployment: a file names few deployments at several loads).
class MeasurementCollector {
public:
    MeasurementCollector(QString origin, const hardware::Catalog& catalog, const ImportDefaults& defaults);

    void add(const RowText& row);
    void skip(const QString& where, int line, const QString& reason);
    int rowsSeen() const { return static_cast<int>(m_set.rows.size() + m_set.skipped.size()); }
    // The set, or an Error naming the file when no row is usable.
    Result<MeasurementSet> finish(const QString& format) &&;

private:
    std::optional<Measurement> parse(const RowText& row, RowParser& parser) const;
    std::optional<QString> deploymentProblem(const Measurement& m);

    const hardware::Catalog& m_catalog;
    ImportDefaults m_defaults;
    MeasurementSet m_set;
    std::map<QString, int> m_lineOfKey;                   // duplicate detection: key -> first line
    std::map<QString, std::optional<QString>> m_verdicts; // deployment key -> problem (cached)
};

// The data lines of a CSV held in memory, one at a time with their 1-based line numbers; blank lines
// and '#' comment lines are passed over, a UTF-8 byte order mark is dropped. The first record is the
// header. Lines are converted one at a time so a large file is never held twice.
class CsvRecords {
public:
    explicit CsvRecords(const QByteArray& data);
    bool next(int* line, QStringList* fields);

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    int m_line = 0;
};

// Reads the data records after a CSV's header into `collector` and finishes it as `format`: a record
// whose field count differs from the header's is skipped with its reason, and a file of more than
// kMaxMeasurementRows rows is refused. `addRow` turns one record (fields, line, "line N") into a row.
using CsvRowAdder = std::function<void(const QStringList& fields, int line, const QString& where)>;
Result<MeasurementSet> collectCsvRecords(CsvRecords& records, qsizetype headerWidth,
                                         MeasurementCollector& collector, const QString& origin,
                                         const QString& format, const CsvRowAdder& addRow);

// A CSV opened past its header: the records that follow and the header's fields and line.
struct CsvFile {
    CsvRecords records;
    int headerLine = 0;
    QStringList header;
};
// Reads the header of `data` (which must outlive the result), or says the file is empty.
Result<CsvFile> openCsv(const QByteArray& data, const QString& origin);

// What is wrong with the user's defaults (requests, sequence length, model), checked once per import.
std::optional<Error> defaultsProblem(const ImportDefaults& defaults);
// The header's column index for each known field whose name is a column (case-insensitive).
std::map<QString, int> fieldColumns(const QStringList& header);
// The first required field `present` lacks, or empty: group_sizes, batch, throughput_per_s,
// latency_p95_ms, clients or rate_per_s, and instance unless the defaults give one.
QString missingField(const std::set<QString>& present, const ImportDefaults& defaults);
// Imports the data rows after the header of a CSV, each field from the column given.
Result<MeasurementSet> importCsvRows(CsvFile& csv, const QString& origin, const QString& format,
                                     const std::map<QString, int>& columnOfField,
                                     const hardware::Catalog& catalog, const ImportDefaults& defaults);

Result<MeasurementSet> importPipescopeCsv(const QByteArray& data, const QString& origin,
                                          const hardware::Catalog& catalog, const ImportDefaults& defaults);
Result<MeasurementSet> importNeuronPerfCsv(const QByteArray& data, const QString& origin,
                                           const hardware::Catalog& catalog, const ImportDefaults& defaults);
Result<MeasurementSet> importNeuronPerfJson(const QByteArray& data, const QString& origin,
                                            const hardware::Catalog& catalog, const ImportDefaults& defaults);

} // namespace pipescope::calibrate::detail
