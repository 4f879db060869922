#include "explore/explore_model.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {
namespace {

QString perSecond(double rate) {
    return QObject::tr("%L1/s").arg(rate, 0, 'f', rate < 10 ? 1 : 0);
}

} // namespace

void ExploreModel::setSweep(std::shared_ptr<const sweep::SweepResult> sweep, const ExploreTargets& criteria) {
    m_sweep = std::move(sweep);
    m_criteria = criteria;
    rank();
}

void ExploreModel::clear() {
    m_sweep.reset();
    m_ranked = {};
    m_unconstrained = {};
    m_points.clear();
}

void ExploreModel::setCriteria(const ExploreTargets& criteria) {
    m_criteria = criteria;
    rank();
}

void ExploreModel::rank() {
    m_points.clear();
    if (!m_sweep) {
        m_ranked = m_unconstrained = {};
        return;
    }
    ++m_rankings;
    m_ranked = sweep::recommend(*m_sweep, m_criteria.criteria(), m_criteria.priceSet);
    sweep::Criteria free = m_criteria.criteria();
    free.maxP95Ms = 0;
    m_unconstrained = sweep::recommend(*m_sweep, free, m_criteria.priceSet);
    for (std::size_t i = 0; i < m_sweep->entries.size(); ++i) {
        const sweep::Assessment& a =
            m_ranked.deployments[i].meetsSla ? m_ranked.deployments[i] : m_unconstrained.deployments[i];
        const sim::RunInputs& in = m_sweep->entries[i].deployment.inputs;
        ScatterPoint p;
        p.entry = static_cast<int>(i);
        p.costPerMillionUsd = a.costPerMillionUsd;
        p.p95Ms = a.latencyMs.p95;
        p.instance = in.instance.name;
        p.kind = deploymentKind(in);
        p.batch = in.config.batch;
        p.meetsSla = m_ranked.deployments[i].meetsSla;
        p.pareto = m_ranked.deployments[i].pareto;
        p.plotted = a.meetsSla && a.costPerMillionUsd > 0 && a.latencyMs.p95 > 0;
        p.machines = a.machines;
        p.ratePerMachine = a.ratePerMachine;
        p.closedLoop = a.closedLoop;
        m_points.push_back(p);
    }
}

std::vector<QPointF> ExploreModel::paretoStepLine() const {
    std::vector<QPointF> front;
    for (const ScatterPoint& p : m_points)
        if (p.pareto && p.plotted)
            front.emplace_back(p.costPerMillionUsd, p.p95Ms);
    std::sort(front.begin(), front.end(), [](const QPointF& a, const QPointF& b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() > b.y());
    });
    std::vector<QPointF> steps;
    for (std::size_t i = 0; i < front.size(); ++i) {
        if (i > 0)
            steps.emplace_back(front[i].x(), front[i - 1].y());
        steps.push_back(front[i]);
    }
    return steps;
}

int ExploreModel::cheapest() const {
    return m_ranked.cheapest < 0 ? -1
                                 : m_ranked.deployments[static_cast<std::size_t>(m_ranked.cheapest)].entry;
}

int ExploreModel::fastest() const {
    return m_ranked.fastest < 0 ? -1 : m_ranked.deployments[static_cast<std::size_t>(m_ranked.fastest)].entry;
}

QStringList ExploreModel::instances() const {
    QStringList names;
    if (m_sweep)
        for (const sweep::SweepEntry& e : m_sweep->entries)
            if (!names.contains(e.deployment.inputs.instance.name))
                names << e.deployment.inputs.instance.name;
    return names;
}

const sweep::SweepEntry* ExploreModel::entry(int index) const {
    if (!m_sweep || index < 0 || index >= static_cast<int>(m_sweep->entries.size()))
        return nullptr;
    return &m_sweep->entries[static_cast<std::size_t>(index)];
}

QString ExploreModel::label(int index) const {
    const sweep::SweepEntry* e = entry(index);
    return e ? e->deployment.label() : QString();
}

