#include "io/profile_reader.h"

#include "io/profile_inputs_json.h"
#include "io/profile_migrate.h"
#include "io/profile_results_json.h"
#include "io/profile_sweep_json.h"

#include <QFile>
#include <QJsonDocument>

namespace pipescope::io {

namespace {

bool runFromJson(const QJsonValue& value, const QString& path, const ReadLimits& limits, qint64* budget,
                 Diagnostics* d, sim::Run* run, bool* hasTrace) {
    if (!value.isObject()) {
        d->fail(path, QStringLiteral("must be an object"));
        return false;
    }
    FieldReader r(value.toObject(), path, d);
    QJsonObject model, instance, config, workload, summary, trace;
    auto& in = run->inputs;
    if (!(r.object(QStringLiteral("model"), &model) &&
          modelFromJson(model, r.pathOf(QStringLiteral("model")), limits, d, &in.model) &&
          r.object(QStringLiteral("instance"), &instance) &&
          instanceFromJson(instance, r.pathOf(QStringLiteral("instance")), d, &in.instance) &&
          r.string(QStringLiteral("price_set"), &in.priceSet) &&
          r.object(QStringLiteral("config"), &config) &&
          configFromJson(config, r.pathOf(QStringLiteral("config")), d, &in.config) &&
          r.object(QStringLiteral("workload"), &workload) &&
          workloadFromJson(workload, r.pathOf(QStringLiteral("workload")), d, &in.workload) &&
          r.object(QStringLiteral("summary"), &summary) &&
          summaryFromJson(summary, r.pathOf(QStringLiteral("summary")), d, &run->summary)))
        return false;
    *hasTrace = r.has(QStringLiteral("trace"));
    if (*hasTrace && !(r.object(QStringLiteral("trace"), &trace) &&
                       traceFromJson(trace, r.pathOf(QStringLiteral("trace")), limits, budget, d, run)))
        return false;
    r.warnUnknown();
    return true;
}

// The version check comes first so that a newer file is refused for what it is, not for the
// first field this build does not understand.
bool checkFormat(const QJsonObject& root, Diagnostics* d, qint64* version) {
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kProfileFormatName)) {
        d->fail(QStringLiteral("format"),
                QStringLiteral("this is not a Pipescope profile (expected \"format\": \"%1\")")
                    .arg(QLatin1String(kProfileFormatName)));
        return false;
    }
    const auto v =
        wholeNumber(root.value(QStringLiteral("format_version")), 0, std::numeric_limits<int>::max());
    if (!v) {
        d->fail(QStringLiteral("format_version"), QStringLiteral("must be a whole number"));
        return false;
    }
    if (*v > kProfileFormatVersion) {
        d->fail(
            QStringLiteral("format_version"),
            QStringLiteral("the file is format version %1, written by a newer Pipescope (%2); this build "
                           "reads versions 0 to %3: please update Pipescope")
                .arg(*v)
                .arg(root.value(QStringLiteral("app_version")).toString(QStringLiteral("unknown version")))
                .arg(kProfileFormatVersion));
        return false;
    }
    *version = *v;
    return true;
}

// The optional "sweeps" block: older files have none.
bool sweepsFromJson(FieldReader& r, const ReadLimits& limits, Diagnostics* d, Profile* profile) {
    constexpr qsizetype kMaxSweeps = 100;
    QJsonArray sweeps;
    if (!r.array(QStringLiteral("sweeps"), kMaxSweeps, &sweeps, false))
        return false;
    for (qsizetype i = 0; i < sweeps.size(); ++i) {
        const QString at = indexPath(QStringLiteral("sweeps"), i);
        if (!sweeps[i].isObject()) {
            d->fail(at, QStringLiteral("must be an object"));
            return false;
        }
        SavedSweep sweep;
        if (!sweepFromJson(sweeps[i].toObject(), at, limits, d, &sweep))
            return false;
        profile->sweeps.push_back(std::move(sweep));
    }
    return true;
}

} // namespace

QString cancelledMessage() {
    return QStringLiteral("cancelled");
}

