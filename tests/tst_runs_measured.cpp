// The runs table marks runs whose deployment the user measured, with the measured figures next to
// the simulated ones, and names the device profile a run was simulated with.
#include "calibrate/measured_run.h"
#include "runs_table_model.h"
#include "runs_table_view.h"
#include "session.h"

#include <QDir>
#include <QTest>

using namespace pipescope;
using widgets::RunsTableModel;

namespace {

std::shared_ptr<sim::Run> makeRun(const QString& groups, int pipelineCores, int clients, double throughput) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = QStringLiteral("inf1.xlarge");
    run->inputs.config.groupSizes =
        groups == QLatin1String("4") ? std::vector<int>{4} : std::vector<int>{1, 1, 1, 1};
    run->inputs.config.pipelineCores = pipelineCores;
    run->inputs.config.batch = 1;
    run->inputs.workload.kind = sim::Workload::Kind::ClosedLoop;
    run->inputs.workload.clients = clients;
    run->summary.throughputPerSecond = throughput;
    run->summary.latencyMs.p95 = 16.0;
    return run;
}

calibrate::MeasurementSet measurements() {
    calibrate::MeasurementSet set;
    set.origin = QStringLiteral("loadtest.csv");
    calibrate::Measurement m;
    m.origin = set.origin;
    m.line = 3;
    m.scenario.instance = QStringLiteral("inf1.xlarge");
    m.scenario.groupSizes = QStringLiteral("4");
    m.scenario.pipelineCores = 4;
    m.scenario.batch = 1;
    m.scenario.workload.kind = sim::Workload::Kind::ClosedLoop;
    m.scenario.workload.clients = 4;
    m.throughputPerSecond = 288;
    m.latencyP95Ms = 13.9;
    set.rows.push_back(m);
    return set;
}

} // namespace

class RunsMeasuredTest : public QObject {
    Q_OBJECT
private slots:
    void matchesOnTheDeployment_data();
    void matchesOnTheDeployment();
    void tableMarksTheMeasuredRun();
    void instanceNamesTheDeviceProfile();
};

void RunsMeasuredTest::matchesOnTheDeployment_data() {
    QTest::addColumn<QString>("groups");
    QTest::addColumn<int>("pipelineCores");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("row");
    QTest::newRow("same deployment") << "4" << 4 << 4 << 0;
    QTest::newRow("other groups") << "1,1,1,1" << 4 << 4 << -1;
    QTest::newRow("other pipeline") << "4" << 2 << 4 << -1;
    QTest::newRow("other clients") << "4" << 4 << 8 << -1;
}

void RunsMeasuredTest::matchesOnTheDeployment() {
    QFETCH(QString, groups);
    QFETCH(int, pipelineCores);
    QFETCH(int, clients);
    QFETCH(int, row);
    QCOMPARE(widgets::measuredRowFor(measurements(), makeRun(groups, pipelineCores, clients, 280)->inputs),
             row);
}

void RunsMeasuredTest::tableMarksTheMeasuredRun() {
    widgets::Session session;
    RunsTableModel model(&session);
    session.addRun(makeRun(QStringLiteral("1,1,1,1"), 1, 4, 250));
    session.addRun(makeRun(QStringLiteral("4"), 4, 4, 280));
    QCOMPARE(model.measuredRow(1), -1); // no measurements yet
    QVERIFY(!model.data(model.index(1, RunsTableModel::MeasuredThroughput)).isValid());

    session.setMeasurements(measurements());
    QCOMPARE(model.measuredRow(0), -1);
    QCOMPARE(model.measuredRow(1), 0);
    QVERIFY(!model.data(model.index(0, RunsTableModel::MeasuredThroughput)).isValid());
    QCOMPARE(model.data(model.index(1, RunsTableModel::MeasuredThroughput)).toString(), "measured 288.0");
    QCOMPARE(model.data(model.index(1, RunsTableModel::MeasuredP95)).toString(), "measured 13.90");
    QCOMPARE(
        model.data(model.index(1, RunsTableModel::MeasuredThroughput), RunsTableModel::SortRole).toDouble(),
        288.0);
    const QString tip =
        model.data(model.index(1, RunsTableModel::MeasuredThroughput), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("loadtest.csv line 3") && tip.contains("-2.8%"), qPrintable(tip));
    QCOMPARE(model.headerData(RunsTableModel::MeasuredThroughput, Qt::Horizontal).toString(), "Measured /s");
    if (const QByteArray dir = qgetenv("PIPESCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        widgets::RunsTableView view(&session);
        view.resize(1500, 160);
        QVERIFY(view.grab().save(QDir(QString::fromUtf8(dir)).filePath("runs_measured.png")));
    }
}

void RunsMeasuredTest::instanceNamesTheDeviceProfile() {
    widgets::Session session;
    RunsTableModel model(&session);
    auto run = makeRun(QStringLiteral("4"), 4, 4, 280);
    run->inputs.instance.deviceProfile = QStringLiteral("inferentia1 - my-team 2026-12");
    session.addRun(makeRun(QStringLiteral("4"), 4, 4, 280));
    session.addRun(run);
    QCOMPARE(model.data(model.index(0, RunsTableModel::Instance)).toString(), "inf1.xlarge");
    QCOMPARE(model.data(model.index(1, RunsTableModel::Instance)).toString(),
             "inf1.xlarge · inferentia1 - my-team 2026-12");
}

QTEST_MAIN(RunsMeasuredTest)
#include "tst_runs_measured.moc"
