// A plain CSV with a header whose columns the user mapped to measurement fields ("mapped-csv"): a
// load-test tool's own output, read without converting it first. docs/measurements-format.md.
#include "calibrate/measurement_rows.h"

namespace pipescope::calibrate {

Result<MeasurementSet> importMappedCsv(const QByteArray& data, const QString& origin,
                                       const ColumnMapping& mapping, const hardware::Catalog& catalog,
                                       const ImportDefaults& defaults) {
    if (std::optional<Error> error = detail::defaultsProblem(defaults))
        return *error;
    Result<detail::CsvFile> csv = detail::openCsv(data, origin);
    if (!csv)
        return csv.error();
    QStringList& header = csv.value().header;
    for (QString& column : header)
        column = column.trimmed();
    const QString headerAt = QStringLiteral("%1:%2").arg(origin).arg(csv->headerLine);
    const QStringList known = measurementFields();
    std::map<QString, int> columnOfField;
    std::set<QString> present;
    for (const auto& [field, column] : mapping) {
        if (!known.contains(field))
            return makeError(QStringLiteral("'%1' is not a measurement field; the fields are %2")
                                 .arg(field, known.join(QStringLiteral(", "))),
                             QStringLiteral("column mapping"));
        if (column.trimmed().isEmpty())
            continue; // a field the user left unmapped
        const int index = static_cast<int>(header.indexOf(column.trimmed()));
        if (index < 0)
            return makeError(QStringLiteral("the column '%1' mapped to %2 is not in the header (%3)")
                                 .arg(column.left(60), field, header.join(QStringLiteral(", ")).left(300)),
                             headerAt);
        columnOfField.emplace(field, index);
        present.insert(field);
    }
    const QString missing = detail::missingField(present, defaults);
    if (!missing.isEmpty())
        return makeError(QStringLiteral("the column mapping gives no column for %1").arg(missing), headerAt);
    return detail::importCsvRows(csv.value(), origin, QStringLiteral("mapped-csv"), columnOfField, catalog,
                                 defaults);
}

} // namespace pipescope::calibrate
