#include "metrics/bottleneck.h"

namespace pipescope::metrics {
namespace {

// Below this a resource still has room: queueing theory's knee for a single server is around here.
constexpr double kSaturated = 0.8;

QString percent(double fraction) {
    return QStringLiteral("%1%").arg(fraction * 100.0, 0, 'f', 0);
}

} // namespace

Bottleneck findBottleneck(const ResourceLoad& load) {
    Bottleneck best;
    auto consider = [&](const QString& resource, double utilisation, const QString& reason) {
        if (utilisation > best.utilisation) {
            best.resource = resource;
            best.utilisation = utilisation;
            best.reason = reason;
        }
    };
    for (std::size_t w = 0; w < load.workerLock.size(); ++w)
        consider(QStringLiteral("host"), load.workerLock[w],
                 QStringLiteral("host: serving worker %1 holds its interpreter lock %2 of the time")
                     .arg(w)
                     .arg(percent(load.workerLock[w])));
    for (std::size_t c = 0; c < load.chipDram.size(); ++c)
        consider(QStringLiteral("dram"), load.chipDram[c],
                 QStringLiteral("DRAM: chip %1 streams weights %2 of the time")
                     .arg(c)
                     .arg(percent(load.chipDram[c])));
    for (const auto& core : load.cores) {
        const double busy = core.utilization();
        if (load.gpu) {
            consider(QStringLiteral("gpu"), busy,
                     QStringLiteral("GPU: busy %1 of the time").arg(percent(busy)));
            continue;
        }
        // A core that mostly waits for weights is bound by DRAM, not by its engines.
        const bool streaming = core.weightWait > core.compute;
        consider(streaming ? QStringLiteral("dram") : QStringLiteral("compute"), busy,
                 streaming ? QStringLiteral("DRAM: NeuronCore %1 waits for streamed weights %2 of the time")
                                 .arg(core.id)
                                 .arg(percent(core.weightWait))
                           : QStringLiteral("compute: NeuronCore %1 (chip %2) is busy %3 of the time")
                                 .arg(core.id)
                                 .arg(core.chip)
                                 .arg(percent(busy)));
    }
    if (best.utilisation >= kSaturated)
        return best;
    Bottleneck workload;
    workload.utilisation = best.utilisation;
    if (load.workload.kind == sim::Workload::Kind::ClosedLoop) {
        workload.resource = QStringLiteral("clients");
        workload.reason = load.workload.clients < load.modelCopies
                              ? QStringLiteral("clients: %1 clients for %2 model copies leave copies idle "
                                               "(busiest resource at %3)")
                                    .arg(load.workload.clients)
                                    .arg(load.modelCopies)
                                    .arg(percent(best.utilisation))
                              : QStringLiteral("clients: %1 requests in flight do not saturate any resource "
                                               "(busiest: %2)")
                                    .arg(load.workload.clients)
                                    .arg(best.reason);
    } else {
        workload.resource = QStringLiteral("load");
        workload.reason = QStringLiteral("offered load: %1/s is below capacity (busiest: %2)")
                              .arg(load.workload.ratePerSecond, 0, 'f', 0)
                              .arg(best.reason);
    }
    return workload;
}

} // namespace pipescope::metrics
