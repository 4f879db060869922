// The runs table view keeps its row selection and the session's selected run in step, also sorted.
#include "runs_table_model.h"
#include "runs_table_view.h"
#include "session.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace pipescope;
using widgets::RunsTableModel;

namespace {

sim::RunPtr makeRun(double throughput, double cost) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = QStringLiteral("inf1.xlarge");
    run->inputs.config.groupSizes = {1, 1, 1, 1};
    run->summary.throughputPerSecond = throughput;
    run->summary.costPerMillionUsd = cost;
    return run;
}

} // namespace

class RunsTableViewTest : public QObject {
    Q_OBJECT
private slots:
    void rowSelectionSelectsTheRun();
    void sessionSelectionSelectsTheRow();
    void baselineFromTheCurrentRow();
};

void RunsTableViewTest::rowSelectionSelectsTheRun() {
    widgets::Session session;
    widgets::RunsTableView view(&session);
    for (double t : {300.0, 100.0, 200.0})
        session.addRun(makeRun(t, 1));
    view.sortByColumn(RunsTableModel::Throughput, Qt::AscendingOrder);
    QSignalSpy selected(&session, &widgets::Session::selectionChanged);
    // Sorted ascending, the first row is the 100/s run, which is the session's run 1.
    view.selectRow(0);
    QCOMPARE(session.selectedIndex(), 1);
    QCOMPARE(selected.count(), 1);
    view.selectRow(2);
    QCOMPARE(session.selectedIndex(), 0);
}

void RunsTableViewTest::sessionSelectionSelectsTheRow() {
    widgets::Session session;
    widgets::RunsTableView view(&session);
    for (double t : {300.0, 100.0, 200.0})
        session.addRun(makeRun(t, 1));
    // addRun selects the new run: the view follows, also after the model reset.
    QCOMPARE(view.currentRunIndex(), 2);
    view.sortByColumn(RunsTableModel::Throughput, Qt::DescendingOrder);
    session.setSelectedIndex(1);
    QCOMPARE(view.currentRunIndex(), 1);
    QCOMPARE(view.currentIndex().row(), 2); // 100/s is last when sorted descending
    session.takeRun(1);
    QCOMPARE(view.model()->rowCount(), 2);
    QCOMPARE(view.currentRunIndex(), session.selectedIndex());
}

void RunsTableViewTest::baselineFromTheCurrentRow() {
    widgets::Session session;
    widgets::RunsTableView view(&session);
    session.addRun(makeRun(300, 1));
    session.addRun(makeRun(100, 4));
    session.setSelectedIndex(1);
    view.setCurrentAsBaseline();
    QCOMPARE(session.baselineIndex(), 1);
    const QModelIndex ratio = view.runsModel()->index(0, RunsTableModel::CostRatio);
    QCOMPARE(ratio.data(RunsTableModel::SortRole).toDouble(), 0.25);
}

QTEST_MAIN(RunsTableViewTest)
#include "tst_widget_runs_table.moc"
