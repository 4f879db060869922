#include "calibrate/published_figures.h"

#include "compile/group_sizes.h"
#include "io/csv_line.h"
#include "sim/simulator.h"

#include <QFile>

#include <algorithm>
#include <cmath>

namespace pipescope::calibrate {
namespace {

const QStringList kRequiredColumns = {QStringLiteral("model"),
                                      QStringLiteral("sequence_length"),
                                      QStringLiteral("instance"),
                                      QStringLiteral("mode"),
                                      QStringLiteral("group_sizes"),
                                      QStringLiteral("pipeline_cores"),
                                      QStringLiteral("batch"),
                                      QStringLiteral("clients"),
                                      QStringLiteral("dtype"),
                                      QStringLiteral("throughput_per_s"),
                                      QStringLiteral("latency_p50_ms"),
                                      QStringLiteral("latency_p99_ms"),
                                      QStringLiteral("sdk"),
                                      QStringLiteral("source")};
const QStringList kModes = {QStringLiteral("data_parallel"), QStringLiteral("pipeline"),
                            QStringLiteral("gpu")};
const QStringList kDtypes = {QStringLiteral("fp32"), QStringLiteral("fp16"), QStringLiteral("bf16"),
                             QStringLiteral("int8")};

// Reads the fields of one record by column name; the first bad field is kept as the row's error.
class RowReader {
public:
    RowReader(const QStringList& header, const QStringList& fields, QString where)
        : m_header(header)
        , m_fields(fields)
        , m_where(std::move(where)) {}

    QString text(const QString& column) const { return m_fields.value(m_header.indexOf(column)).trimmed(); }

    std::optional<int> wholeNumber(const QString& column, std::optional<int> whenEmpty) {
        const QString value = text(column);
        if (value.isEmpty() && whenEmpty)
            return whenEmpty;
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 1)
            fail(column, QStringLiteral("'%1' is not a whole number of at least 1").arg(value));
        return ok && n >= 1 ? std::optional<int>(n) : std::nullopt;
    }

    std::optional<double> positiveNumber(const QString& column) {
        const QString value = text(column);
        if (value.isEmpty())
            return std::nullopt;
        bool ok = false;
        const double x = value.toDouble(&ok);
        if (!ok || !(x > 0))
            fail(column, QStringLiteral("'%1' is not a positive number").arg(value));
        return ok && x > 0 ? std::optional<double>(x) : std::nullopt;
    }

    void oneOf(const QString& column, const QStringList& allowed) {
        if (!allowed.contains(text(column)))
            fail(column, QStringLiteral("'%1' is not one of %2")
                             .arg(text(column), allowed.join(QStringLiteral(", "))));
    }

