// MainWindow: menus, actions and the light / dark palette.
#include "main_window.h"

#include "deployment_panel.h"
#include "runs_table_view.h"
#include "session.h"
#include "timeline/timeline_view.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyleFactory>
#include <QUndoStack>

namespace pipescope::app {
namespace {

QPalette darkPalette() {
    // Fusion's dark colours with enough contrast for text, selections and disabled fields.
    QPalette p;
    const QColor window(45, 47, 51), base(30, 31, 34), text(225, 227, 230), disabled(130, 132, 136);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(40, 42, 46));
    p.setColor(QPalette::ToolTipBase, QColor(60, 62, 66));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 152, 156));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 110, 100));
    p.setColor(QPalette::Light, QColor(70, 72, 76));
    p.setColor(QPalette::Midlight, QColor(58, 60, 64));
    p.setColor(QPalette::Mid, QColor(38, 40, 43));
    p.setColor(QPalette::Dark, QColor(25, 26, 28));
    p.setColor(QPalette::Shadow, QColor(10, 10, 10));
    p.setColor(QPalette::Highlight, QColor(50, 120, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

} // namespace

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quit = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    buildEditMenu();
    buildViewMenu();

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    m_runAction = run->addAction(tr("&Run"), this, &MainWindow::runCurrentDeployment);
    m_runAction->setShortcut(Qt::CTRL | Qt::Key_R);
    m_runAction->setEnabled(m_panel->isValid());
    connect(m_panel, &widgets::DeploymentPanel::validityChanged, m_runAction, &QAction::setEnabled);
    m_sweepAction = run->addAction(tr("&Sweep Deployments"), this, &MainWindow::sweepDeployments);
    m_sweepAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    m_sweepAction->setToolTip(tr("Sweep every deployment of the model over the Explore tab's instances"));
    m_cancelAction = run->addAction(tr("&Cancel"), this, &MainWindow::cancelRuns);
    m_cancelAction->setShortcut(Qt::Key_Escape);
    m_cancelAction->setEnabled(false);
    run->addSeparator();
    run->addAction(tr("Run &Default Scenario"), this, &MainWindow::startDefaultScenario);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* calibrate =
        tools->addAction(tr("&Calibrate to Measurements…"), this, &MainWindow::openCalibrateDialog);
    calibrate->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_M);
    calibrate->setToolTip(tr("Fit the device to your own benchmark results and keep it as a device profile"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Pipescope"), this, [this] {
        QMessageBox::about(this, tr("About Pipescope"),
                           tr("<b>Pipescope %1</b><p>A visual profiler for ML inference deployments on AWS "
                              "Inferentia: simulate NeuronCore groupings and pipelines, compare latency, "
                              "throughput and cost per million inferences before renting anything.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildEditMenu() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    m_deleteAction = edit->addAction(tr("&Delete Run"), this, &MainWindow::deleteSelectedRun);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    // Only from the runs table: Delete in a text field deletes text, not a run.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(m_deleteAction);
    m_editAction =
        edit->addAction(tr("&Edit as New Run"), this, [this] { editRunAsNew(m_session->selectedIndex()); });
    m_editAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_editAction->setToolTip(tr("Load the selected run's deployment into the panel"));
    QAction* baseline =
        edit->addAction(tr("Set as &Baseline"), m_table, &widgets::RunsTableView::setCurrentAsBaseline);
    baseline->setToolTip(tr("Compare every run with the selected one"));
}

void MainWindow::buildViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_panelDock->toggleViewAction());
    m_viewMenu->addAction(m_tableDock->toggleViewAction());
    m_viewMenu->addAction(m_inspectorDock->toggleViewAction());
    m_viewMenu->addSeparator();
    QAction* runsTab = m_viewMenu->addAction(tr("R&uns View"), this, &MainWindow::showRunsTab);
    runsTab->setShortcut(Qt::CTRL | Qt::Key_1);
    m_exploreAction = m_viewMenu->addAction(tr("E&xplore View"), this, &MainWindow::showExploreTab);
    m_exploreAction->setShortcut(Qt::CTRL | Qt::Key_2);
    m_exploreAction->setToolTip(
        tr("Sweep every deployment: latency-vs-load curves, Pareto front, recommendation"));
    m_viewMenu->addSeparator();
    auto* colours = new QActionGroup(this);
    QAction* byStage = m_viewMenu->addAction(tr("Colour by &Stage"));
    QAction* byRequest = m_viewMenu->addAction(tr("Colour by &Request"));
    for (QAction* a : {byStage, byRequest}) {
        a->setCheckable(true);
        colours->addAction(a);
    }
    byStage->setChecked(true);
    connect(byStage, &QAction::triggered, this,
            [this] { m_timeline->setColorMode(widgets::TimelineView::ColorMode::ByStage); });
    connect(byRequest, &QAction::triggered, this,
            [this] { m_timeline->setColorMode(widgets::TimelineView::ColorMode::ByRequest); });
    QAction* fit = m_viewMenu->addAction(tr("&Fit Timeline"), m_timeline, &widgets::TimelineView::fitAll);
    fit->setShortcut(Qt::Key_F);
    m_viewMenu->addSeparator();
    m_darkAction = m_viewMenu->addAction(tr("&Dark Palette"));
    m_darkAction->setCheckable(true);
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::setDarkPalette);
}

void MainWindow::setDarkPalette(bool dark) {
    m_dark = dark;
    if (m_darkAction && m_darkAction->isChecked() != dark)
        m_darkAction->setChecked(dark);
    // Fusion follows the palette everywhere; native styles may ignore a dark one.
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
}

} // namespace pipescope::app
