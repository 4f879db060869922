// NeuronPerf's benchmark reports, as written by its write_csv() and write_json(): one report per
// benchmarked configuration. The columns, from the NeuronPerf examples page
// (https://awsdocs-neuron.readthedocs-hosted.com/en/latest/tools/neuronperf/neuronperf_examples.html,
// "throughput_avg latency_ms_p50 latency_ms_p99 n_models pipeline_size workers_per_model batch_size
// model_filename") and the Benchmark Guide
// (https://awsdocs-neuron.readthedocs-hosted.com/en/latest/archive/neuronperf/neuronperf_benchmark_guide.html):
// n_models copies of the model, each compiled for pipeline_size NeuronCores, each driven by
// workers_per_model threads that send one batch of batch_size and wait for it (closed loop); by
// default every model runs in its own Python process (multiprocess). throughput_avg is inferences
// per second, latencies are per call in milliseconds. The report does not name the instance.
#include "calibrate/measurement_rows.h"

#include "io/csv_line.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <variant>

namespace pipescope::calibrate::detail {
namespace {

// A report's cell by column name (lower case); nullopt when the report has no such column.
using CellOf = std::function<std::optional<QString>(const QString& column)>;

const QStringList& requiredColumns() {
    static const QStringList columns = {QStringLiteral("n_models"),       QStringLiteral("workers_per_model"),
                                        QStringLiteral("pipeline_size"),  QStringLiteral("batch_size"),
                                        QStringLiteral("throughput_avg"), QStringLiteral("latency_ms_p95")};
    return columns;
}

bool isFalse(const QString& text) {
    const QString t = text.trimmed().toLower();
    return t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no");
}

// The report in the reference CSV's terms, or the reason it cannot be used.
std::variant<RowText, QString> translate(const CellOf& cellOf, int line, const QString& where) {
    const QString status = cellOf(QStringLiteral("status")).value_or(QString()).trimmed();
    if (!status.isEmpty() && status.toLower() != QLatin1String("finished") &&
        status.toLower() != QLatin1String("ok"))
        return QStringLiteral("status is '%1', not finished").arg(status.left(40));
    RowText shape{line, where, {}};
    for (const char* column : {"n_models", "workers_per_model", "pipeline_size"})
        shape.cells[QLatin1String(column)] = Cell{cellOf(QLatin1String(column)).value_or(QString()), {}};
    RowParser p(shape);
    const int models = p.whole(QStringLiteral("n_models"), 1024, RowParser::Zero::Refused);
    const int threads = p.whole(QStringLiteral("workers_per_model"), 4096, RowParser::Zero::Refused);
    const int cores = p.whole(QStringLiteral("pipeline_size"), 1024, RowParser::Zero::Refused);
    if (p.ok() && qint64(models) * threads > 100000)
        p.fail(QStringLiteral("n_models x workers_per_model is %1 clients (at most 100000)")
                   .arg(qint64(models) * threads));
    if (!p.ok())
        return p.problem();
    // Separate processes (the default) or interpreters serve without sharing a GIL: one worker per model.
    const bool perModel =
        !isFalse(cellOf(QStringLiteral("multiprocess")).value_or(QStringLiteral("true"))) ||
        !isFalse(cellOf(QStringLiteral("multiinterpreter")).value_or(QStringLiteral("false")));
    QStringList groups;
    for (int i = 0; i < models; ++i)
        groups << QString::number(cores);
    RowText row{line, where, {}};
    row.cells[QStringLiteral("group_sizes")] =
        Cell{groups.join(QLatin1Char(',')), QStringLiteral("n_models")};
    row.cells[QStringLiteral("pipeline_cores")] =
        Cell{QString::number(cores), QStringLiteral("pipeline_size")};
    row.cells[QStringLiteral("clients")] =
        Cell{QString::number(models * threads), QStringLiteral("n_models x workers_per_model")};
    row.cells[QStringLiteral("workers")] =
        Cell{QString::number(perModel ? models : 1), QStringLiteral("workers (n_models processes)")};
    const std::pair<const char*, const char*> copied[] = {{"batch", "batch_size"},
                                                          {"throughput_per_s", "throughput_avg"},
                                                          {"latency_p50_ms", "latency_ms_p50"},
                                                          {"latency_p95_ms", "latency_ms_p95"},
                                                          {"latency_p99_ms", "latency_ms_p99"}};
    for (const auto& [field, column] : copied)
        row.cells[QLatin1String(field)] =
            Cell{cellOf(QLatin1String(column)).value_or(QString()), QLatin1String(column)};
    return row;
}

void addReport(MeasurementCollector& collector, const CellOf& cellOf, int line, const QString& where) {
    std::variant<RowText, QString> row = translate(cellOf, line, where);
    if (const QString* reason = std::get_if<QString>(&row))
        collector.skip(where, line, *reason);
    else
        collector.add(std::get<RowText>(row));
}

QString jsonText(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("(an array)");
    case QJsonValue::Object:
        return QStringLiteral("(an object)");
    default:
        return {};
    }
}

// The reports of a write_json() file: a list of report objects; a single report object, or an object
// holding the list under "reports", are read too.
Result<QJsonArray> jsonReports(const QByteArray& data, const QString& origin) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            QStringLiteral("is not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset),
            origin);
    if (document.isArray())
        return document.array();
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("reports")).isArray())
        return object.value(QStringLiteral("reports")).toArray();
    if (object.contains(QStringLiteral("n_models")))
        return QJsonArray{object};
    return makeError(QStringLiteral("is JSON but not a NeuronPerf report: neither a list of reports nor an "
                                    "object with n_models"),
                     origin);
}

} // namespace

