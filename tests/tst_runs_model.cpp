// The runs table model under QAbstractItemModelTester, on runs built by hand.
#include "runs_table_model.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace pipescope;
using widgets::RunsTableModel;

namespace {

sim::RunPtr makeRun(const QString& instance, bool gpu, std::vector<int> groups, int pipelineCores,
                    double throughput, double p95, double cost) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = instance;
    run->inputs.instance.kind = gpu ? hardware::InstanceKind::Gpu : hardware::InstanceKind::Inferentia;
    run->inputs.config.groupSizes = std::move(groups);
    run->inputs.config.pipelineCores = pipelineCores;
    run->inputs.config.batch = 1;
    run->summary.throughputPerSecond = throughput;
    run->summary.latencyMs.p95 = p95;
    run->summary.costPerMillionUsd = cost;
    return run;
}

QString text(const QAbstractItemModel& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

} // namespace

class RunsModelTest : public QObject {
    Q_OBJECT
private slots:
    void columnsShowTheStudysFigures();
    void longGroupingsAreShortened();
    void ratiosFollowTheBaseline();
    void testerAcceptsInsertRemoveReset();
    void proxySortsNumerically();
    void workloadAndModelTellRunsApart();
    void duplicatesAreMarked();
    void explanationColumnsWithAndWithoutIntervals();
};

void RunsModelTest::columnsShowTheStudysFigures() {
    widgets::Session session;
    RunsTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.addRun(makeRun(QStringLiteral("inf1.xlarge"), false, {1, 1, 1, 1}, 1, 380.5, 11.25, 0.1663));
    session.addRun(makeRun(QStringLiteral("inf1.6xlarge"), false, {16}, 16, 1200, 14.5, 0.27));
    session.addRun(makeRun(QStringLiteral("g4dn.xlarge"), true, {}, 1, 120, 9.0, 1.2176));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(RunsTableModel::ColumnCount));
    QCOMPARE(text(model, 0, RunsTableModel::Instance), QStringLiteral("inf1.xlarge"));
    QCOMPARE(text(model, 0, RunsTableModel::Mode), QStringLiteral("data parallel"));
    QCOMPARE(text(model, 1, RunsTableModel::Mode), QStringLiteral("pipeline"));
    QCOMPARE(text(model, 2, RunsTableModel::Mode), QStringLiteral("gpu"));
    QCOMPARE(text(model, 0, RunsTableModel::Groups), QStringLiteral("1,1,1,1"));
    QCOMPARE(text(model, 1, RunsTableModel::CoresPerModel), QStringLiteral("16"));
    QCOMPARE(text(model, 2, RunsTableModel::CoresPerModel), QStringLiteral("—"));
    QCOMPARE(text(model, 0, RunsTableModel::Throughput), QStringLiteral("380.5"));
    QCOMPARE(text(model, 0, RunsTableModel::P95), QStringLiteral("11.25"));
    QCOMPARE(text(model, 0, RunsTableModel::CostPerMillion), QStringLiteral("0.166"));
    // No baseline yet: no ratios.
    QVERIFY(!model.data(model.index(0, RunsTableModel::ThroughputRatio)).isValid());
}

// Seen at 64 cores: "1,1,1,...,1" widened the Groups column past the window's right edge.
void RunsModelTest::longGroupingsAreShortened() {
    widgets::Session session;
    RunsTableModel model(&session);
    session.addRun(
        makeRun(QStringLiteral("inf1.24xlarge"), false, std::vector<int>(64, 1), 1, 15000, 17, 0.14));
    session.addRun(makeRun(QStringLiteral("inf1.xlarge"), false, {1, 1, 1, 1}, 1, 380.5, 11.25, 0.1663));
    QCOMPARE(text(model, 0, RunsTableModel::Groups), QStringLiteral("64\u00D71"));
    const QString full = QStringLiteral("1,").repeated(63) + QStringLiteral("1");
    QCOMPARE(model.data(model.index(0, RunsTableModel::Groups), Qt::ToolTipRole).toString(),
             QStringLiteral("NEURONCORE_GROUP_SIZES=") + full);
    QCOMPARE(text(model, 1, RunsTableModel::Groups), QStringLiteral("1,1,1,1"));
}

