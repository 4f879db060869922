#include "sweep/bottleneck.h"

#include <algorithm>

namespace pipescope::sweep {
namespace {

constexpr double kSaturated = 0.85;
constexpr double kBalanced = 0.75;

const metrics::CoreUtilization* busiest(const metrics::RunSummary& s) {
    const metrics::CoreUtilization* best = nullptr;
    for (const auto& core : s.cores)
        if (!best || core.utilization() > best->utilization())
            best = &core;
    return best;
}

QString percent(double share) {
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 0);
}

} // namespace

QString bottleneckName(Bottleneck b) {
    switch (b) {
    case Bottleneck::Host:
        return QStringLiteral("host");
    case Bottleneck::Clients:
        return QStringLiteral("clients");
    case Bottleneck::Dram:
        return QStringLiteral("DRAM");
    case Bottleneck::PipelineDepth:
        return QStringLiteral("pipeline depth");
    case Bottleneck::Compute:
        return QStringLiteral("compute");
    }
    return QStringLiteral("compute");
}

Bottleneck classifyBottleneck(const metrics::RunSummary& s, int pipelineCores) {
    if (s.hostBusy >= kSaturated)
        return Bottleneck::Host;
    const metrics::CoreUtilization* top = busiest(s);
    if (!top || top->utilization() < kSaturated)
        return Bottleneck::Clients;
    if (top->weightWait >= top->compute)
        return Bottleneck::Dram;
    if (pipelineCores > 1) {
        double sum = 0;
        int used = 0;
        for (const auto& core : s.cores)
            if (core.utilization() > 0) {
                sum += core.utilization();
                ++used;
            }
        if (used > 0 && sum / used < kBalanced * top->utilization())
            return Bottleneck::PipelineDepth;
    }
    return Bottleneck::Compute;
}

QString bottleneckEvidence(const metrics::RunSummary& s) {
    const metrics::CoreUtilization* top = busiest(s);
    QString text = QStringLiteral("host busy %1").arg(percent(s.hostBusy));
    if (top)
        text += QStringLiteral(", busiest core %1 (%2 compute, %3 weight wait, %4 transfer)")
                    .arg(percent(top->utilization()), percent(top->compute), percent(top->weightWait),
                         percent(top->transfer));
    return text;
}

} // namespace pipescope::sweep