Result<MeasurementSet> importNeuronPerfCsv(const QByteArray& data, const QString& origin,
                                           const hardware::Catalog& catalog, const ImportDefaults& defaults) {
    Result<CsvFile> csv = openCsv(data, origin);
    if (!csv)
        return csv.error();
    QStringList& header = csv.value().header;
    for (QString& column : header)
        column = column.trimmed().toLower();
    for (const QString& column : requiredColumns())
        if (!header.contains(column))
            return makeError(
                QStringLiteral("the header has no %1 column (NeuronPerf's full report has it)").arg(column),
                QStringLiteral("%1:%2").arg(origin).arg(csv->headerLine));
    MeasurementCollector collector(origin, catalog, defaults);
    return collectCsvRecords(csv.value().records, header.size(), collector, origin,
                             QStringLiteral("neuronperf-csv"),
                             [&](const QStringList& fields, int row, const QString& where) {
                                 const CellOf cellOf = [&](const QString& column) -> std::optional<QString> {
                                     const qsizetype index = header.indexOf(column);
                                     return index < 0 ? std::nullopt : std::optional<QString>(fields[index]);
                                 };
                                 addReport(collector, cellOf, row, where);
                             });
}

Result<MeasurementSet> importNeuronPerfJson(const QByteArray& data, const QString& origin,
                                            const hardware::Catalog& catalog,
                                            const ImportDefaults& defaults) {
    Result<QJsonArray> reports = jsonReports(data, origin);
    if (!reports)
        return reports.error();
    if (reports->size() > kMaxMeasurementRows)
        return makeError(
            QStringLiteral("has %1 reports; a calibration uses tens (at most %2), split the file")
                .arg(reports->size())
                .arg(kMaxMeasurementRows),
            origin);
    if (!reports->isEmpty() && reports->first().isObject())
        for (const QString& column : requiredColumns())
            if (!reports->first().toObject().contains(column))
                return makeError(
                    QStringLiteral("record 1 has no %1 field (NeuronPerf's full report has it)").arg(column),
                    origin);
    MeasurementCollector collector(origin, catalog, defaults);
    for (int i = 0; i < reports->size(); ++i) {
        const QString where = QStringLiteral("record %1").arg(i + 1);
        const QJsonValue value = reports->at(i);
        if (!value.isObject()) {
            collector.skip(where, i + 1, QStringLiteral("is not a report object"));
            continue;
        }
        const QJsonObject report = value.toObject();
        const CellOf cellOf = [&](const QString& column) -> std::optional<QString> {
            const auto it = report.constFind(column);
            return it == report.constEnd() ? std::nullopt : std::optional<QString>(jsonText(*it));
        };
        addReport(collector, cellOf, i + 1, where);
    }
    return std::move(collector).finish(QStringLiteral("neuronperf-json"));
}

} // namespace pipescope::calibrate::detail
