#include "calibrate/measurement_rows.h"

#include "model/presets.h"
#include "sim/scenario.h"

#include <QFileInfo>

#include <cmath>

namespace pipescope::calibrate::detail {
namespace {

// Bounds past which a figure is a typo or junk rather than a measurement of one instance.
constexpr double kMaxThroughput = 1e7;    // inferences per second
constexpr double kMaxLatencyMs = 3.6e6;   // one hour
constexpr double kMaxRate = 1e7;          // requests per second (the simulator's own bound)
constexpr int kMaxBatch = 4096;           // the compiler's bound
constexpr int kMaxClients = 100000;       // the simulator's bound
constexpr int kMaxPipelineCores = 1024;   // group sizes are bounded alike
constexpr int kMaxWorkers = 4096;         // the simulator's bound
constexpr int kMaxSequenceLength = 65536; // the model checks its own position limit

QString shortNumber(double v) {
    return QString::number(v, 'g', 6);
}

// sim::buildInputs names the setting at fault as on the command line; a file's reader wants the field.
QString fieldOfSetting(const QString& where) {
    static const std::map<QString, QString> fields = {
        {QStringLiteral("NEURONCORE_GROUP_SIZES"), QStringLiteral("group_sizes")},
        {QStringLiteral("group sizes"), QStringLiteral("group_sizes")},
        {QStringLiteral("pipeline cores"), QStringLiteral("pipeline_cores")},
        {QStringLiteral("batch"), QStringLiteral("batch")},
        {QStringLiteral("workers"), QStringLiteral("workers")},
        {QStringLiteral("clients"), QStringLiteral("clients")},
        {QStringLiteral("rate"), QStringLiteral("rate_per_s")},
        {QStringLiteral("sequence length"), QStringLiteral("sequence_length")},
        {QStringLiteral("--seq-len"), QStringLiteral("sequence_length")},
    };
    const auto it = fields.find(where);
    return it == fields.end() ? QString() : it->second;
}

} // namespace

QString RowParser::text(const QString& field) const {
    const auto it = m_row.cells.find(field);
    return it == m_row.cells.end() ? QString() : it->second.text.trimmed();
}

QString RowParser::column(const QString& field) const {
    const auto it = m_row.cells.find(field);
    return it == m_row.cells.end() || it->second.column.isEmpty() ? field : it->second.column;
}

void RowParser::fail(const QString& problem) {
    if (m_problem.isEmpty())
        m_problem = problem;
}

double RowParser::number(const QString& field, double max, Zero zero, std::optional<double> fallback) {
    if (!ok())
        return fallback.value_or(0);
    const QString cell = text(field);
    const QString name = column(field);
    if (cell.isEmpty()) {
        if (!fallback)
            fail(QStringLiteral("%1 is empty").arg(name));
        return fallback.value_or(0);
    }
    bool parsed = false;
    const double v = cell.toDouble(&parsed);
    const QString shown = cell.left(40);
    if (!parsed)
        fail(QStringLiteral("%1 is not a number ('%2')").arg(name, shown));
    else if (!std::isfinite(v))
        fail(QStringLiteral("%1 is not a finite number ('%2')").arg(name, shown));
    else if (v < 0)
        fail(QStringLiteral("%1 %2 is negative").arg(name, shortNumber(v)));
    else if (v == 0 && zero == Zero::Refused)
        fail(QStringLiteral("%1 is 0").arg(name));
    else if (v > max)
        fail(QStringLiteral("%1 %2 is absurd (above %3)").arg(name, shortNumber(v), shortNumber(max)));
    return ok() ? v : fallback.value_or(0);
}

int RowParser::whole(const QString& field, int max, Zero zero, std::optional<int> fallback) {
    const std::optional<double> asDouble = fallback ? std::optional<double>(*fallback) : std::nullopt;
    const double v = number(field, max, zero, asDouble);
    if (ok() && v != std::floor(v))
        fail(QStringLiteral("%1 %2 is not a whole number").arg(column(field), shortNumber(v)));
    return ok() ? static_cast<int>(v) : fallback.value_or(0);
}

MeasurementCollector::MeasurementCollector(QString origin, const hardware::Catalog& catalog,
                                           const ImportDefaults& defaults)
    : m_catalog(catalog)
    , m_defaults(defaults) {
    m_set.origin = std::move(origin);
}

void MeasurementCollector::skip(const QString& where, int line, const QString& reason) {
    m_set.skipped.push_back(SkippedRow{line, where + QStringLiteral(": ") + reason});
}

std::optional<Measurement> MeasurementCollector::parse(const RowText& row, RowParser& p) const {
    using Zero = RowParser::Zero;
    Measurement m;
    m.line = row.line;
    m.origin = m_set.origin;
    sim::Scenario& s = m.scenario;
    s.model = p.text(QStringLiteral("model")).isEmpty() ? m_defaults.model : p.text(QStringLiteral("model"));
    s.sequenceLength = p.whole(QStringLiteral("sequence_length"), kMaxSequenceLength, Zero::Refused,
                               m_defaults.sequenceLength);
    s.instance = p.text(QStringLiteral("instance")).isEmpty() ? m_defaults.instance
                                                              : p.text(QStringLiteral("instance"));
    s.groupSizes = p.text(QStringLiteral("group_sizes")).remove(QLatin1Char(' '));
    s.pipelineCores = p.whole(QStringLiteral("pipeline_cores"), kMaxPipelineCores, Zero::Refused, 1);
    s.batch = p.whole(QStringLiteral("batch"), kMaxBatch, Zero::Refused);
    s.workers = p.whole(QStringLiteral("workers"), kMaxWorkers, Zero::Allowed, 0);
    const bool hasClients = !p.text(QStringLiteral("clients")).isEmpty();
    const bool hasRate = !p.text(QStringLiteral("rate_per_s")).isEmpty();
    if (hasClients && hasRate)
        p.fail(QStringLiteral("gives both %1 and %2; a row is measured at one load")
                   .arg(p.column(QStringLiteral("clients")), p.column(QStringLiteral("rate_per_s"))));
    else if (!hasClients && !hasRate)
        p.fail(QStringLiteral("gives neither clients nor rate_per_s"));
    s.workload.kind = hasRate ? sim::Workload::Kind::OpenLoop : sim::Workload::Kind::ClosedLoop;
    s.workload.clients = hasClients ? p.whole(QStringLiteral("clients"), kMaxClients, Zero::Refused) : 1;
    s.workload.ratePerSecond = hasRate ? p.number(QStringLiteral("rate_per_s"), kMaxRate, Zero::Refused) : 0;
    s.workload.requests = m_defaults.requests;
    s.workload.warmup = std::max(20, m_defaults.requests / 20);
    s.workload.seed = m_defaults.seed;
    m.throughputPerSecond = p.number(QStringLiteral("throughput_per_s"), kMaxThroughput, Zero::Refused);
    m.latencyP50Ms = p.number(QStringLiteral("latency_p50_ms"), kMaxLatencyMs, Zero::Allowed, 0.0);
    m.latencyP95Ms = p.number(QStringLiteral("latency_p95_ms"), kMaxLatencyMs, Zero::Refused);
    m.latencyP99Ms = p.number(QStringLiteral("latency_p99_ms"), kMaxLatencyMs, Zero::Allowed, 0.0);
    if (!p.ok())
        return std::nullopt;
    const auto below = [&](const char* lower, double lowerMs, const char* upper, double upperMs) {
        if (lowerMs > 0 && upperMs > 0 && upperMs < lowerMs)
            p.fail(QStringLiteral("%1 %2 is below %3 %4")
                       .arg(p.column(QLatin1String(upper)), shortNumber(upperMs),
                            p.column(QLatin1String(lower)), shortNumber(lowerMs)));
    };
    below("latency_p50_ms", m.latencyP50Ms, "latency_p95_ms", m.latencyP95Ms);
    below("latency_p95_ms", m.latencyP95Ms, "latency_p99_ms", m.latencyP99Ms);
    if (s.instance.isEmpty())
        p.fail(QStringLiteral("no instance: the file names none and no default instance was given"));
    // A model named by a file must be a file or folder: a device or pipe would be read without end.
    if (!model::presetNames().contains(s.model)) {
        const QFileInfo model(s.model);
        if (model.exists() && !model.isFile() && !model.isDir())
            p.fail(QStringLiteral("model '%1' is neither a file nor a folder").arg(s.model.left(80)));
    }
    if (!p.ok())
        return std::nullopt;
    return m;
}

std::optional<QString> MeasurementCollector::deploymentProblem(const Measurement& m) {
    const sim::Scenario& s = m.scenario;
    // The load's own bounds are checked by parse(); the rest depends on the deployment alone.
    const QString key = QStringList{s.model,
                                    QString::number(s.sequenceLength),
                                    s.instance,
                                    s.groupSizes,
                                    QString::number(s.pipelineCores),
                                    QString::number(s.batch),
                                    QString::number(s.workers),
                                    QString::number(int(s.workload.kind))}
                            .join(QLatin1Char('|'));
    const auto cached = m_verdicts.find(key);
    if (cached != m_verdicts.end())
        return cached->second;
    std::optional<QString> problem;
    Result<sim::RunInputs> inputs = sim::buildInputs(s, m_catalog);
    if (!inputs) {
        const Error& e = inputs.error();
        const QString field = fieldOfSetting(e.where);
        if (field == QLatin1String("group_sizes"))
            problem = QStringLiteral("group_sizes %1: %2").arg(s.groupSizes.left(60), e.message);
        else if (!field.isEmpty())
            problem = field + QStringLiteral(": ") + e.message;
        else
            problem = e.message;
    }
    m_verdicts.emplace(key, problem);
    return problem;
}

void MeasurementCollector::add(const RowText& row) {
    RowParser parser(row);
    std::optional<Measurement> m = parse(row, parser);
    if (!m) {
        skip(row.where, row.line, parser.problem());
        return;
    }
    const sim::Scenario& s = m->scenario;
    const QString key =
        QStringList{m->label(), s.model, QString::number(s.sequenceLength), QString::number(s.workers),
                    QString::number(s.workload.ratePerSecond, 'g', 17)}
            .join(QLatin1Char('|'));
    const auto first = m_lineOfKey.find(key);
    if (first != m_lineOfKey.end()) {
        const QString unit = row.where.section(QLatin1Char(' '), 0, 0);
        skip(
            row.where, row.line,
            QStringLiteral("duplicate of %1 %2 (the same deployment and load)").arg(unit).arg(first->second));
        return;
    }
    if (const std::optional<QString> problem = deploymentProblem(*m)) {
        skip(row.where, row.line, *problem);
        return;
    }
    m_lineOfKey.emplace(key, row.line);
    m_set.rows.push_back(std::move(*m));
}

Result<MeasurementSet> MeasurementCollector::finish(const QString& format) && {
    m_set.format = format;
    if (m_set.rows.empty()) {
        if (m_set.skipped.empty())
            return makeError(QStringLiteral("has no measurement rows"), m_set.origin);
        const int more = static_cast<int>(m_set.skipped.size()) - 1;
        QString message = QStringLiteral("has no usable row; ") + m_set.skipped.front().reason;
        if (more > 0)
            message += QStringLiteral(" (and %1 more skipped)").arg(more);
        return makeError(message, m_set.origin);
    }
    return std::move(m_set);
}

} // namespace pipescope::calibrate::detail
