#pragma once

#include "hardware/catalog.h"
#include "run_controller.h"

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QUndoStack;

namespace pipescope::widgets {
class CalibrateDialog;
class ComparisonChart;
class CostChart;
class LatencyBreakdownChart;
class DeploymentPanel;
class ExploreView;
class LaneLegend;
class LatencyHistogramChart;
class ModelInspectorView;
class OccupancyView;
class RunsTableView;
class Session;
class ThroughputChart;
class TimelineView;
} // namespace pipescope::widgets

namespace pipescope::app {

// The profiler window: deployment panel (left dock), two tabs in the centre (Runs: per-core
// timeline and occupancy over the charts; Explore: the design-space sweep), runs table (bottom
// dock). The Session is the single source of truth; every
// view follows its selection and runs. Other parts of the app add File actions through
// fileMenu() and render views through the accessors.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    widgets::Session* session() const { return m_session; }
    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    QUndoStack* undoStack() const { return m_undo; }
    RunController* runController() const { return m_runs; }
    widgets::DeploymentPanel* deploymentPanel() const { return m_panel; }
    widgets::TimelineView* timelineView() const { return m_timeline; }
    widgets::LaneLegend* laneLegend() const { return m_laneLegend; }
    widgets::OccupancyView* occupancyView() const { return m_occupancy; }
    widgets::LatencyHistogramChart* latencyChart() const { return m_latency; }
    widgets::ThroughputChart* throughputChart() const { return m_throughput; }
    widgets::CostChart* costChart() const { return m_cost; }
    widgets::ComparisonChart* comparisonChart() const { return m_comparison; }
    widgets::LatencyBreakdownChart* breakdownChart() const { return m_breakdown; }
    QLabel* boundByStatus() const { return m_boundBy; }
    widgets::RunsTableView* runsTable() const { return m_table; }
    QWidget* chartsArea() const { return m_charts; }
    widgets::ModelInspectorView* modelInspector() const { return m_inspector; }
    widgets::ExploreView* exploreView() const { return m_explore; }
    QTabWidget* centreTabs() const { return m_tabs; }
    QAction* exploreAction() const { return m_exploreAction; }
    QAction* runAction() const { return m_runAction; }
    QAction* sweepAction() const { return m_sweepAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* editRunAction() const { return m_editAction; }

    // Queues the 2021 study's batch-1 configurations; the GPU run becomes the baseline.
    void startDefaultScenario();
    bool isDarkPalette() const { return m_dark; }

public slots:
    void showRunsTab();
    void showExploreTab();
    void runCurrentDeployment();
    // Shows the Explore tab and sweeps what its form says (a problem with the form goes to the
    // status bar).
    void sweepDeployments();
    void cancelRuns();
    void deleteRun(int index); // undoable
    void deleteSelectedRun();
    // Loads a run's deployment and workload into the panel, to vary it and run it again.
    void editRunAsNew(int index);
    void setDarkPalette(bool dark);
    // Tools > Calibrate to Measurements (one dialog, not modal).
    void openCalibrateDialog();
    // Re-reads the user's device profiles (after one was saved) for the catalog and the panel.
    void reloadDeviceProfiles();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildCentre();
    void buildDocks();
    void buildRunsDock();
    void buildMenus();
    void buildEditMenu();
    void buildViewMenu();
    void buildStatusBar();
    void connectExplore();
    void updateCancelAction();
    void connectSession();
    void showRun(const sim::RunPtr& run);
    void updateInspector();
    void refreshRunLists();
    void updateTitle();
    void onRunFinished(const sim::RunPtr& run, const RunController::Job& job,
                       const widgets::TimelineModelPtr& timeline);
    void readSettings();
    void writeSettings() const;

    QString m_catalogProblem; // why the user's catalog could not be used (empty: it was)
    hardware::Catalog m_catalog;
    widgets::Session* m_session = nullptr;
    QUndoStack* m_undo = nullptr;
    RunController* m_runs = nullptr;

    widgets::DeploymentPanel* m_panel = nullptr;
    widgets::TimelineView* m_timeline = nullptr;
    widgets::LaneLegend* m_laneLegend = nullptr;
    widgets::OccupancyView* m_occupancy = nullptr;
    widgets::LatencyHistogramChart* m_latency = nullptr;
    widgets::ThroughputChart* m_throughput = nullptr;
    widgets::CostChart* m_cost = nullptr;
    widgets::ComparisonChart* m_comparison = nullptr;
    widgets::LatencyBreakdownChart* m_breakdown = nullptr;
    widgets::RunsTableView* m_table = nullptr;
    QWidget* m_charts = nullptr;
    widgets::ModelInspectorView* m_inspector = nullptr;
    widgets::ExploreView* m_explore = nullptr;
    QTabWidget* m_tabs = nullptr;
    QDockWidget* m_panelDock = nullptr;
    QDockWidget* m_tableDock = nullptr;
    QDockWidget* m_inspectorDock = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_sweepAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_darkAction = nullptr;
    QAction* m_exploreAction = nullptr;
    QPointer<widgets::CalibrateDialog> m_calibrate;

    QLabel* m_runStatus = nullptr;
    QLabel* m_boundBy = nullptr; // what binds the selected run, and why its intervals are wide
    QLabel* m_jobStatus = nullptr;
    QProgressBar* m_progress = nullptr;
    bool m_dark = false;
};

} // namespace pipescope::app
