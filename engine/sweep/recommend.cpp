#include "sweep/recommend.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace pipescope::sweep {
namespace {

QString rate(double perSecond) {
    return QStringLiteral("%L1/s").arg(perSecond, 0, 'f', 0);
}

QString reasonLine(const SweepEntry& entry, const Assessment& a, const Criteria& criteria) {
    const QString bound = QStringLiteral("bound by %1 (%2)")
                              .arg(bottleneckName(a.bottleneck), bottleneckEvidence(entry.curve.probe));
    if (!a.meetsSla) {
        const double lightest = entry.curve.points.empty() ? 0 : entry.curve.points.front().latencyMs.p95;
        return QStringLiteral("%1: never meets p95 <= %2 ms (p95 %3 ms at the lightest load); %4")
            .arg(entry.deployment.label())
            .arg(criteria.maxP95Ms)
            .arg(lightest, 0, 'f', 2)
            .arg(bound);
    }
    if (a.closedLoop)
        return QStringLiteral(
                   "%1: 1 machine at %2 in closed loop (%3 clients), p95 %4 ms, $%5 per million; %6")
            .arg(entry.deployment.label(), rate(a.ratePerMachine))
            .arg(entry.curve.closedLoop.clients)
            .arg(a.latencyMs.p95, 0, 'f', 2)
            .arg(a.costPerMillionUsd, 0, 'f', 4)
            .arg(bound);
    return QStringLiteral("%1: %2 machine%3 at %4 each, p95 %5 ms, $%6 per million; %7")
        .arg(entry.deployment.label())
        .arg(a.machines)
        .arg(a.machines == 1 ? QString() : QStringLiteral("s"))
        .arg(rate(a.ratePerMachine))
        .arg(a.latencyMs.p95, 0, 'f', 2)
        .arg(a.costPerMillionUsd, 0, 'f', 4)
        .arg(bound);
}

// The measured p95 that decides whether the deployment meets the target at the rate it is costed
// at: the closed-loop point's, or that of the load point at its highest rate meeting the target.
const metrics::LatencyStats* decidingLatency(const SweepEntry& entry, const Assessment& a) {
    if (a.closedLoop)
        return &entry.curve.closedLoop.latencyMs;
    if (!(a.maxRateAtSlaPerSecond > 0))
        return nullptr;
    for (const LoadPoint& p : entry.curve.points)
        if (!p.overloaded && p.offeredPerSecond == a.maxRateAtSlaPerSecond)
            return &p.latencyMs;
    return nullptr;
}

// Whole machines that serve `load` at `rate` each.
int machinesFor(double load, double rate) {
    return static_cast<int>(std::ceil(load / rate - 1e-9));
}

// Whether the deployment's cost would change if its deciding point did not meet the target: without a
// load its operating point would, with one only when the highest rate clear of the noise needs
// another number of machines (1,611/s or 1,289/s both serve 1,000/s on one machine).
bool costMovesWithoutIt(const SweepEntry& entry, const Assessment& a, const Criteria& criteria) {
    if (criteria.loadPerSecond <= 0 || a.closedLoop)
        return true;
    const double clear = maxRateAtSla(entry.curve.points, criteria.maxP95Ms, true);
    return !(clear > 0) || machinesFor(criteria.loadPerSecond, clear) != a.machines;
}

// "; meets p95 <= 10 ms only within sampling noise (p95 9.81 ± 0.42 ms at 1,234/s)".
QString marginNote(const metrics::LatencyStats& deciding, const Assessment& a, const Criteria& criteria) {
    return QStringLiteral("; meets p95 <= %1 ms only within sampling noise (p95 %2 ± %3 ms %4)")
        .arg(criteria.maxP95Ms)
        .arg(deciding.p95, 0, 'f', 2)
        .arg(metrics::formatNoise(deciding.p95NoiseMs()))
        .arg(a.closedLoop ? QStringLiteral("in closed loop")
                          : QStringLiteral("at ") + rate(a.maxRateAtSlaPerSecond));
}

Assessment assess(const SweepEntry& entry, int index, const Criteria& criteria, const QString& priceSet) {
    Assessment a;
    a.entry = index;
    const auto& in = entry.deployment.inputs;
    a.bottleneck = classifyBottleneck(entry.curve.probe, in.config.pipelineCores);
    a.maxRateAtSlaPerSecond = maxRateAtSla(entry.curve.points, criteria.maxP95Ms, criteria.clearOfNoise);
    const ClosedLoopPoint& closed = entry.curve.closedLoop;
    const double closedP95 =
        closed.latencyMs.p95 + (criteria.clearOfNoise ? closed.latencyMs.p95NoiseMs() : 0);
    a.closedLoop = criteria.loadPerSecond <= 0 && closed.clients > 0 &&
                   (criteria.maxP95Ms <= 0 || closedP95 <= criteria.maxP95Ms) &&
                   closed.throughputPerSecond > a.maxRateAtSlaPerSecond;
    a.meetsSla = a.maxRateAtSlaPerSecond > 0 || a.closedLoop;
    if (a.closedLoop) {
        a.machines = 1;
        a.ratePerMachine = closed.throughputPerSecond;
        a.latencyMs = closed.latencyMs;
    } else if (a.meetsSla) {
        a.machines =
            criteria.loadPerSecond > 0 ? machinesFor(criteria.loadPerSecond, a.maxRateAtSlaPerSecond) : 1;
        const double load = criteria.loadPerSecond > 0 ? criteria.loadPerSecond : a.maxRateAtSlaPerSecond;
        a.ratePerMachine = load / a.machines;
        a.latencyMs = latencyAt(entry.curve.points, a.ratePerMachine);
    } else if (!entry.curve.points.empty()) {
        a.latencyMs = entry.curve.points.front().latencyMs;
    }
    const metrics::LatencyStats* deciding = decidingLatency(entry, a);
    a.slaWithinNoise = deciding && criteria.maxP95Ms > 0 && deciding->p95StandardErrorMs > 0 &&
                       deciding->p95 + deciding->p95NoiseMs() > criteria.maxP95Ms &&
                       costMovesWithoutIt(entry, a, criteria);
    if (a.meetsSla) {
        const double load = a.machines * a.ratePerMachine;
        const QString prices = priceSet.isEmpty() ? in.priceSet : priceSet;
        a.costPerMillionUsd = a.machines * in.instance.price(prices) / (load * 3600.0) * 1e6;
    }
    a.reason = reasonLine(entry, a, criteria);
    if (a.slaWithinNoise)
        a.reason += marginNote(*deciding, a, criteria);
    return a;
}

// Names the deployments tied with the fastest in its reason: the two closest, and how many more.
void noteFastestTies(const SweepResult& sweep, Recommendation& r) {
    Assessment& fastest = r.deployments[static_cast<std::size_t>(r.fastest)];
    for (std::size_t i = 0; i < r.deployments.size(); ++i) {
        const Assessment& a = r.deployments[i];
        if (static_cast<int>(i) != r.fastest && a.meetsSla &&
            withinSamplingNoise(fastest.latencyMs, a.latencyMs))
            r.fastestTies.push_back(static_cast<int>(i));
    }
    if (r.fastestTies.empty())
        return;
    std::stable_sort(r.fastestTies.begin(), r.fastestTies.end(), [&](int x, int y) {
        return r.deployments[static_cast<std::size_t>(x)].latencyMs.p95 <
               r.deployments[static_cast<std::size_t>(y)].latencyMs.p95;
    });
    fastest.reason += QStringLiteral("; tied within sampling noise (p95 ± %1 ms) with %2")
                          .arg(metrics::formatNoise(fastest.latencyMs.p95NoiseMs()))
                          .arg(describeFastestTies(sweep, r, 2));
}

} // namespace

