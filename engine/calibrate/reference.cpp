#include "calibrate/reference.h"

#include "io/csv_line.h"

#include <QFile>
#include <QStringList>

namespace pipescope::calibrate {
QString ReferenceRow::label() const {
    if (mode == QLatin1String("gpu"))
        return QStringLiteral("%1 gpu batch %2").arg(instance).arg(batch);
    return QStringLiteral("%1 %2 [%3] batch %4").arg(instance, mode, groupSizes).arg(batch);
}

Result<std::vector<ReferenceRow>> parseReference(const QByteArray& csv, const QString& origin) {
    std::vector<ReferenceRow> rows;
    const QStringList lines = QString::fromUtf8(csv).split(QLatin1Char('\n'));
    QStringList header;
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = io::splitCsvLine(line);
        if (header.isEmpty()) {
            header = f;
            continue;
        }
        const QString where = QStringLiteral("%1:%2").arg(origin).arg(n + 1);
        if (f.size() != header.size())
            return makeError(
                QStringLiteral("has %1 fields, the header has %2").arg(f.size()).arg(header.size()), where);
        auto field = [&](const char* name) { return f.value(header.indexOf(QLatin1String(name))); };
        ReferenceRow r;
        bool ok[6] = {};
        r.instance = field("instance");
        r.mode = field("mode");
        r.groupSizes = field("group_sizes");
        r.pipelineCores = field("pipeline_cores").isEmpty() ? 1 : field("pipeline_cores").toInt();
        r.batch = field("batch").toInt(&ok[0]);
        r.clients = field("clients").toInt(&ok[1]);
        r.throughputPerSecond = field("throughput_per_s").toDouble(&ok[2]);
        r.latencyP95Ms = field("latency_p95_ms").toDouble(&ok[3]);
        r.costPerMillionUsd = field("cost_per_million_usd").toDouble(&ok[4]);
        r.pricePerHour = field("price_per_hour_usd").toDouble(&ok[5]);
        for (bool b : ok)
            if (!b)
                return makeError(QStringLiteral("a numeric field is not a number"), where);
        rows.push_back(r);
    }
    return rows;
}

const std::vector<ReferenceRow>& builtInReference() {
    // All ten rows of the 2021 study: inf1.xlarge and g4dn.xlarge, then inf1.6xlarge.
    static const std::vector<ReferenceRow> rows = [] {
        std::vector<ReferenceRow> all;
        for (const char* name : {"seed-measurements.csv", "seed-measurements-6xlarge.csv"}) {
            QFile file(QStringLiteral(":/pipescope/reference/") + QLatin1String(name));
            file.open(QIODevice::ReadOnly);
            Result<std::vector<ReferenceRow>> parsed = parseReference(file.readAll(), QLatin1String(name));
            if (parsed.ok())
                all.insert(all.end(), parsed.value().begin(), parsed.value().end());
        }
        return all;
    }();
    return rows;
}

sim::Scenario referenceScenario(const ReferenceRow& row, int requests, std::uint64_t seed) {
    sim::Scenario s;
    s.model = QStringLiteral("bert-base-uncased");
    s.sequenceLength = 128;
    s.instance = row.instance;
    s.groupSizes = row.groupSizes;
    s.pipelineCores = row.pipelineCores;
    s.batch = row.batch;
    s.priceSet = QStringLiteral("launch");
    s.workload.kind = sim::Workload::Kind::ClosedLoop;
    s.workload.clients = row.clients;
    s.workload.requests = requests;
    s.workload.warmup = std::max(20, requests / 20);
    s.workload.seed = seed;
    return s;
}

} // namespace pipescope::calibrate
