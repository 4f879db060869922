// MainWindow: the Explore tab's wiring: its sweep completes with the deployment panel's model, a
// double-clicked deployment becomes a normal run, a finished sweep is something to save.
#include "main_window.h"

#include "deployment_panel.h"
#include "explore/explore_view.h"
#include "session.h"

#include <QStatusBar>

namespace pipescope::app {

void MainWindow::connectExplore() {
    // The model the user works on: the panel's, with its sequence length and data type.
    m_explore->setSpaceSource([this](sweep::SweepSpace* space) {
        const sim::Scenario scenario = m_panel->scenario();
        space->model = scenario.model;
        space->sequenceLength = scenario.sequenceLength;
        space->dataType = scenario.dataType;
    });
    connect(m_explore, &widgets::ExploreView::simulateRequested, this, [this](const sim::RunInputs& inputs) {
        m_runs->enqueue({inputs, false, false, true});
    });
    connect(m_explore, &widgets::ExploreView::statusMessage, this,
            [this](const QString& text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
    connect(m_explore, &widgets::ExploreView::runningChanged, this, &MainWindow::updateCancelAction);
    connect(m_explore, &widgets::ExploreView::sweepShown, this, [this] { m_session->setModified(true); });
}

void MainWindow::updateCancelAction() {
    m_cancelAction->setEnabled(m_runs->isRunning() || m_explore->isSweeping());
    if (m_sweepAction)
        m_sweepAction->setEnabled(!m_explore->isSweeping());
}

void MainWindow::sweepDeployments() {
    showExploreTab();
    m_explore->startSweep();
}

} // namespace pipescope::app
