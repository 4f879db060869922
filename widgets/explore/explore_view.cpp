#include "explore/explore_view.h"

#include "explore/deployment_scatter.h"
#include "explore/explore_form.h"
#include "explore/load_curve_chart.h"
#include "explore/sweep_job.h"

#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace pipescope::widgets {
namespace {

QString targetText(const ExploreTargets& c) {
    const QString load = c.loadPerSecond > 0 ? QObject::tr("%L1/s").arg(c.loadPerSecond, 0, 'f', 0)
                                             : QObject::tr("maximum throughput");
    if (c.maxP95Ms <= 0)
        return QObject::tr("at %1, no latency target").arg(load);
    return QObject::tr("p95 ≤ %1 ms at %2").arg(c.maxP95Ms, 0, 'g', 4).arg(load);
}

} // namespace

ExploreView::ExploreView(const hardware::Catalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_job(new SweepJob(this)) {
    setObjectName(QStringLiteral("exploreView"));
    buildUi();
    connectParts();
    refresh(false);
}

ExploreView::~ExploreView() = default;

void ExploreView::buildUi() {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    m_form = new ExploreForm(m_catalog);
    auto* scroll = new QScrollArea(split);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(240);
    scroll->setMaximumWidth(340);

    auto* charts = new QSplitter(Qt::Vertical, split);
    charts->setChildrenCollapsible(false);
    auto* top = new QWidget(charts);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(4, 4, 4, 0);
    m_summary = new QLabel(top);
    m_summary->setObjectName(QStringLiteral("exploreSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scatter = new DeploymentScatter(top);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_scatter, 1);
    m_curveChart = new LoadCurveChart(charts);
    charts->addWidget(top);
    charts->addWidget(m_curveChart);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    split->addWidget(scroll);
    split->addWidget(charts);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    layout->addWidget(split);
}

void ExploreView::connectParts() {
    connect(m_form, &ExploreForm::sweepRequested, this, [this] { startSweep(); });
    connect(m_form, &ExploreForm::cancelRequested, this, &ExploreView::cancelSweep);
    connect(m_form, &ExploreForm::criteriaChanged, this, [this] {
        m_model.setCriteria(m_form->criteria());
        refresh(false);
    });
    connect(m_scatter, &DeploymentScatter::slaDragged, this, [this](double maxP95Ms) {
        ExploreTargets c = m_model.criteria();
        c.maxP95Ms = maxP95Ms;
        m_model.setCriteria(c);
        m_form->setCriteria(c);
        refresh(true);
    });
    // Axes hold still while the line moves; on release they fit the points again, which may have
    // moved out of view (a tighter target needs more machines: higher costs).
    connect(m_scatter, &DeploymentScatter::slaDropped, this, [this] { refresh(false); });
    connect(m_scatter, &DeploymentScatter::entryClicked, this, &ExploreView::selectEntry);
    connect(m_scatter, &DeploymentScatter::entryActivated, this, &ExploreView::activateEntry);
    connect(m_job, &SweepJob::progress, this, [this](int done, int total) {
        m_form->setProgress(done, total);
        emit statusMessage(tr("Sweeping: %1 of %2 deployments").arg(done).arg(total), 0);
    });
    connect(m_job, &SweepJob::finished, this, &ExploreView::onSweepFinished);
    connect(m_job, &SweepJob::failed, this, [this](const QString& message) {
        m_form->setRunning(false);
        m_form->setMessage(tr("Sweep failed: %1").arg(message));
        emit statusMessage(tr("Sweep failed: %1").arg(message), 10000);
        emit runningChanged(false);
    });
    connect(m_job, &SweepJob::cancelled, this, [this] {
        m_form->setRunning(false);
        emit statusMessage(tr("Sweep cancelled"), 5000);
        emit runningChanged(false);
    });
}

bool ExploreView::startSweep() {
    if (!m_form->problem().isEmpty()) {
        emit statusMessage(m_form->problem(), 8000);
        return false;
    }
    return startSweep(m_form->space());
}

bool ExploreView::startSweep(const sweep::SweepSpace& space) {
    if (isSweeping())
        return false;
    m_pendingSpace = space;
    if (m_spaceSource)
        m_spaceSource(&m_pendingSpace);
    m_form->setSpace(space);
    if (!m_job->start(m_pendingSpace, m_curveOptions.value_or(m_form->curveOptions()), m_catalog))
        return false;
    m_form->setRunning(true);
    emit statusMessage(
        tr("Sweeping %1 on %2…").arg(m_pendingSpace.model, space.instances.join(QStringLiteral(", "))), 0);
    emit runningChanged(true);
    return true;
}

void ExploreView::cancelSweep() {
    m_job->cancel();
}

bool ExploreView::isSweeping() const {
    return m_job->isRunning();
}

void ExploreView::onSweepFinished(std::shared_ptr<const sweep::SweepResult> result) {
    m_form->setRunning(false);
    emit statusMessage(tr("Swept %1 deployments: %2 simulations in %3 s")
                           .arg(result->entries.size())
                           .arg(result->simulations)
                           .arg(result->wallSeconds, 0, 'f', 1),
                       10000);
    const ExploreTargets targets = m_form->criteria();
    showSweep(io::SavedSweep{m_pendingSpace, targets.criteria(), targets.priceSet, std::move(result)});
    emit runningChanged(false);
    emit sweepShown();
}

void ExploreView::showSweep(const io::SavedSweep& saved) {
    m_space = saved.space;
    m_form->setSpace(saved.space);
    if (saved.result)
        m_form->setRequestsPerPoint(saved.result->requestsPerPoint);
    m_form->setCriteria(
        ExploreTargets{saved.criteria.maxP95Ms, saved.criteria.loadPerSecond, saved.priceSet});
    m_model.setSweep(saved.result, m_form->criteria());
    m_selected = m_model.cheapest() >= 0 ? m_model.cheapest() : (m_model.isEmpty() ? -1 : 0);
    refresh(false);
}

void ExploreView::clearSweep() {
    m_model.clear();
    m_selected = -1;
    refresh(false);
}

std::optional<io::SavedSweep> ExploreView::savedSweep() const {
    if (!m_model.sweep())
        return std::nullopt;
    return io::SavedSweep{m_space, m_model.criteria().criteria(), m_model.criteria().priceSet,
                          m_model.sweep()};
}

void ExploreView::setCriteria(const ExploreTargets& criteria) {
    m_form->setCriteria(criteria);
    m_model.setCriteria(m_form->criteria());
    refresh(false);
}

void ExploreView::selectEntry(int entry) {
    m_selected = m_model.entry(entry) ? entry : -1;
    m_scatter->setSelectedEntry(m_selected);
    updateCurveChart();
}

void ExploreView::activateEntry(int entry) {
    if (!m_model.entry(entry))
        return;
    selectEntry(entry);
    emit statusMessage(tr("Simulating %1 in full: it appears in the runs table").arg(m_model.label(entry)),
                       8000);
    emit simulateRequested(m_model.runInputs(entry));
}

void ExploreView::refresh(bool keepRanges) {
    m_scatter->setSelectedEntry(m_selected);
    m_scatter->setModel(&m_model, keepRanges);
    updateSummary();
    updateCurveChart();
}

void ExploreView::updateSummary() {
    if (m_model.isEmpty()) {
        m_summary->setText(tr("Sweep every deployment of the model over the chosen instances: each one's "
                              "latency-vs-load curve, the Pareto front of p95 against cost, and the cheapest "
                              "and fastest deployment meeting your target."));
        return;
    }
    const auto& sweep = *m_model.sweep();
    // How many requests each point simulated, when the sweep recorded it (older profiles did not).
    const QString perPoint =
        sweep.requestsPerPoint > 0 ? tr(" of %L1 requests per point").arg(sweep.requestsPerPoint) : QString();
    QString text = tr("<b>%1 deployments</b> (%2 simulations%3, %4 s) ranked for %5.")
                       .arg(sweep.entries.size())
                       .arg(sweep.simulations)
                       .arg(perPoint)
                       .arg(sweep.wallSeconds, 0, 'f', 1)
                       .arg(targetText(m_model.criteria()).toHtmlEscaped());
    const auto line = [this](const QString& title, int entry) {
        if (entry < 0)
            return tr("<br>%1: none meets the target").arg(title);
        const ScatterPoint& p = m_model.points()[static_cast<std::size_t>(entry)];
        return tr("<br>%1: <b>%2</b> — %3 %4, $%5 per million, p95 %6 ms")
            .arg(title, m_model.label(entry).toHtmlEscaped())
            .arg(p.machines)
            .arg(p.machines == 1 ? tr("machine") : tr("machines"))
            .arg(p.costPerMillionUsd, 0, 'f', 4)
            .arg(p.p95Ms, 0, 'f', 2);
    };
    text += line(tr("Cheapest"), m_model.cheapest());
    // An unsure cheapest, and what is cheapest when only p95s clear of their noise count.
    if (const auto& clear = m_model.recommendation().cheapestClear) {
        text += tr(", meets the target only within sampling noise");
        text += clear->entry < 0 ? tr("; none meets it clearly")
                                 : tr("; clearly meeting it: <b>%1</b> — %2 %3, $%4 per million")
                                       .arg(m_model.label(clear->entry).toHtmlEscaped())
                                       .arg(clear->machines)
                                       .arg(clear->machines == 1 ? tr("machine") : tr("machines"))
                                       .arg(clear->costPerMillionUsd, 0, 'f', 4);
    }
    text += line(tr("Fastest"), m_model.fastest());
    // The runs are finite: name how many others the fastest cannot be told from (its tooltip
    // names them).
    if (const auto ties = m_model.recommendation().fastestTies.size(); ties > 0)
        text += ties == 1 ? tr(", tied within sampling noise with 1 other")
                          : tr(", tied within sampling noise with %1 others").arg(ties);
    m_summary->setText(text);
}

void ExploreView::updateCurveChart() {
    const sweep::SweepEntry* entry = m_model.entry(m_selected);
    if (!entry) {
        m_curveChart->clear();
        return;
    }
    const ScatterPoint& p = m_model.points()[static_cast<std::size_t>(m_selected)];
    m_curveChart->setCurve(entry->deployment.label(), entry->curve, m_model.criteria().maxP95Ms,
                           p.plotted ? p.ratePerMachine : 0);
}

} // namespace pipescope::widgets