bool withinSamplingNoise(const metrics::LatencyStats& a, const metrics::LatencyStats& b) {
    const double sa = a.p95StandardErrorMs, sb = b.p95StandardErrorMs;
    if (!(sa > 0 && sb > 0))
        return false;
    return std::abs(a.p95 - b.p95) <= metrics::kInterval95 * std::sqrt(sa * sa + sb * sb);
}

QStringList fastestTieLabels(const SweepResult& sweep, const Recommendation& recommendation) {
    QStringList labels;
    for (const int index : recommendation.fastestTies) {
        const Assessment& a = recommendation.deployments[static_cast<std::size_t>(index)];
        labels << sweep.entries[static_cast<std::size_t>(a.entry)].deployment.label();
    }
    return labels;
}

QString describeFastestTies(const SweepResult& sweep, const Recommendation& recommendation, int named) {
    const QStringList labels = fastestTieLabels(sweep, recommendation);
    QStringList parts;
    for (qsizetype k = 0; k < std::min<qsizetype>(named, labels.size()); ++k) {
        const Assessment& a =
            recommendation.deployments[static_cast<std::size_t>(recommendation.fastestTies[k])];
        parts << QStringLiteral("%1 (%2 ms)").arg(labels[k]).arg(a.latencyMs.p95, 0, 'f', 2);
    }
    const qsizetype more = labels.size() - parts.size();
    return parts.join(QStringLiteral(", ")) +
           (more > 0 ? QStringLiteral(" and %1 more").arg(more) : QString());
}

