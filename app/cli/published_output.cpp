#include "cli/published_output.h"

namespace pipescope::cli {
namespace {

constexpr int kLabelWidth = 72;

QJsonObject settingJson(const calibrate::PublishedFigure& f) {
    return QJsonObject{
        {QStringLiteral("model"), f.model},
        {QStringLiteral("checkpoint"), f.checkpoint},
        {QStringLiteral("sequence_length"), f.sequenceLength},
        {QStringLiteral("instance"), f.instance},
        {QStringLiteral("mode"), f.mode},
        {QStringLiteral("group_sizes"), f.groupSizes},
        {QStringLiteral("pipeline_cores"), f.pipelineCores},
        {QStringLiteral("batch"), f.batch},
        {QStringLiteral("split_batch"), f.splitBatch},
        {QStringLiteral("dtype"), f.dtype},
        {QStringLiteral("simulated_dtype"), compile::dataTypeName(calibrate::simulatedDataType(f.dtype))},
        {QStringLiteral("framework"), f.framework},
        {QStringLiteral("sdk"), f.sdk},
        {QStringLiteral("source"), f.source},
        {QStringLiteral("title"), f.title},
        {QStringLiteral("notes"), f.notes}};
}

QJsonObject predictedJson(const metrics::RunSummary& s) {
    return QJsonObject{{QStringLiteral("throughput_per_s"), s.throughputPerSecond},
                       {QStringLiteral("latency_mean_ms"), s.latencyMs.mean},
                       {QStringLiteral("latency_p50_ms"), s.latencyMs.p50},
                       {QStringLiteral("latency_p95_ms"), s.latencyMs.p95},
                       {QStringLiteral("latency_p99_ms"), s.latencyMs.p99}};
}

// "   967.0   1012.3    +4.7", blanks when the source does not publish the quantity; a latency
// published only as a mean stands in for p50, marked "m".
QString triple(const calibrate::PublishedFigureCheck& check, const QString& quantity, int precision) {
    const calibrate::FigureComparison* c = check.find(quantity);
    QString marker = QStringLiteral(" ");
    if (!c && quantity == QLatin1String("latency_p50_ms")) {
        c = check.find(QStringLiteral("latency_mean_ms"));
        marker = QStringLiteral("m");
    }
    if (!c)
        return QStringLiteral("%1 %2 %3 ").arg(QStringLiteral("-"), 8).arg(QString(), 8).arg(QString(), 7);
    const QString sign = c->errorPercent >= 0 ? QStringLiteral("+") : QString();
    return QStringLiteral("%1 %2 %3%4")
        .arg(c->published, 8, 'f', precision)
        .arg(c->predicted, 8, 'f', precision)
        .arg(sign + QString::number(c->errorPercent, 'f', 1), 7)
        .arg(marker);
}

QString heading(const QString& quantity) {
    return QStringLiteral("%1 %2 %3 ")
        .arg(quantity + QStringLiteral(" pub"), 8)
        .arg(quantity + QStringLiteral(" sim"), 8)
        .arg(QStringLiteral("err%"), 7);
}

} // namespace

QJsonArray publishedJson(const calibrate::PublishedFiguresReport& report) {
    QJsonArray rows;
    for (const auto& check : report.rows) {
        QJsonObject row = settingJson(check.figure);
        row.insert(QStringLiteral("row"), check.figure.label());
        row.insert(QStringLiteral("line"), check.figure.line);
        row.insert(QStringLiteral("simulated"), check.simulated);
        QJsonObject published;
        QJsonObject errors;
        for (const auto& c : check.comparisons) {
            published.insert(c.quantity, c.published);
            errors.insert(c.quantity, c.errorPercent);
        }
        row.insert(QStringLiteral("published"), published);
        if (!check.simulated) {
            row.insert(QStringLiteral("failure"), check.failure);
        } else {
            row.insert(QStringLiteral("clients"), check.clients);
            row.insert(QStringLiteral("clients_stated"), check.clientsStated);
            row.insert(QStringLiteral("predicted"), predictedJson(check.predicted));
            row.insert(QStringLiteral("error_percent"), errors);
        }
        rows.append(row);
    }
    return rows;
}

QJsonObject publishedMapeJson(const calibrate::PublishedFiguresReport& report) {
    QJsonObject mape;
    for (const auto& [quantity, entry] : report.mape)
        mape.insert(quantity, QJsonObject{{QStringLiteral("mape"), entry.first},
                                          {QStringLiteral("rows"), entry.second}});
    return mape;
}

void printPublished(QTextStream& out, const calibrate::PublishedFiguresReport& report) {
    out << "\npublished figures from other sources (held out: never used by the calibration)\n";
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("#"), 2)
               .arg(QStringLiteral("row (c = requests in flight, sdk)"), -kLabelWidth)
               .arg(heading(QStringLiteral("thr")), heading(QStringLiteral("p50")),
                    heading(QStringLiteral("p99")));
    int n = 0;
    for (const auto& check : report.rows) {
        ++n;
        const QString label =
            QStringLiteral("%1 c%2 (%3)")
                .arg(check.figure.label())
                .arg(check.simulated ? QString::number(check.clients) +
                                           (check.clientsStated ? QString() : QStringLiteral("*"))
                                     : QStringLiteral("?"))
                .arg(check.figure.sdk.section(QLatin1Char(' '), 0, 0));
        if (!check.simulated) {
            out << QStringLiteral("%1 %2 not simulated: %3\n")
                       .arg(n, 2)
                       .arg(label, -kLabelWidth)
                       .arg(check.failure);
            continue;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(n, 2)
                   .arg(label, -kLabelWidth)
                   .arg(triple(check, QStringLiteral("throughput_per_s"), 1))
                   .arg(triple(check, QStringLiteral("latency_p50_ms"), 2))
                   .arg(triple(check, QStringLiteral("latency_p99_ms"), 2));
    }
    out << "c: requests in flight simulated (* = not stated by the source: fills the deployment); "
           "m: the source publishes a mean latency, no p50; pub = published, sim = simulated\n";
    for (const auto& [quantity, entry] : report.mape)
        out << QStringLiteral("mean absolute percentage error, %1: %2% over %3 rows\n")
                   .arg(quantity)
                   .arg(entry.first, 0, 'f', 1)
                   .arg(entry.second);
}

} // namespace pipescope::cli
