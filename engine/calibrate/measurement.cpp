#include "calibrate/measurement.h"

namespace pipescope::calibrate {

QString Measurement::label() const {
    const sim::Scenario& s = scenario;
    const QString load = s.workload.kind == sim::Workload::Kind::OpenLoop
                             ? QStringLiteral("%1/s").arg(s.workload.ratePerSecond)
                             : QStringLiteral("c%1").arg(s.workload.clients);
    if (s.pipelineCores > 1)
        return QStringLiteral("%1 PP%2 [%3] b%4 %5")
            .arg(s.instance)
            .arg(s.pipelineCores)
            .arg(s.groupSizes)
            .arg(s.batch)
            .arg(load);
    return QStringLiteral("%1 [%2] b%3 %4").arg(s.instance, s.groupSizes).arg(s.batch).arg(load);
}

} // namespace pipescope::calibrate