void RunsModelTest::ratiosFollowTheBaseline() {
    widgets::Session session;
    RunsTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    session.addRun(makeRun(QStringLiteral("inf1.xlarge"), false, {4}, 4, 600, 8, 0.5));
    session.addRun(makeRun(QStringLiteral("g4dn.xlarge"), true, {}, 1, 200, 6, 2.0));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    session.setBaselineIndex(1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.data(model.index(0, RunsTableModel::ThroughputRatio), RunsTableModel::SortRole).toDouble(),
             3.0);
    QCOMPARE(model.data(model.index(0, RunsTableModel::CostRatio), RunsTableModel::SortRole).toDouble(),
             0.25);
    QCOMPARE(text(model, 0, RunsTableModel::ThroughputRatio), QStringLiteral("3.00×"));
    QCOMPARE(text(model, 1, RunsTableModel::CostRatio), QStringLiteral("1.00×"));
    QVERIFY(model.data(model.index(1, 0), Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.data(model.index(0, 0), Qt::FontRole).isValid());

    session.setBaselineIndex(0);
    QCOMPARE(model.data(model.index(1, RunsTableModel::ThroughputRatio), RunsTableModel::SortRole).toDouble(),
             200.0 / 600.0);
    // Removing the baseline run leaves no baseline, so no ratios.
    session.takeRun(0);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.data(model.index(0, RunsTableModel::CostRatio)).isValid());
}

void RunsModelTest::testerAcceptsInsertRemoveReset() {
    widgets::Session session;
    RunsTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 5; ++i)
        session.addRun(makeRun(QStringLiteral("inf1.xlarge"), false, {1}, 1, 100 + i, 5, 1));
    session.insertRun(0, makeRun(QStringLiteral("inf1.2xlarge"), false, {1}, 1, 50, 5, 1));
    QCOMPARE(text(model, 0, RunsTableModel::Instance), QStringLiteral("inf1.2xlarge"));
    session.takeRun(3);
    QCOMPARE(model.rowCount(), 5);
    session.reset({makeRun(QStringLiteral("g4dn.xlarge"), true, {}, 1, 1, 1, 1)}, 0, 0);
    QCOMPARE(model.rowCount(), 1);
    session.reset({}, -1, -1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.data(model.index(0, 0)).isValid());
}

void RunsModelTest::proxySortsNumerically() {
    widgets::Session session;
    RunsTableModel model(&session);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(RunsTableModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // As text "95.0" sorts after "1200.0"; as numbers it must not.
    for (double throughput : {95.0, 1200.0, 380.0})
        session.addRun(makeRun(QStringLiteral("inf1.xlarge"), false, {1}, 1, throughput, 5, 1));
    proxy.sort(RunsTableModel::Throughput, Qt::DescendingOrder);
    QCOMPARE(text(proxy, 0, RunsTableModel::Throughput), QStringLiteral("1200.0"));
    QCOMPARE(text(proxy, 1, RunsTableModel::Throughput), QStringLiteral("380.0"));
    QCOMPARE(text(proxy, 2, RunsTableModel::Throughput), QStringLiteral("95.0"));
}

// Two runs that differ only in clients (or only in the model) must not look the same.
void RunsModelTest::workloadAndModelTellRunsApart() {
    widgets::Session session;
    RunsTableModel model(&session);
    auto a = std::make_shared<sim::Run>(*makeRun(QStringLiteral("inf1.6xlarge"), false, {16}, 16, 626, 9, 1));
    a->inputs.model.name = QStringLiteral("bert-base-uncased");
    a->inputs.workload.clients = 4;
    auto b = std::make_shared<sim::Run>(*a);
    b->inputs.workload.clients = 16;
    auto c = std::make_shared<sim::Run>(*a);
    c->inputs.workload.kind = sim::Workload::Kind::OpenLoop;
    c->inputs.workload.ratePerSecond = 500;
    auto d = std::make_shared<sim::Run>(*a);
    d->inputs.model.name = QStringLiteral("bert-large-uncased");
    for (const auto& run : {a, b, c, d})
        session.addRun(run);
    QCOMPARE(text(model, 0, RunsTableModel::Workload), QStringLiteral("4 clients"));
    QCOMPARE(text(model, 1, RunsTableModel::Workload), QStringLiteral("16 clients"));
    QCOMPARE(text(model, 2, RunsTableModel::Workload), QStringLiteral("500 req/s"));
    QCOMPARE(text(model, 0, RunsTableModel::Model), QStringLiteral("bert-base-uncased 128 bf16"));
    QCOMPARE(text(model, 3, RunsTableModel::Model), QStringLiteral("bert-large-uncased 128 bf16"));
    QCOMPARE(model.headerData(RunsTableModel::Workload, Qt::Horizontal).toString(),
             QStringLiteral("Workload"));
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c)
            cells << text(model, r, c);
        rows << cells.join(QLatin1Char('|'));
    }
    QCOMPARE(QSet<QString>(rows.begin(), rows.end()).size(), 4);
    QCOMPARE(model.duplicateOf(1), -1);
}

