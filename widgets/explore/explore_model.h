#pragma once

#include "explore/deployment_kind.h"
#include "sweep/recommend.h"

#include <QPointF>

#include <memory>
#include <vector>

namespace pipescope::widgets {

// What the Explore view ranks a sweep against: the engine's criteria and the price set to cost
// with (empty: the one the sweep ran with).
struct ExploreTargets {
    double maxP95Ms = 0;
    double loadPerSecond = 0;
    QString priceSet;
    sweep::Criteria criteria() const {
        sweep::Criteria c;
        c.maxP95Ms = maxP95Ms;
        c.loadPerSecond = loadPerSecond;
        return c;
    }
};

// One deployment of a sweep as the Explore scatter places it: p95 at the target load against
// cost per million inferences. A deployment that never meets the latency target is placed where
// it would be without one (as many machines as its highest sustainable rate needs) and drawn
// hollow; one with no sustainable rate at all has no place (plotted = false).
struct ScatterPoint {
    int entry = 0; // index into SweepResult::entries
    double costPerMillionUsd = 0;
    double p95Ms = 0;
    QString instance;
    DeploymentKind kind = DeploymentKind::DataParallel;
    int batch = 1;
    bool meetsSla = false;
    bool pareto = false;
    bool plotted = false;
    int machines = 0;
    double ratePerMachine = 0; // inferences per second each machine carries at the target load
    bool closedLoop = false;   // that rate is the closed-loop point's (see sweep::Criteria)
};

// The Explore view's state over a finished sweep: the targets it is ranked against and what the
// ranking gives. Re-ranking (setCriteria) reads the stored load curves only: it never simulates.
class ExploreModel {
public:
    void setSweep(std::shared_ptr<const sweep::SweepResult> sweep, const ExploreTargets& criteria);
    void clear();
    bool isEmpty() const { return !m_sweep || m_sweep->entries.empty(); }
    std::shared_ptr<const sweep::SweepResult> sweep() const { return m_sweep; }

    void setCriteria(const ExploreTargets& criteria);
    const ExploreTargets& criteria() const { return m_criteria; }
    int rankings() const { return m_rankings; } // how often the sweep was ranked (tests)

    const std::vector<ScatterPoint>& points() const { return m_points; }
    const sweep::Recommendation& recommendation() const { return m_ranked; }
    // The Pareto front as a staircase through (cost, p95): from each front point across to the
    // next one's cost, then down to its p95; cost ascending. Empty without a front.
    std::vector<QPointF> paretoStepLine() const;
    int cheapest() const; // entry index, -1 when none meets the target
    int fastest() const;
    QStringList instances() const; // in the sweep's order, each once

    const sweep::SweepEntry* entry(int index) const;
    QString label(int index) const;
    QString describe(int index) const; // several lines: the numbers behind a point (tooltips)
    // The deployment as a full run: open-loop Poisson arrivals at its load per machine, or the
    // closed loop that fills it when it has no sustainable rate.
    sim::RunInputs runInputs(int index) const;

private:
    void rank();

    std::shared_ptr<const sweep::SweepResult> m_sweep;
    ExploreTargets m_criteria;
    sweep::Recommendation m_ranked;        // against the criteria
    sweep::Recommendation m_unconstrained; // the same load without a latency target: positions
    std::vector<ScatterPoint> m_points;
    int m_rankings = 0;
};

} // namespace pipescope::widgets
