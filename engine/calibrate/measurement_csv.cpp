// The project's own measurements CSV ("pipescope-csv": the columns of resources/reference/
// seed-measurements.csv) and the CSV reading shared with mapped CSVs. docs/measurements-format.md.
#include "calibrate/measurement_rows.h"

#include "io/csv_line.h"

namespace pipescope::calibrate::detail {

CsvRecords::CsvRecords(const QByteArray& data)
    : m_data(data) {
    if (m_data.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
}

bool CsvRecords::next(int* line, QStringList* fields) {
    while (m_pos < m_data.size()) {
        qsizetype end = m_data.indexOf('\n', m_pos);
        if (end < 0)
            end = m_data.size();
        const QByteArrayView raw = m_data.sliced(m_pos, end - m_pos).trimmed();
        m_pos = end + 1;
        ++m_line;
        if (raw.isEmpty() || raw.startsWith('#'))
            continue;
        *line = m_line;
        *fields = io::splitCsvLine(QString::fromUtf8(raw));
        return true;
    }
    return false;
}

Result<CsvFile> openCsv(const QByteArray& data, const QString& origin) {
    CsvFile csv{CsvRecords(data), 0, {}};
    if (!csv.records.next(&csv.headerLine, &csv.header))
        return makeError(QStringLiteral("is empty (no header line)"), origin);
    return csv;
}

std::map<QString, int> fieldColumns(const QStringList& header) {
    const QStringList known = measurementFields();
    std::map<QString, int> columns;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header[i].trimmed().toLower();
        if (known.contains(name))
            columns.emplace(name, i);
    }
    return columns;
}

QString missingField(const std::set<QString>& present, const ImportDefaults& defaults) {
    if (defaults.instance.isEmpty() && !present.count(QStringLiteral("instance")))
        return QStringLiteral("instance");
    for (const char* field : {"group_sizes", "batch"})
        if (!present.count(QLatin1String(field)))
            return QLatin1String(field);
    if (!present.count(QStringLiteral("clients")) && !present.count(QStringLiteral("rate_per_s")))
        return QStringLiteral("clients (or rate_per_s)");
    for (const char* field : {"throughput_per_s", "latency_p95_ms"})
        if (!present.count(QLatin1String(field)))
            return QLatin1String(field);
    return {};
}

Result<MeasurementSet> collectCsvRecords(CsvRecords& records, qsizetype headerWidth,
                                         MeasurementCollector& collector, const QString& origin,
                                         const QString& format, const CsvRowAdder& addRow) {
    int line = 0;
    QStringList fields;
    while (records.next(&line, &fields)) {
        const QString where = QStringLiteral("line %1").arg(line);
        if (collector.rowsSeen() >= kMaxMeasurementRows)
            return makeError(QStringLiteral("has more than %1 rows; a calibration uses tens, split the file")
                                 .arg(kMaxMeasurementRows),
                             QStringLiteral("%1:%2").arg(origin).arg(line));
        if (fields.size() != headerWidth) {
            collector.skip(
                where, line,
                QStringLiteral("has %1 fields, the header has %2").arg(fields.size()).arg(headerWidth));
            continue;
        }
        addRow(fields, line, where);
    }
    return std::move(collector).finish(format);
}

Result<MeasurementSet> importCsvRows(CsvFile& csv, const QString& origin, const QString& format,
                                     const std::map<QString, int>& columnOfField,
                                     const hardware::Catalog& catalog, const ImportDefaults& defaults) {
    const QStringList& header = csv.header;
    MeasurementCollector collector(origin, catalog, defaults);
    return collectCsvRecords(csv.records, header.size(), collector, origin, format,
                             [&](const QStringList& fields, int row, const QString& where) {
                                 RowText text{row, where, {}};
                                 for (const auto& [field, index] : columnOfField)
                                     text.cells[field] = Cell{fields[index], header[index].trimmed()};
                                 collector.add(text);
                             });
}

Result<MeasurementSet> importPipescopeCsv(const QByteArray& data, const QString& origin,
                                          const hardware::Catalog& catalog, const ImportDefaults& defaults) {
    Result<CsvFile> csv = openCsv(data, origin);
    if (!csv)
        return csv.error();
    const std::map<QString, int> columns = fieldColumns(csv->header);
    std::set<QString> present;
    for (const auto& entry : columns)
        present.insert(entry.first);
    const QString missing = missingField(present, defaults);
    if (!missing.isEmpty())
        return makeError(QStringLiteral("the header has no %1 column").arg(missing),
                         QStringLiteral("%1:%2").arg(origin).arg(csv->headerLine));
    return importCsvRows(csv.value(), origin, QStringLiteral("pipescope-csv"), columns, catalog, defaults);
}

} // namespace pipescope::calibrate::detail