void RunsModelTest::duplicatesAreMarked() {
    widgets::Session session;
    RunsTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto a = makeRun(QStringLiteral("inf1.xlarge"), false, {1, 1, 1, 1}, 1, 380, 11, 0.16);
    const auto other = makeRun(QStringLiteral("inf1.xlarge"), false, {4}, 4, 500, 8, 0.12);
    auto again = std::make_shared<sim::Run>(*a); // the same inputs simulated a second time
    for (const auto& run : std::vector<sim::RunPtr>{a, other, again})
        session.addRun(run);
    QCOMPARE(model.duplicateOf(0), -1);
    QCOMPARE(model.duplicateOf(1), -1);
    QCOMPARE(model.duplicateOf(2), 0);
    QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("3 =1"));
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("2"));
    QVERIFY(model.headerData(2, Qt::Vertical, Qt::ToolTipRole).toString().contains(QLatin1String("run 1")));
    QVERIFY(model.data(model.index(2, 0), Qt::ForegroundRole).isValid());
    QVERIFY(!model.data(model.index(0, 0), Qt::ForegroundRole).isValid());
    // Deleting the original leaves nothing to duplicate.
    session.takeRun(0);
    QCOMPARE(model.duplicateOf(1), -1);
}

void RunsModelTest::explanationColumnsWithAndWithoutIntervals() {
    widgets::Session session;
    RunsTableModel model(&session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto explained = std::make_shared<sim::Run>(
        *makeRun(QStringLiteral("inf1.6xlarge"), false, {1, 1, 1, 1}, 1, 1745, 16.6, 0.27));
    explained->inputs.config.workers = 2;
    explained->summary.throughputInterval = {1222, 2484};
    explained->summary.latencyP95IntervalMs = {12.5, 21.25};
    explained->summary.costIntervalUsd = {0.19, 0.385};
    explained->summary.intervalNotes = {QStringLiteral("batch 12 is outside the calibrated 1-6")};
    explained->summary.latencyMs.p95StandardErrorMs = 0.05;
    explained->summary.bottleneck = {
        QStringLiteral("host"), 0.97,
        QStringLiteral("The host workers' interpreter locks are busy 97% of the time")};
    // A run from an old profile: no intervals, no bottleneck, default workers.
    auto old = makeRun(QStringLiteral("inf1.xlarge"), false, {1, 1, 1, 1}, 1, 380.5, 11.25, 0.1663);
    session.addRun(explained);
    session.addRun(old);
    QCOMPARE(text(model, 0, RunsTableModel::ThroughputInterval), QStringLiteral("1222–2484"));
    QCOMPARE(text(model, 0, RunsTableModel::P95Interval), QStringLiteral("12.50–21.25"));
    QCOMPARE(text(model, 0, RunsTableModel::CostInterval), QStringLiteral("0.190–0.385"));
    QCOMPARE(text(model, 0, RunsTableModel::BoundBy), QStringLiteral("host"));
    QCOMPARE(text(model, 0, RunsTableModel::Workers), QStringLiteral("2"));
    QCOMPARE(model.data(model.index(0, RunsTableModel::BoundBy), Qt::ToolTipRole).toString(),
             explained->summary.bottleneck.reason);
    QVERIFY(model.data(model.index(0, RunsTableModel::ThroughputInterval), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("outside the calibrated")));
    // The p95's range also says how much of it sampling alone would give (2.262 x 0.05 ms).
    const QString p95Tip =
        model.data(model.index(0, RunsTableModel::P95Interval), Qt::ToolTipRole).toString();
    QVERIFY2(p95Tip.contains(QStringLiteral("Sampling alone: p95 ± 0.11 ms")), qPrintable(p95Tip));
    QVERIFY(!model.data(model.index(0, RunsTableModel::CostInterval), Qt::ToolTipRole)
                 .toString()
                 .contains(QStringLiteral("Sampling")));
    QCOMPARE(
        model.data(model.index(0, RunsTableModel::ThroughputInterval), RunsTableModel::SortRole).toDouble(),
        1222.0);
    for (int column : {RunsTableModel::ThroughputInterval, RunsTableModel::P95Interval,
                       RunsTableModel::CostInterval, RunsTableModel::BoundBy})
        QCOMPARE(text(model, 1, column), QStringLiteral("—"));
    QVERIFY(model.data(model.index(1, RunsTableModel::CostInterval), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("before")));
    // Default workers: one per group, so four for four groups.
    QCOMPARE(text(model, 1, RunsTableModel::Workers), QStringLiteral("4"));
    QVERIFY(!model.headerData(RunsTableModel::BoundBy, Qt::Horizontal).toString().isEmpty());
}

QTEST_MAIN(RunsModelTest)
#include "tst_runs_model.moc"
