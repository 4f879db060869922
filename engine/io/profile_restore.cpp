#include "io/profile_restore.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace pipescope::io {

namespace {

double relativeChange(double stored, double recomputed) {
    if (stored == recomputed)
        return 0;
    return stored != 0 ? (recomputed - stored) / stored : 1.0;
}

} // namespace

Result<std::vector<RestoredRun>> restoreRuns(const Profile& profile, const sim::RunControl& control) {
    std::vector<RestoredRun> restored;
    const double runCount = static_cast<double>(std::max<std::size_t>(1, profile.runs.size()));
    for (std::size_t i = 0; i < profile.runs.size(); ++i) {
        if (control.cancel && control.cancel->load())
            return makeError(QStringLiteral("cancelled"));
        if (control.progress)
            control.progress(static_cast<double>(i) / runCount);
        const sim::RunPtr& stored = profile.runs[i];
        const bool hasTrace = i < profile.hasTrace.size() && profile.hasTrace[i];
        if (hasTrace) {
            restored.push_back(RestoredRun{stored, false, 0, 0});
            continue;
        }
        sim::RunControl runControl{control.cancel, {}};
        if (control.progress)
            runControl.progress = [&control, i, runCount](double fraction) {
                control.progress((static_cast<double>(i) + fraction) / runCount);
            };
        auto fresh = sim::simulate(stored->inputs, runControl);
        if (!fresh.ok())
            return makeError(fresh.error().toString(), QStringLiteral("runs[%1]").arg(i));
        RestoredRun r;
        r.run = *fresh;
        r.resimulated = true;
        r.throughputChange =
            relativeChange(stored->summary.throughputPerSecond, r.run->summary.throughputPerSecond);
        r.p95Change = relativeChange(stored->summary.latencyMs.p95, r.run->summary.latencyMs.p95);
        restored.push_back(std::move(r));
    }
    return restored;
}

QString describeChanges(const std::vector<RestoredRun>& runs) {
    QStringList lines;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const RestoredRun& r = runs[i];
        if (!r.resimulated ||
            (std::abs(r.throughputChange) < kNoticeableChange && std::abs(r.p95Change) < kNoticeableChange))
            continue;
        lines << QStringLiteral(
                     "Run %1 (%2): throughput %3%4%, p95 latency %5%6% compared with the saved profile")
                     .arg(i + 1)
                     .arg(r.run->inputs.instance.name)
                     .arg(r.throughputChange >= 0 ? QStringLiteral("+") : QString())
                     .arg(r.throughputChange * 100, 0, 'f', 2)
                     .arg(r.p95Change >= 0 ? QStringLiteral("+") : QString())
                     .arg(r.p95Change * 100, 0, 'f', 2);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace pipescope::io
