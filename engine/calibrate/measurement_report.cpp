#include "calibrate/measurement_report.h"

#include <QDate>
#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

namespace pipescope::calibrate {
namespace {

double percent(double simulated, double measured) {
    return measured > 0 ? 100.0 * (simulated - measured) / measured : 0.0;
}

QString signedPercent(double simulated, double measured) {
    const double p = percent(simulated, measured);
    return QStringLiteral("%1%2%").arg(p >= 0 ? QStringLiteral("+") : QString()).arg(p, 0, 'f', 1);
}

QJsonObject pair(double throughput, double p95) {
    return QJsonObject{{QStringLiteral("throughput_per_s"), throughput},
                       {QStringLiteral("latency_p95_ms"), p95}};
}

QJsonObject mape(double throughput, double p95) {
    return QJsonObject{{QStringLiteral("throughput_percent"), throughput},
                       {QStringLiteral("p95_percent"), p95}};
}

QJsonArray strings(const QStringList& list) {
    QJsonArray out;
    for (const QString& s : list)
        out.append(s);
    return out;
}

bool hasHeldOut(const MeasurementFitReport& r) {
    return !r.rows.empty() && r.rows.front().throughputHeldOut > 0;
}

} // namespace

QString measurementFitText(const MeasurementFitReport& r) {
    QString text;
    QTextStream out(&text);
    out << QStringLiteral("fit of %1 to %2 measurements in %3 (%4 skipped)\n")
               .arg(r.device)
               .arg(r.rows.size())
               .arg(QFileInfo(r.origin).fileName())
               .arg(r.skipped.size());
    for (const SkippedRow& s : r.skipped)
        out << QStringLiteral("  skipped %1\n").arg(s.reason); // the reason starts with its line
    out << QStringLiteral("\nparameter                     before        after    95% interval\n");
    for (const ParameterEstimate& p : r.parameters)
        out << QStringLiteral("  %1 %2 %3  %4\n")
                   .arg(p.key, -26)
                   .arg(p.before, 11, 'g', 4)
                   .arg(p.value, 11, 'g', 4)
                   .arg(!p.fitted ? QStringLiteral("not fitted")
                        : p.identified
                            ? QStringLiteral("%1 .. %2").arg(p.low, 0, 'g', 3).arg(p.high, 0, 'g', 3)
                            : QStringLiteral("%1 .. %2 (not pinned down)")
                                  .arg(p.low, 0, 'g', 3)
                                  .arg(p.high, 0, 'g', 3));
    out << QStringLiteral("\nrow (line)                              throughput: before / after / held out"
                          "      p95: before / after / held out\n");
    for (const RowFit& row : r.rows) {
        const Measurement& m = row.measured;
        out << QStringLiteral("  %1 %2  %3/s: %4 %5 %6   %7 ms: %8 %9 %10\n")
                   .arg(m.line, 4)
                   .arg(m.label(), -34)
                   .arg(m.throughputPerSecond, 8, 'f', 1)
                   .arg(signedPercent(row.throughputBefore, m.throughputPerSecond), 7)
                   .arg(signedPercent(row.throughputAfter, m.throughputPerSecond), 7)
                   .arg(row.throughputHeldOut > 0
                            ? signedPercent(row.throughputHeldOut, m.throughputPerSecond)
                            : QStringLiteral("-"),
                        7)
                   .arg(m.latencyP95Ms, 7, 'f', 2)
                   .arg(signedPercent(row.p95Before, m.latencyP95Ms), 7)
                   .arg(signedPercent(row.p95After, m.latencyP95Ms), 7)
                   .arg(row.p95HeldOut > 0 ? signedPercent(row.p95HeldOut, m.latencyP95Ms)
                                           : QStringLiteral("-"),
                        7);
    }
    out << QStringLiteral("\nmean absolute error, throughput / p95: before %1% / %2%, after %3% / %4%")
               .arg(r.throughputMapeBefore, 0, 'f', 1)
               .arg(r.p95MapeBefore, 0, 'f', 1)
               .arg(r.throughputMapeAfter, 0, 'f', 1)
               .arg(r.p95MapeAfter, 0, 'f', 1);
    if (hasHeldOut(r))
        out << QStringLiteral(", held out (leave-one-out) %1% / %2%")
                   .arg(r.throughputMapeHeldOut, 0, 'f', 1)
                   .arg(r.p95MapeHeldOut, 0, 'f', 1);
    out << QStringLiteral("\n%1 simulations%2\n")
               .arg(r.evaluations)
               .arg(r.converged ? QString() : QStringLiteral(", did not converge"));
    for (const QString& note : r.notes)
        out << QStringLiteral("note: %1\n").arg(note);
    return text;
}

QJsonObject measurementFitJson(const MeasurementFitReport& r) {
    QJsonArray parameters, rows, skipped;
    for (const ParameterEstimate& p : r.parameters)
        parameters.append(QJsonObject{{QStringLiteral("key"), p.key},
                                      {QStringLiteral("before"), p.before},
                                      {QStringLiteral("value"), p.value},
                                      {QStringLiteral("low"), p.low},
                                      {QStringLiteral("high"), p.high},
                                      {QStringLiteral("fitted"), p.fitted},
                                      {QStringLiteral("identified"), p.identified}});
    for (const RowFit& row : r.rows) {
        QJsonObject json{
            {QStringLiteral("line"), row.measured.line},
            {QStringLiteral("label"), row.measured.label()},
            {QStringLiteral("measured"), pair(row.measured.throughputPerSecond, row.measured.latencyP95Ms)},
            {QStringLiteral("before"), pair(row.throughputBefore, row.p95Before)},
            {QStringLiteral("after"), pair(row.throughputAfter, row.p95After)}};
        if (row.throughputHeldOut > 0)
            json[QStringLiteral("held_out")] = pair(row.throughputHeldOut, row.p95HeldOut);
        rows.append(json);
    }
    for (const SkippedRow& s : r.skipped)
        skipped.append(QJsonObject{{QStringLiteral("line"), s.line}, {QStringLiteral("reason"), s.reason}});
    QJsonObject errors{{QStringLiteral("before"), mape(r.throughputMapeBefore, r.p95MapeBefore)},
                       {QStringLiteral("after"), mape(r.throughputMapeAfter, r.p95MapeAfter)}};
    if (hasHeldOut(r))
        errors[QStringLiteral("held_out")] = mape(r.throughputMapeHeldOut, r.p95MapeHeldOut);
    return QJsonObject{{QStringLiteral("device"), r.device},
                       {QStringLiteral("measurements"), QFileInfo(r.origin).fileName()},
                       {QStringLiteral("parameters"), parameters},
                       {QStringLiteral("rows"), rows},
                       {QStringLiteral("mape"), errors},
                       {QStringLiteral("held_out_worse"), r.heldOutWorse},
                       {QStringLiteral("unidentified"), strings(r.unidentified)},
                       {QStringLiteral("notes"), strings(r.notes)},
                       {QStringLiteral("skipped"), skipped},
                       {QStringLiteral("converged"), r.converged},
                       {QStringLiteral("evaluations"), r.evaluations}};
}

hardware::DeviceProfile deviceProfileFromFit(const MeasurementFitReport& r, const QString& name) {
    hardware::DeviceProfile profile;
    profile.name = name;
    profile.baseDevice = r.device;
    profile.device = r.deviceEntry;
    const QJsonObject json = measurementFitJson(r);
    profile.provenance =
        QJsonObject{{QStringLiteral("measurements"), QFileInfo(r.origin).fileName()},
                    {QStringLiteral("date"), QDate::currentDate().toString(Qt::ISODate)},
                    {QStringLiteral("rows"), static_cast<int>(r.rows.size())},
                    {QStringLiteral("skipped"), static_cast<int>(r.skipped.size())},
                    {QStringLiteral("mape"), json.value(QStringLiteral("mape"))},
                    {QStringLiteral("unidentified"), json.value(QStringLiteral("unidentified"))}};
    return profile;
}

} // namespace pipescope::calibrate