void markParetoFront(std::vector<Assessment>& deployments) {
    for (Assessment& a : deployments) {
        a.pareto = a.meetsSla;
        if (!a.meetsSla)
            continue;
        for (const Assessment& b : deployments) {
            if (!b.meetsSla || &a == &b)
                continue;
            const bool noWorse =
                b.latencyMs.p95 <= a.latencyMs.p95 && b.costPerMillionUsd <= a.costPerMillionUsd;
            const bool better =
                b.latencyMs.p95 < a.latencyMs.p95 || b.costPerMillionUsd < a.costPerMillionUsd;
            if (noWorse && better) {
                a.pareto = false;
                break;
            }
        }
    }
}

Recommendation recommend(const SweepResult& sweep, const Criteria& criteria) {
    return recommend(sweep, criteria, QString());
}

Recommendation recommend(const SweepResult& sweep, const Criteria& criteria, const QString& priceSet) {
    Recommendation r;
    for (std::size_t i = 0; i < sweep.entries.size(); ++i)
        r.deployments.push_back(assess(sweep.entries[i], static_cast<int>(i), criteria, priceSet));
    markParetoFront(r.deployments);
    for (std::size_t i = 0; i < r.deployments.size(); ++i) {
        const Assessment& a = r.deployments[i];
        if (!a.meetsSla)
            continue;
        const auto better = [&](int current, auto primary, auto secondary) {
            if (current < 0)
                return true;
            const Assessment& c = r.deployments[static_cast<std::size_t>(current)];
            return primary(a) < primary(c) || (primary(a) == primary(c) && secondary(a) < secondary(c));
        };
        const auto cost = [](const Assessment& x) { return x.costPerMillionUsd; };
        const auto p95 = [](const Assessment& x) { return x.latencyMs.p95; };
        if (better(r.cheapest, cost, p95))
            r.cheapest = static_cast<int>(i);
        if (better(r.fastest, p95, cost))
            r.fastest = static_cast<int>(i);
    }
    if (r.fastest >= 0)
        noteFastestTies(sweep, r);
    // An unsure cheapest: rank again counting only p95s clear of their noise (cheap: no simulation).
    if (r.cheapest >= 0 && r.deployments[static_cast<std::size_t>(r.cheapest)].slaWithinNoise) {
        Criteria clear = criteria;
        clear.clearOfNoise = true;
        const Recommendation sure = recommend(sweep, clear, priceSet);
        Assessment none;
        none.entry = -1;
        r.cheapestClear =
            sure.cheapest >= 0 ? sure.deployments[static_cast<std::size_t>(sure.cheapest)] : none;
    }
    return r;
}

} // namespace pipescope::sweep
