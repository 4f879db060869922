// Which importer a measurements file needs, and reading it from disk within bounds.
#include "calibrate/measurement_rows.h"

#include <QFile>
#include <QFileInfo>

namespace pipescope::calibrate {
namespace {

// A header longer than this, or with more columns, is junk rather than a measurements table.
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxHeaderColumns = 1000;

QByteArrayView withoutBom(const QByteArray& data) {
    QByteArrayView view(data);
    return view.startsWith("\xEF\xBB\xBF") ? view.sliced(3) : view;
}

bool looksLikeJson(const QByteArray& data) {
    const QByteArrayView text = withoutBom(data).trimmed();
    return text.startsWith('{') || text.startsWith('[');
}

} // namespace

namespace detail {

std::optional<Error> defaultsProblem(const ImportDefaults& defaults) {
    // The simulator's own bounds on requests; a sequence length is checked against the model per row.
    if (defaults.requests < 1 || defaults.requests > 10'000'000)
        return makeError(QStringLiteral("must be from 1 to 10000000 simulated requests per row, got %1")
                             .arg(defaults.requests),
                         QStringLiteral("requests"));
    if (defaults.sequenceLength < 1)
        return makeError(QStringLiteral("must be at least 1, got %1").arg(defaults.sequenceLength),
                         QStringLiteral("sequence length"));
    if (defaults.model.trimmed().isEmpty())
        return makeError(QStringLiteral("is empty: name a built-in model or a model file"),
                         QStringLiteral("model"));
    return std::nullopt;
}

} // namespace detail

QStringList measurementFields() {
    return {QStringLiteral("instance"),
            QStringLiteral("group_sizes"),
            QStringLiteral("pipeline_cores"),
            QStringLiteral("batch"),
            QStringLiteral("clients"),
            QStringLiteral("rate_per_s"),
            QStringLiteral("throughput_per_s"),
            QStringLiteral("latency_p50_ms"),
            QStringLiteral("latency_p95_ms"),
            QStringLiteral("latency_p99_ms"),
            QStringLiteral("model"),
            QStringLiteral("sequence_length"),
            QStringLiteral("workers")};
}

QStringList csvColumns(const QByteArray& data) {
    if (data.contains('\0'))
        return {};
    // Only the header is wanted: look at the lines up to the first that is not blank or a comment.
    QByteArrayView rest = withoutBom(data);
    while (!rest.isEmpty()) {
        qsizetype end = rest.indexOf('\n');
        if (end < 0)
            end = rest.size();
        if (end > kMaxHeaderBytes)
            return {};
        const QByteArrayView line = rest.first(end).trimmed();
        rest = rest.sliced(std::min(end + 1, rest.size()));
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QByteArray lineCopy(line.data(), line.size());
        detail::CsvRecords records(lineCopy);
        int number = 0;
        QStringList header;
        records.next(&number, &header);
        if (header.size() > kMaxHeaderColumns)
            return {};
        for (QString& column : header)
            column = column.trimmed();
        return header;
    }
    return {};
}

QString detectMeasurementFormat(const QByteArray& data) {
    if (data.contains('\0'))
        return {};
    if (looksLikeJson(data))
        return data.contains("\"n_models\"") ? QStringLiteral("neuronperf-json") : QString();
    QStringList header = csvColumns(data);
    for (QString& column : header)
        column = column.toLower();
    // Each format by the column no other has; its importer then names a required column that is missing.
    if (header.contains(QLatin1String("n_models")))
        return QStringLiteral("neuronperf-csv");
    if (header.contains(QLatin1String("throughput_per_s")))
        return QStringLiteral("pipescope-csv");
    return {};
}

Result<MeasurementSet> importMeasurements(const QByteArray& data, const QString& origin,
                                          const hardware::Catalog& catalog, const ImportDefaults& defaults) {
    if (std::optional<Error> error = detail::defaultsProblem(defaults))
        return *error;
    const QString format = detectMeasurementFormat(data);
    if (format == QLatin1String("pipescope-csv"))
        return detail::importPipescopeCsv(data, origin, catalog, defaults);
    if (format == QLatin1String("neuronperf-csv"))
        return detail::importNeuronPerfCsv(data, origin, catalog, defaults);
    if (format == QLatin1String("neuronperf-json"))
        return detail::importNeuronPerfJson(data, origin, catalog, defaults);
    const qsizetype nul = data.indexOf('\0');
    if (nul >= 0)
        return makeError(
            QStringLiteral("is binary (a NUL byte at offset %1), not a measurements file").arg(nul), origin);
    if (withoutBom(data).trimmed().isEmpty())
        return makeError(QStringLiteral("is empty"), origin);
    if (looksLikeJson(data))
        return makeError(
            QStringLiteral("is JSON without NeuronPerf's n_models field; a measurements JSON is a "
                           "NeuronPerf report (write_json)"),
            origin);
    const QStringList header = csvColumns(data);
    if (header.isEmpty())
        return makeError(QStringLiteral("has no plausible CSV header (its first line is too long or has too "
                                        "many columns)"),
                         origin);
    return makeError(
        QStringLiteral("is not a known measurements format: its header (%1) has neither "
                       "throughput_per_s (Pipescope CSV) nor n_models (NeuronPerf); map its columns "
                       "instead")
            .arg(header.join(QStringLiteral(",")).left(200)),
        origin);
}

Result<QByteArray> readMeasurementsData(const QString& path) {
    QFile file(path);
    if (QFileInfo(path).isDir())
        return makeError(QStringLiteral("is a folder, not a measurements file"), path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot open: %1").arg(file.errorString()), path);
    if (file.size() > kMaxMeasurementsFileBytes)
        return makeError(QStringLiteral("is %1 MiB; a measurements file is at most %2 MiB")
                             .arg(double(file.size()) / (1024 * 1024), 0, 'f', 0)
                             .arg(kMaxMeasurementsFileBytes / (1024 * 1024)),
                         path);
    // A device or pipe reports size 0: read at most one byte past the limit to find out.
    QByteArray data = file.read(kMaxMeasurementsFileBytes + 1);
    if (data.size() > kMaxMeasurementsFileBytes)
        return makeError(QStringLiteral("is larger than %1 MiB, the limit for a measurements file")
                             .arg(kMaxMeasurementsFileBytes / (1024 * 1024)),
                         path);
    return data;
}

Result<MeasurementSet> readMeasurementsFile(const QString& path, const hardware::Catalog& catalog,
                                            const ImportDefaults& defaults) {
    Result<QByteArray> data = readMeasurementsData(path);
    if (!data)
        return data.error();
    return importMeasurements(*data, QFileInfo(path).fileName(), catalog, defaults);
}

} // namespace pipescope::calibrate