Result<Profile> readProfile(const QByteArray& bytes, const ReadLimits& limits,
                            const sim::RunControl& control) {
    if (bytes.trimmed().isEmpty())
        return makeError(QStringLiteral("the file is empty"));
    if (bytes.size() > limits.maxFileBytes)
        return makeError(QStringLiteral("the file is %1 bytes; profiles are limited to %2")
                             .arg(bytes.size())
                             .arg(limits.maxFileBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("not valid JSON (%1); the file may be truncated or not a profile")
                             .arg(parseError.errorString()),
                         QStringLiteral("byte %1").arg(parseError.offset));
    if (!document.isObject())
        return makeError(
            QStringLiteral("this is not a Pipescope profile: the top level is not a JSON object"));
    QJsonObject root = document.object();

    Diagnostics d;
    qint64 version = 0;
    if (!checkFormat(root, &d, &version))
        return *d.error;
    if (version == 0)
        migrateV0ToV1(&root);

    Profile profile;
    FieldReader r(root, QString(), &d);
    r.markKnown(QStringLiteral("format"));
    r.markKnown(QStringLiteral("format_version"));
    QString created;
    QJsonArray runs;
    QJsonObject view;
    if (!(r.string(QStringLiteral("app_version"), &profile.appVersion) &&
          r.string(QStringLiteral("created"), &created) &&
          r.array(QStringLiteral("runs"), limits.maxRuns, &runs)))
        return *d.error;
    profile.created = QDateTime::fromString(created, Qt::ISODateWithMs);
    if (!profile.created.isValid()) {
        d.fail(QStringLiteral("created"),
               QStringLiteral("must be a date and time like 2026-11-26T17:45:00Z"));
        return *d.error;
    }
    const qint64 runCount = runs.size();
    if (!(r.integerAs(QStringLiteral("selected_run"), -1, runCount - 1, &profile.selectedRun, false) &&
          r.integerAs(QStringLiteral("baseline_run"), -1, runCount - 1, &profile.baselineRun, false) &&
          r.object(QStringLiteral("view"), &view, false)))
        return *d.error;
    FieldReader rv(view, QStringLiteral("view"), &d);
    constexpr qint64 kMaxNs = qint64(1) << 62;
    if (!(rv.integer(QStringLiteral("begin_ns"), 0, kMaxNs, &profile.viewBeginNs, false) &&
          rv.integer(QStringLiteral("end_ns"), profile.viewBeginNs, kMaxNs, &profile.viewEndNs, false)))
        return *d.error;

    qint64 budget = limits.maxInflatedBytes;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (control.cancel && control.cancel->load())
            return makeError(cancelledMessage());
        if (control.progress)
            control.progress(static_cast<double>(i) / static_cast<double>(runs.size()));
        auto run = std::make_shared<sim::Run>();
        bool hasTrace = false;
        if (!runFromJson(runs[i], indexPath(QStringLiteral("runs"), i), limits, &budget, &d, run.get(),
                         &hasTrace))
            return *d.error;
        profile.runs.push_back(std::move(run));
        profile.hasTrace.push_back(hasTrace);
    }
    if (!sweepsFromJson(r, limits, &d, &profile))
        return *d.error;
    r.warnUnknown();
    if (!view.isEmpty())
        rv.warnUnknown();
    profile.warnings = d.warnings;
    return profile;
}

Result<Profile> readProfileFile(const QString& path, const ReadLimits& limits,
                                const sim::RunControl& control) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot open: %1").arg(file.errorString()), path);
    if (file.size() > limits.maxFileBytes)
        return makeError(QStringLiteral("the file is %1 bytes; profiles are limited to %2")
                             .arg(file.size())
                             .arg(limits.maxFileBytes),
                         path);
    auto result = readProfile(file.readAll(), limits, control);
    if (!result.ok()) {
        const Error& e = result.error();
        return makeError(e.message, e.where.isEmpty() ? path : path + QStringLiteral(": ") + e.where);
    }
    return result;
}

} // namespace pipescope::io
