#include "io/profile_writer.h"

#include "io/atomic_file.h"
#include "io/profile_inputs_json.h"
#include "io/profile_results_json.h"
#include "io/profile_sweep_json.h"

#include <QJsonDocument>

namespace pipescope::io {

namespace {

QJsonObject runToJson(const sim::Run& run, const WriteOptions& options) {
    QJsonObject json{{QStringLiteral("model"), modelToJson(run.inputs.model)},
                     {QStringLiteral("instance"), instanceToJson(run.inputs.instance)},
                     {QStringLiteral("price_set"), run.inputs.priceSet},
                     {QStringLiteral("config"), configToJson(run.inputs.config)},
                     {QStringLiteral("workload"), workloadToJson(run.inputs.workload)},
                     {QStringLiteral("summary"), summaryToJson(run.summary)}};
    if (options.embedTraces)
        json[QStringLiteral("trace")] = traceToJson(run);
    return json;
}

} // namespace

Profile makeProfile(std::vector<sim::RunPtr> runs, int selectedRun, int baselineRun, qint64 viewBeginNs,
                    qint64 viewEndNs) {
    Profile profile;
    profile.appVersion = QStringLiteral(PIPESCOPE_VERSION);
    profile.created = QDateTime::currentDateTimeUtc();
    profile.hasTrace.assign(runs.size(), true);
    profile.runs = std::move(runs);
    profile.selectedRun = selectedRun;
    profile.baselineRun = baselineRun;
    profile.viewBeginNs = viewBeginNs;
    profile.viewEndNs = viewEndNs;
    return profile;
}

QByteArray writeProfile(const Profile& profile, const WriteOptions& options,
                        const std::function<void(double)>& progress) {
    QJsonArray runs;
    for (std::size_t i = 0; i < profile.runs.size(); ++i) {
        if (progress)
            progress(static_cast<double>(i) / static_cast<double>(profile.runs.size()));
        if (profile.runs[i])
            runs.append(runToJson(*profile.runs[i], options));
    }
    const QDateTime created = profile.created.isValid() ? profile.created : QDateTime::currentDateTimeUtc();
    QJsonObject root{{QStringLiteral("format"), QString::fromLatin1(kProfileFormatName)},
                     {QStringLiteral("format_version"), kProfileFormatVersion},
                     {QStringLiteral("app_version"),
                      profile.appVersion.isEmpty() ? QStringLiteral(PIPESCOPE_VERSION) : profile.appVersion},
                     {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("runs"), runs},
                     {QStringLiteral("selected_run"), profile.selectedRun},
                     {QStringLiteral("baseline_run"), profile.baselineRun},
                     {QStringLiteral("view"), QJsonObject{{QStringLiteral("begin_ns"), profile.viewBeginNs},
                                                          {QStringLiteral("end_ns"), profile.viewEndNs}}}};
    if (!profile.sweeps.empty()) { // optional: files without a sweep stay as they were
        QJsonArray sweeps;
        for (const SavedSweep& sweep : profile.sweeps)
            sweeps.append(sweepToJson(sweep));
        root[QStringLiteral("sweeps")] = sweeps;
    }
    return QJsonDocument(root).toJson(options.indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

std::optional<Error> writeProfileFile(const QString& path, const Profile& profile,
                                      const WriteOptions& options) {
    return writeFileAtomically(path, writeProfile(profile, options));
}

} // namespace pipescope::io
