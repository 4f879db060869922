#include "io/profile_migrate.h"

#include <QJsonArray>

namespace pipescope::io {

namespace {

// "4, 4,4" -> [4, 4, 4]. Entries that are not whole numbers stay strings so that the v1
// reader reports them with their index.
QJsonArray groupSizesFromString(const QString& text) {
    QJsonArray sizes;
    if (text.trimmed().isEmpty())
        return sizes;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const int size = part.trimmed().toInt(&ok);
        sizes.append(ok ? QJsonValue(size) : QJsonValue(part));
    }
    return sizes;
}

void migrateRun(QJsonObject* run) {
    QJsonObject workload = run->value(QStringLiteral("workload")).toObject();
    if (run->value(QStringLiteral("workload")).isObject() && !workload.contains(QStringLiteral("warmup"))) {
        workload[QStringLiteral("warmup")] = 0;
        (*run)[QStringLiteral("workload")] = workload;
    }
    QJsonObject config = run->value(QStringLiteral("config")).toObject();
    const QJsonValue groups = config.value(QStringLiteral("group_sizes"));
    if (groups.isString()) {
        config[QStringLiteral("group_sizes")] = groupSizesFromString(groups.toString());
        (*run)[QStringLiteral("config")] = config;
    }
}

} // namespace

void migrateV0ToV1(QJsonObject* root) {
    const QJsonValue runsValue = root->value(QStringLiteral("runs"));
    if (!runsValue.isArray())
        return;
    QJsonArray runs = runsValue.toArray();
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (!runs[i].isObject())
            continue;
        QJsonObject run = runs[i].toObject();
        migrateRun(&run);
        runs[i] = run;
    }
    (*root)[QStringLiteral("runs")] = runs;
    (*root)[QStringLiteral("format_version")] = 1;
}

} // namespace pipescope::io