QString ExploreModel::describe(int index) const {
    const sweep::SweepEntry* e = entry(index);
    if (!e)
        return {};
    const ScatterPoint& p = m_points[static_cast<std::size_t>(index)];
    const sweep::Assessment& a = m_ranked.deployments[static_cast<std::size_t>(index)];
    const sweep::Assessment& shown =
        p.meetsSla ? a : m_unconstrained.deployments[static_cast<std::size_t>(index)];
    QStringList lines;
    lines << QObject::tr("%1 (%2)").arg(e->deployment.label(), deploymentKindName(p.kind));
    if (p.plotted)
        lines << QObject::tr("%1 %2 at %3 each%4 · p50 %5 / p95 %6%8 / p99 %7 ms")
                     .arg(p.machines)
                     .arg(p.machines == 1 ? QObject::tr("machine") : QObject::tr("machines"))
                     .arg(perSecond(p.ratePerMachine))
                     .arg(p.closedLoop
                              ? QObject::tr(" in closed loop (%1 clients)").arg(e->curve.closedLoop.clients)
                              : QString())
                     .arg(shown.latencyMs.p50, 0, 'f', 2)
                     .arg(shown.latencyMs.p95, 0, 'f', 2)
                     .arg(shown.latencyMs.p99, 0, 'f', 2)
                     .arg(shown.latencyMs.p95StandardErrorMs > 0
                              ? QObject::tr(" (± %1 from sampling)")
                                    .arg(metrics::formatNoise(shown.latencyMs.p95NoiseMs()))
                              : QString())
              << QObject::tr("$%1 per million inferences").arg(p.costPerMillionUsd, 0, 'f', 4);
    lines << QObject::tr("saturation %1 · knee %2 · highest rate meeting the target %3")
                 .arg(perSecond(e->curve.saturationPerSecond), perSecond(e->curve.kneePerSecond),
                      a.meetsSla ? perSecond(a.maxRateAtSlaPerSecond) : QObject::tr("none"));
    if (!p.meetsSla)
        lines << QObject::tr("misses p95 ≤ %1 ms at every measured load").arg(m_criteria.maxP95Ms);
    else if (a.slaWithinNoise)
        lines << QObject::tr("meets p95 ≤ %1 ms only within sampling noise: another seed's sweep could "
                             "cost it otherwise (a lower rate, more machines)")
                     .arg(m_criteria.maxP95Ms);
    if (p.pareto)
        lines << QObject::tr("on the Pareto front");
    if (index == fastest() && !m_ranked.fastestTies.empty())
        lines << QObject::tr("the fastest, tied within sampling noise with %1")
                     .arg(sweep::describeFastestTies(*m_sweep, m_ranked, 3));
    lines << QObject::tr("bound by %1").arg(sweep::bottleneckName(a.bottleneck));
    lines << QObject::tr("Double-click to simulate it in full as a run");
    return lines.join(QLatin1Char('\n'));
}

sim::RunInputs ExploreModel::runInputs(int index) const {
    const sweep::SweepEntry* e = entry(index);
    if (!e)
        return {};
    sim::RunInputs inputs = e->deployment.inputs;
    if (!m_criteria.priceSet.isEmpty())
        inputs.priceSet = m_criteria.priceSet;
    inputs.workload = sim::Workload{};
    inputs.workload.seed = e->deployment.seed();
    const ScatterPoint& p = m_points[static_cast<std::size_t>(index)];
    if (p.ratePerMachine > 0 && !p.closedLoop) {
        inputs.workload.kind = sim::Workload::Kind::OpenLoop;
        inputs.workload.ratePerSecond = p.ratePerMachine / std::max(1, inputs.config.batch); // requests
    } else {
        // Its closed-loop point, or for a deployment without a sustainable rate the same loop.
        inputs.workload.kind = sim::Workload::Kind::ClosedLoop;
        inputs.workload.clients = sweep::closedLoopClients(inputs);
    }
    return inputs;
}

} // namespace pipescope::widgets
