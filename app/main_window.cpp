#include "main_window.h"

#include <algorithm>

#include "charts/comparison_chart.h"
#include "charts/cost_chart.h"
#include "charts/latency_breakdown_chart.h"
#include "charts/latency_histogram_chart.h"
#include "charts/throughput_chart.h"
#include "charts/time_axis_ticker.h"
#include "deployment_panel.h"
#include "explore/explore_form.h"
#include "explore/explore_view.h"
#include "lane_legend.h"
#include "model_inspector_view.h"
#include "run_explanation.h"
#include "runs_table_view.h"
#include "session.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace pipescope::app {
namespace {

// A user catalog that fails to parse must not keep the window from opening: the built-in one is
// used and the reason is shown in the status bar.
hardware::Catalog loadCatalog(QString* problem) {
    Result<hardware::Catalog> catalog = hardware::Catalog::load();
    if (catalog)
        return std::move(catalog).value();
    *problem = catalog.error().toString();
    return hardware::Catalog::builtIn();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(loadCatalog(&m_catalogProblem))
    , m_session(new widgets::Session(this))
    , m_undo(new QUndoStack(this))
    , m_runs(new RunController(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    buildCentre();
    buildDocks();
    buildMenus();
    buildStatusBar();
    connectExplore();
    if (!m_catalogProblem.isEmpty())
        statusBar()->showMessage(
            tr("Instance catalog not used: %1. Using the built-in catalog.").arg(m_catalogProblem));
    connectSession();
    readSettings();
    refreshRunLists();
    showRun(m_session->selectedRun());
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentre() {
    auto* centre = new QSplitter(Qt::Vertical, this);
    centre->setObjectName(QStringLiteral("centreSplitter"));
    centre->setChildrenCollapsible(false);

    // The lane legend sits right above the timeline it explains.
    auto* timelineArea = new QWidget(centre);
    auto* timelineLayout = new QVBoxLayout(timelineArea);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    m_laneLegend = new widgets::LaneLegend(timelineArea);
    m_timeline = new widgets::TimelineView(timelineArea);
    timelineLayout->addWidget(m_laneLegend);
    timelineLayout->addWidget(m_timeline, 1);
    m_occupancy = new widgets::OccupancyView(centre);
    // Both follow the session's range: one range, kept in profiles, nothing to keep in sync.
    m_timeline->setViewRange(m_session->viewRange());
    m_occupancy->setViewRange(m_session->viewRange());
    m_occupancy->setLabelWidth(m_timeline->labelWidth());
    centre->addWidget(timelineArea);
    centre->addWidget(m_occupancy);

    auto* charts = new QSplitter(Qt::Horizontal, centre);
    charts->setObjectName(QStringLiteral("chartsSplitter"));
    charts->setChildrenCollapsible(false);
    m_latency = new widgets::LatencyHistogramChart(charts);
    m_throughput = new widgets::ThroughputChart(charts);
    m_cost = new widgets::CostChart(charts);
    m_comparison = new widgets::ComparisonChart(charts);
    m_breakdown = new widgets::LatencyBreakdownChart(charts);
    for (QWidget* chart :
         std::initializer_list<QWidget*>{m_latency, m_throughput, m_cost, m_comparison, m_breakdown})
        charts->addWidget(chart);
    m_charts = charts;
    centre->addWidget(charts);
    // Timeline and charts share the height; occupancy is a strip under the timeline.
    centre->setStretchFactor(0, 4);
    centre->setStretchFactor(1, 1);
    centre->setStretchFactor(2, 4);
    centre->setSizes({340, 150, 380});

    // Runs and Explore share the centre, one tab each; the docks stay around both.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("centreTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(centre, tr("Runs"));
    m_explore = new widgets::ExploreView(m_catalog, m_tabs);
    m_tabs->addTab(m_explore, tr("Explore"));
    m_tabs->setTabToolTip(0, tr("Timeline, occupancy and charts of the selected run (Ctrl+1)"));
    m_tabs->setTabToolTip(1, tr("Sweep every deployment and find the cheapest meeting a target (Ctrl+2)"));
    setCentralWidget(m_tabs);
}

void MainWindow::showRunsTab() {
    m_tabs->setCurrentIndex(0);
}

void MainWindow::showExploreTab() {
    m_tabs->setCurrentWidget(m_explore);
}

void MainWindow::buildDocks() {
    // The panel scrolls its own fields and keeps Run in view below them.
    m_panel = new widgets::DeploymentPanel(m_catalog);
    m_panelDock = new QDockWidget(tr("Deployment"), this);
    m_panelDock->setObjectName(QStringLiteral("deploymentDock"));
    m_panelDock->setWidget(m_panel);
    addDockWidget(Qt::LeftDockWidgetArea, m_panelDock);
    buildRunsDock();

    // The model inspector shares the bottom area with the runs table, one tab each.
    m_inspector = new widgets::ModelInspectorView;
    m_inspectorDock = new QDockWidget(tr("Model"), this);
    m_inspectorDock->setObjectName(QStringLiteral("modelDock"));
    // In a scroll area, so its stage bars and table do not set the bottom area's minimum height.
    auto* inspectorScroll = new QScrollArea;
    inspectorScroll->setWidget(m_inspector);
    inspectorScroll->setWidgetResizable(true);
    inspectorScroll->setFrameShape(QFrame::NoFrame);
    m_inspectorDock->setWidget(inspectorScroll);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    tabifyDockWidget(m_tableDock, m_inspectorDock);
    m_tableDock->raise();

    connect(m_panel, &widgets::DeploymentPanel::runRequested, this, &MainWindow::runCurrentDeployment);
    connect(m_panel, &widgets::DeploymentPanel::inputsChanged, this, &MainWindow::updateInspector);
    connect(m_panel, &widgets::DeploymentPanel::cancelRequested, this, &MainWindow::cancelRuns);
    connect(m_table, &widgets::RunsTableView::deleteRequested, this, &MainWindow::deleteRun);
    connect(m_table, &widgets::RunsTableView::editRequested, this, &MainWindow::editRunAsNew);
}

void MainWindow::buildRunsDock() {
    auto* runsArea = new QWidget;
    auto* runsLayout = new QVBoxLayout(runsArea);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->setSpacing(2);
    m_table = new widgets::RunsTableView(m_session, runsArea);
    auto* buttons = new QHBoxLayout;
    auto* baseline = new QPushButton(tr("Set as Baseline"), runsArea);
    baseline->setToolTip(tr("Compare every run with the selected one (throughput × and cost × columns)"));
    connect(baseline, &QPushButton::clicked, m_table, &widgets::RunsTableView::setCurrentAsBaseline);
    auto* edit = new QPushButton(tr("Edit as New Run"), runsArea);
    edit->setToolTip(tr("Load the selected run's deployment into the panel (Ctrl+E, or double-click a row)"));
    connect(edit, &QPushButton::clicked, this, [this] { editRunAsNew(m_session->selectedIndex()); });
    auto* remove = new QPushButton(tr("Delete Run"), runsArea);
    remove->setToolTip(tr("Remove the selected run (undo with Ctrl+Z)"));
    connect(remove, &QPushButton::clicked, this, &MainWindow::deleteSelectedRun);
    buttons->addWidget(edit);
    buttons->addWidget(baseline);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    runsLayout->addLayout(buttons);
    runsLayout->addWidget(m_table, 1);
    m_tableDock = new QDockWidget(tr("Runs"), this);
    m_tableDock->setObjectName(QStringLiteral("runsDock"));
    m_tableDock->setWidget(runsArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_tableDock);
}

void MainWindow::connectSession() {
    connect(m_session, &widgets::Session::selectionChanged, this, &MainWindow::showRun);
    connect(m_session, &widgets::Session::runsChanged, this, &MainWindow::refreshRunLists);
    connect(m_session, &widgets::Session::baselineChanged, this, &MainWindow::refreshRunLists);
    connect(m_session, &widgets::Session::selectionChanged, this, &MainWindow::refreshRunLists);
    connect(m_session, &widgets::Session::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_session, &widgets::Session::filePathChanged, this, &MainWindow::updateTitle);

    connect(m_timeline, &widgets::TimelineView::requestClicked, this,
            [this](int request) { m_timeline->setHighlightedRequest(request); });
}

// A run opens on a window of about four request latencies in the middle of the measured
// interval, where requests can be followed through the stages; F fits the whole run.
static std::pair<qint64, qint64> firstLook(const sim::Run& run) {
    const qint64 total = run.trace.endNs;
    const auto span =
        std::clamp<qint64>(static_cast<qint64>(4e6 * run.summary.latencyMs.p50), 100'000, total);
    const qint64 begin = std::clamp<qint64>(total / 2 - span / 2, 0, total - span);
    return {begin, begin + span};
}

void MainWindow::showRun(const sim::RunPtr& run) {
    // Built on a worker when the run arrived; only read here.
    const widgets::TimelineModelPtr timeline = m_session->selectedTimelineModel();
    m_timeline->setModel(timeline);
    m_occupancy->setModel(timeline);
    if (run && run->trace.endNs > 0) { // after both setModel calls: each fits the range to its run
        const auto [begin, end] = firstLook(*run);
        m_timeline->setVisibleRange(begin, end);
    }
    m_latency->setModel(timeline);
    m_throughput->setRun(run);
    updateInspector();
    if (run) {
        const auto& s = run->summary;
        QString unit;
        const double simulated = static_cast<double>(s.simulatedNs);
        const double unitNs = widgets::TimeAxisTicker::unitFor(simulated, &unit);
        // The wall time in its own unit: most runs take milliseconds, which "0.00 s" hid.
        const double wall = s.wallSeconds * 1e9;
        QString wallUnit;
        const double wallUnitNs = widgets::TimeAxisTicker::unitFor(wall, &wallUnit);
        m_runStatus->setText(tr("%1 events simulated · %2 simulated · %3 wall")
                                 .arg(QLocale().toString(static_cast<qlonglong>(s.events)))
                                 .arg(widgets::TimeAxisTicker::format(simulated, unitNs, unit, 2))
                                 .arg(widgets::TimeAxisTicker::format(wall, wallUnitNs, wallUnit, 2)));
        m_boundBy->setText(widgets::boundByLine(s));
        m_boundBy->setToolTip(widgets::boundByDetails(s));
    } else {
        m_runStatus->setText(tr("No run selected"));
        m_boundBy->clear();
        m_boundBy->setToolTip({});
    }
}

void MainWindow::updateInspector() {
    // The selected run's model with its stages; before any run, the model the panel would run.
    if (const sim::RunPtr run = m_session->selectedRun()) {
        m_inspector->setModel(run->inputs.model, &run->placement);
    } else if (const std::optional<sim::RunInputs> inputs = m_panel->inputs()) {
        m_inspector->setModel(inputs->model, nullptr);
    }
}

void MainWindow::refreshRunLists() {
    const auto& runs = m_session->runs();
    m_cost->setRuns(runs, m_session->selectedIndex(), m_session->baselineIndex());
    m_comparison->setRuns(runs, m_session->selectedIndex(), m_session->baselineIndex());
    m_breakdown->setRuns(runs, m_session->selectedIndex());
    m_deleteAction->setEnabled(m_session->selectedIndex() >= 0);
    m_editAction->setEnabled(m_session->selectedIndex() >= 0);
}

void MainWindow::updateTitle() {
    const QString path = m_session->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(QStringLiteral("%1[*] — Pipescope").arg(name));
    setWindowModified(m_session->isModified());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_runs->cancel();
    m_explore->cancelSweep();
    writeSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::readSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1500, 950);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: the bottom docks get enough for the study's handful of runs and the centre
        // the rest. Docks only take sizes once the window is laid out, hence after this returns.
        QTimer::singleShot(0, this, [this] { resizeDocks({m_tableDock}, {200}, Qt::Vertical); });
    }
    m_panel->restoreState(settings.value(QStringLiteral("deployment")).toMap());
    m_explore->form()->restoreState(settings.value(QStringLiteral("explore")).toMap());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("view/tab"), 0).toInt() == 1 ? 1 : 0);
    setDarkPalette(settings.value(QStringLiteral("view/dark"), false).toBool());
}

void MainWindow::writeSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("deployment"), m_panel->saveState());
    settings.setValue(QStringLiteral("explore"), m_explore->form()->saveState());
    settings.setValue(QStringLiteral("view/tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("view/dark"), m_dark);
}

} // namespace pipescope::app