    void fail(const QString& column, const QString& message) {
        if (!m_error)
            m_error = makeError(QStringLiteral("column '%1': %2").arg(column, message), m_where);
    }
    const std::optional<Error>& error() const { return m_error; }

private:
    const QStringList& m_header;
    const QStringList& m_fields;
    QString m_where;
    std::optional<Error> m_error;
};

Result<PublishedFigure> readFigure(RowReader& r, int line) {
    PublishedFigure f;
    f.line = line;
    f.model = r.text(QStringLiteral("model"));
    f.checkpoint = r.text(QStringLiteral("checkpoint"));
    f.instance = r.text(QStringLiteral("instance"));
    f.mode = r.text(QStringLiteral("mode"));
    f.groupSizes = r.text(QStringLiteral("group_sizes"));
    f.dtype = r.text(QStringLiteral("dtype"));
    f.framework = r.text(QStringLiteral("framework"));
    f.sdk = r.text(QStringLiteral("sdk"));
    f.source = r.text(QStringLiteral("source"));
    f.title = r.text(QStringLiteral("title"));
    f.notes = r.text(QStringLiteral("notes"));
    if (f.model.isEmpty())
        r.fail(QStringLiteral("model"), QStringLiteral("is empty"));
    if (f.instance.isEmpty())
        r.fail(QStringLiteral("instance"), QStringLiteral("is empty"));
    r.oneOf(QStringLiteral("mode"), kModes);
    r.oneOf(QStringLiteral("dtype"), kDtypes);
    r.oneOf(QStringLiteral("split_batch"), {QString(), QStringLiteral("yes")});
    f.sequenceLength = r.wholeNumber(QStringLiteral("sequence_length"), std::nullopt).value_or(0);
    f.pipelineCores = r.wholeNumber(QStringLiteral("pipeline_cores"), 1).value_or(1);
    f.batch = r.wholeNumber(QStringLiteral("batch"), std::nullopt).value_or(1);
    f.splitBatch = r.text(QStringLiteral("split_batch")) == QLatin1String("yes");
    if (!r.text(QStringLiteral("clients")).isEmpty())
        f.clients = r.wholeNumber(QStringLiteral("clients"), std::nullopt);
    f.throughputPerSecond = r.positiveNumber(QStringLiteral("throughput_per_s"));
    f.latencyMeanMs = r.positiveNumber(QStringLiteral("latency_mean_ms"));
    f.latencyP50Ms = r.positiveNumber(QStringLiteral("latency_p50_ms"));
    f.latencyP95Ms = r.positiveNumber(QStringLiteral("latency_p95_ms"));
    f.latencyP99Ms = r.positiveNumber(QStringLiteral("latency_p99_ms"));
    if (f.source.isEmpty())
        r.fail(QStringLiteral("source"), QStringLiteral("is empty: every figure needs its source"));
    if (!f.throughputPerSecond && !f.latencyMeanMs && !f.latencyP50Ms && !f.latencyP95Ms && !f.latencyP99Ms)
        r.fail(QStringLiteral("throughput_per_s"),
               QStringLiteral("the row publishes no throughput or latency"));
    if (f.mode != QLatin1String("gpu") && f.groupSizes.isEmpty())
        r.fail(QStringLiteral("group_sizes"), QStringLiteral("is empty for an Inferentia row"));
    if (f.splitBatch && !r.error()) {
        const auto groups = compile::parseGroupSizes(f.groupSizes);
        const int n = groups ? static_cast<int>(groups->size()) : 0;
        if (n == 0 || f.batch % n != 0)
            r.fail(QStringLiteral("split_batch"),
                   QStringLiteral("batch %1 does not divide evenly over the groups '%2'")
                       .arg(f.batch)
                       .arg(f.groupSizes));
    }
    if (r.error())
        return *r.error();
    return f;
}

int groupCount(const PublishedFigure& figure) {
    const auto groups = compile::parseGroupSizes(figure.groupSizes);
    return groups ? std::max<int>(1, static_cast<int>(groups->size())) : 1;
}

double percentError(double predicted, double published) {
    return (predicted - published) / published * 100.0;
}

void compare(PublishedFigureCheck& check, const char* quantity, const std::optional<double>& published,
             double predicted) {
    if (published)
        check.comparisons.push_back(
            {QLatin1String(quantity), *published, predicted, percentError(predicted, *published)});
}

} // namespace

QString PublishedFigure::label() const {
    if (mode == QLatin1String("gpu"))
        return QStringLiteral("%1 s%2 %3 gpu b%4").arg(model).arg(sequenceLength).arg(instance).arg(batch);
    // Equal groups print as "16x[1]" so that a wide deployment still fits a table column.
    QString groups = QStringLiteral("[%1]").arg(groupSizes);
    const auto sizes = compile::parseGroupSizes(groupSizes);
    if (sizes && sizes->size() > 1 &&
        std::all_of(sizes->begin(), sizes->end(), [&](int s) { return s == sizes->front(); }))
        groups = QStringLiteral("%1x[%2]").arg(sizes->size()).arg(sizes->front());
    const QString shortMode =
        mode == QLatin1String("pipeline") ? QStringLiteral("pipeline") : QStringLiteral("dp");
    return QStringLiteral("%1 s%2 %3 %4 %5 b%6")
        .arg(model)
        .arg(sequenceLength)
        .arg(instance, shortMode, groups)
        .arg(batch);
}

Result<std::vector<PublishedFigure>> parsePublishedFigures(const QByteArray& csv, const QString& origin) {
    std::vector<PublishedFigure> rows;
    const QStringList lines = QString::fromUtf8(csv).split(QLatin1Char('\n'));
    QStringList header;
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(origin).arg(n + 1);
        const QStringList fields = io::splitCsvLine(line);
        if (header.isEmpty()) {
            header = fields;
            for (const QString& column : kRequiredColumns)
                if (!header.contains(column))
                    return makeError(QStringLiteral("the header has no column '%1'").arg(column), where);
            continue;
        }
        if (fields.size() != header.size())
            return makeError(
                QStringLiteral("has %1 fields, the header has %2").arg(fields.size()).arg(header.size()),
                where);
        RowReader reader(header, fields, where);
        Result<PublishedFigure> figure = readFigure(reader, n + 1);
        if (!figure)
            return figure.error();
        rows.push_back(std::move(figure).value());
    }
    if (header.isEmpty())
        return makeError(QStringLiteral("has no header line"), origin);
    return rows;
}

