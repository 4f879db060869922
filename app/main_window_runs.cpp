// MainWindow: starting, cancelling and receiving runs; the status bar; deleting runs.
#include "main_window.h"

#include "default_scenario.h"
#include "delete_run_command.h"
#include "deployment_panel.h"
#include "explore/explore_view.h"
#include "session.h"
#include "sim/scenario.h"

#include <QDockWidget>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QUndoStack>

namespace pipescope::app {

void MainWindow::buildStatusBar() {
    m_jobStatus = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    m_runStatus = new QLabel(this);
    m_runStatus->setObjectName(QStringLiteral("runStatus"));
    m_boundBy = new QLabel(this);
    m_boundBy->setObjectName(QStringLiteral("boundByStatus"));
    // A long reason must not widen the window: the label takes what room is left and clips.
    m_boundBy->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_boundBy->setMinimumWidth(1);
    statusBar()->addWidget(m_jobStatus, 1);
    statusBar()->addWidget(m_boundBy, 3);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_runStatus);

    connect(m_runs, &RunController::runningChanged, this, [this](bool running) {
        m_progress->setVisible(running);
        updateCancelAction();
        m_panel->setRunning(running);
        if (!running)
            m_jobStatus->clear();
    });
    connect(m_runs, &RunController::started, this, [this](const QString& description, int n, int total) {
        m_jobStatus->setText(total > 1 ? tr("Simulating %1 of %2: %3").arg(n).arg(total).arg(description)
                                       : tr("Simulating %1").arg(description));
        m_jobStatus->setToolTip(description);
    });
    connect(m_runs, &RunController::progress, this,
            [this](double fraction) { m_progress->setValue(static_cast<int>(fraction * 1000)); });
    connect(m_runs, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_runs, &RunController::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Run failed: %1").arg(message), 10000);
    });
    connect(m_runs, &RunController::cancelled, this,
            [this] { statusBar()->showMessage(tr("Run cancelled"), 5000); });
}

void MainWindow::runCurrentDeployment() {
    const std::optional<sim::RunInputs> inputs = m_panel->inputs();
    if (!inputs) {
        statusBar()->showMessage(m_panel->validationMessage(), 8000);
        return;
    }
    m_runs->enqueue({*inputs, false, false, true});
}

void MainWindow::cancelRuns() {
    m_runs->cancel();
    m_explore->cancelSweep(); // Esc stops whatever is running: runs and a sweep alike
}

void MainWindow::startDefaultScenario() {
    for (const DefaultConfiguration& configuration : defaultScenario()) {
        Result<sim::RunInputs> inputs = sim::buildInputs(configuration.scenario, m_catalog);
        if (!inputs) {
            // A user catalog may lack an instance of the study; run the rest and say which.
            statusBar()->showMessage(tr("Default scenario: %1").arg(inputs.error().toString()), 10000);
            continue;
        }
        m_runs->enqueue({std::move(inputs).value(), configuration.baseline, true, configuration.featured});
    }
}

void MainWindow::onRunFinished(const sim::RunPtr& run, const RunController::Job& job,
                               const widgets::TimelineModelPtr& timeline) {
    const bool wasModified = m_session->isModified();
    const int previous = m_session->selectedIndex();
    m_session->addRun(run, timeline); // appends and selects
    if (!job.select && previous >= 0)
        m_session->setSelectedIndex(previous);
    if (job.baseline)
        m_session->setBaselineIndex(static_cast<int>(m_session->runs().size()) - 1);
    // The default scenario is reproduced on every first start; it is not an edit to save.
    if (job.defaultRun && !wasModified)
        m_session->setModified(false);
}

void MainWindow::deleteRun(int index) {
    if (index < 0 || index >= static_cast<int>(m_session->runs().size()))
        return;
    m_undo->push(new DeleteRunCommand(m_session, index)); // the stack owns the command
}

void MainWindow::editRunAsNew(int index) {
    if (index < 0 || index >= static_cast<int>(m_session->runs().size()) || !m_session->runs()[index])
        return;
    m_panel->setRunInputs(m_session->runs()[index]->inputs);
    m_panelDock->show();
    m_panelDock->raise();
    statusBar()->showMessage(
        tr("Run %1 loaded into the deployment panel: change it and press Run").arg(index + 1), 8000);
}

void MainWindow::deleteSelectedRun() {
    deleteRun(m_session->selectedIndex());
}

} // namespace pipescope::app