const std::vector<PublishedFigure>& builtInPublishedFigures() {
    static const std::vector<PublishedFigure> rows = [] {
        QFile file(QStringLiteral(":/pipescope/reference/published-figures.csv"));
        if (!file.open(QIODevice::ReadOnly))
            return std::vector<PublishedFigure>();
        Result<std::vector<PublishedFigure>> parsed =
            parsePublishedFigures(file.readAll(), QStringLiteral("published-figures.csv"));
        return parsed.ok() ? std::move(parsed).value() : std::vector<PublishedFigure>();
    }();
    return rows;
}

compile::DataType simulatedDataType(const QString& publishedDtype) {
    if (publishedDtype == QLatin1String("fp16"))
        return compile::DataType::FP16;
    if (publishedDtype == QLatin1String("int8"))
        return compile::DataType::INT8;
    return compile::DataType::BF16; // bf16, and fp32 auto-cast by neuron-cc
}

int defaultClients(const PublishedFigure& figure, const hardware::InstanceSpec& instance) {
    if (instance.isGpu())
        return 1;
    if (figure.splitBatch)
        return groupCount(figure);
    const auto groups = compile::parseGroupSizes(figure.groupSizes);
    if (!groups)
        return 1;
    int inFlight = 0;
    for (int cores : groups.value())
        inFlight += cores + instance.neuron.extraInFlight;
    return std::clamp(inFlight, 1, kMaxDefaultClients);
}

sim::Scenario publishedScenario(const PublishedFigure& figure, const hardware::InstanceSpec& instance,
                                int requests, std::uint64_t seed) {
    sim::Scenario s;
    s.model = figure.model;
    s.sequenceLength = figure.sequenceLength;
    s.instance = figure.instance;
    s.groupSizes = figure.groupSizes;
    s.pipelineCores = figure.pipelineCores;
    s.batch = figure.batch;
    s.dataType = simulatedDataType(figure.dtype);
    s.priceSet = QStringLiteral("launch");
    int clients = figure.clients.value_or(0);
    if (figure.splitBatch) {
        // One call of `batch` divided over the groups runs as one call of batch / groups per group.
        const int groups = groupCount(figure);
        s.batch = figure.batch / groups;
        clients = clients > 0 ? clients * groups : groups;
    }
    s.workload.kind = sim::Workload::Kind::ClosedLoop;
    s.workload.clients = clients > 0 ? clients : defaultClients(figure, instance);
    s.workload.requests = requests;
    s.workload.warmup = std::max(20, requests / 20);
    s.workload.seed = seed;
    return s;
}

const FigureComparison* PublishedFigureCheck::find(const QString& quantity) const {
    for (const auto& c : comparisons)
        if (c.quantity == quantity)
            return &c;
    return nullptr;
}

PublishedFiguresReport checkPublishedFigures(const std::vector<PublishedFigure>& figures,
                                             const hardware::Catalog& catalog, int requests,
                                             std::uint64_t seed) {
    PublishedFiguresReport report;
    for (const PublishedFigure& figure : figures) {
        PublishedFigureCheck check;
        check.figure = figure;
        check.clientsStated = figure.clients.has_value();
        const hardware::InstanceSpec* instance = catalog.find(figure.instance);
        if (!instance) {
            check.failure = QStringLiteral("the catalog has no instance '%1'").arg(figure.instance);
            report.rows.push_back(std::move(check));
            continue;
        }
        const sim::Scenario scenario = publishedScenario(figure, *instance, requests, seed);
        check.clients = scenario.workload.clients;
        Result<sim::RunInputs> inputs = sim::buildInputs(scenario, catalog);
        Result<sim::RunPtr> run =
            inputs ? sim::simulate(inputs.value()) : Result<sim::RunPtr>(inputs.error());
        if (!run) {
            check.failure = run.error().toString();
            report.rows.push_back(std::move(check));
            continue;
        }
        check.simulated = true;
        check.predicted = run.value()->summary;
        const auto& p = check.predicted;
        compare(check, "throughput_per_s", figure.throughputPerSecond, p.throughputPerSecond);
        compare(check, "latency_mean_ms", figure.latencyMeanMs, p.latencyMs.mean);
        compare(check, "latency_p50_ms", figure.latencyP50Ms, p.latencyMs.p50);
        compare(check, "latency_p95_ms", figure.latencyP95Ms, p.latencyMs.p95);
        compare(check, "latency_p99_ms", figure.latencyP99Ms, p.latencyMs.p99);
        for (const auto& c : check.comparisons) {
            auto& [sum, count] = report.mape[c.quantity];
            sum += std::abs(c.errorPercent);
            ++count;
        }
        report.rows.push_back(std::move(check));
    }
    for (auto& [quantity, entry] : report.mape)
        entry.first /= entry.second;
    return report;
}

} // namespace pipescope::calibrate
