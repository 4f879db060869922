// Model inspector: the operator table under QAbstractItemModelTester, numeric sorting, stage
// bars (time shares, SRAM fit, hit-testing) and the totals line, offscreen.
#include "model_inspector_view.h"
#include "operator_table_model.h"
#include "stage_bars.h"

#include "compile/plan.h"
#include "hardware/catalog.h"
#include "model/presets.h"

#include <QAbstractItemModelTester>
#include <QTableView>
#include <QTest>

using namespace pipescope;

namespace {

model::ModelGraph bert() {
    return model::buildPreset(QStringLiteral("bert-small"), 128, 2).value();
}

// Four stages over the graph's operators; the last one does not fit in SRAM.
compile::Placement fourStages(const model::ModelGraph& g) {
    compile::Placement p;
    compile::Group group;
    const int n = static_cast<int>(g.ops.size());
    for (int s = 0; s < 4; ++s) {
        compile::Stage st;
        st.firstOp = s * n / 4;
        st.endOp = (s + 1) * n / 4;
        st.core = s;
        st.computeNs = 1000.0 * (s + 1); // shares 0.1, 0.2, 0.3, 0.4
        st.weightBytes = 1'000'000;
        st.streamedBytes = s == 3 ? 400'000 : 0;
        group.stages.push_back(st);
    }
    p.groups.push_back(group);
    p.usedCores = 4;
    return p;
}

} // namespace

class TestInspector : public QObject {
    Q_OBJECT

private slots:
    void modelPassesTester() {
        widgets::OperatorTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto g = bert();
        model.setGraph(g, nullptr);
        QCOMPARE(model.rowCount(), int(g.ops.size()));
        const auto p = fourStages(g);
        model.setGraph(g, &p);
        QCOMPARE(model.index(0, widgets::OperatorTableModel::Stage).data(Qt::UserRole).toInt(), 0);
        QCOMPARE(
            model.index(model.rowCount() - 1, widgets::OperatorTableModel::Core).data(Qt::UserRole).toInt(),
            3);
        model.setGraph(model::ModelGraph{}, nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsNumerically() {
        widgets::ModelInspectorView view;
        const auto g = bert();
        view.setModel(g);
        view.table()->sortByColumn(widgets::OperatorTableModel::Flops, Qt::DescendingOrder);
        const QAbstractItemModel* shown = view.table()->model();
        double previous = std::numeric_limits<double>::infinity();
        for (int r = 0; r < shown->rowCount(); ++r) {
            const double f =
                shown->index(r, widgets::OperatorTableModel::Flops).data(Qt::UserRole).toDouble();
            QVERIFY(f <= previous);
            previous = f;
        }
        const double maxFlops =
            std::max_element(g.ops.begin(), g.ops.end(), [](const auto& a, const auto& b) {
                return a.flops < b.flops;
            })->flops;
        QCOMPARE(shown->index(0, widgets::OperatorTableModel::Flops).data(Qt::UserRole).toDouble(), maxFlops);
    }

    void stageBarsShowSharesAndFit() {
        widgets::ModelInspectorView view;
        const auto g = bert();
        const auto p = fourStages(g);
        view.setModel(g, &p);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto& bars = view.stageBars()->bars();
        QCOMPARE(bars.size(), std::size_t{4});
        for (int s = 0; s < 4; ++s)
            QVERIFY(std::abs(bars[s].share - 0.1 * (s + 1)) < 1e-9);
        QVERIFY(bars[0].fits && !bars[3].fits);
        QVERIFY(!view.table()->isColumnHidden(widgets::OperatorTableModel::Stage));
        // Hit-testing: each row of the bar widget maps to its stage.
        auto* barWidget = view.stageBars();
        const int rowHeight = barWidget->height() / 4;
        for (int s = 0; s < 4; ++s)
            QCOMPARE(barWidget->stageAt(QPoint(barWidget->width() / 2, 2 + s * rowHeight + rowHeight / 2)),
                     s);
        QCOMPARE(barWidget->stageAt(QPoint(5, barWidget->height() + 50)), -1);
        QVERIFY(view.totalsText().contains(
            QStringLiteral("%1M parameters").arg(g.parameters() / 1e6, 0, 'f', 2)));
        QVERIFY(view.totalsText().contains(QLatin1String("rule of thumb")));

        // Without a placement the stage columns and bars go away.
        view.setModel(g);
        QVERIFY(view.table()->isColumnHidden(widgets::OperatorTableModel::Stage));
        QVERIFY(!view.stageBars()->isVisible());
    }

    // With the compiler's real placement; the PNG is for looking at (PIPESCOPE_INSPECTOR_PNG=path).
    void realPlacementRenders() {
        const auto catalog = hardware::Catalog::load();
        QVERIFY(catalog.ok());
        sim::RunInputs in;
        in.model = model::buildPreset(QStringLiteral("bert-base-uncased"), 128, 2).value();
        in.instance = *catalog->find(QStringLiteral("inf1.6xlarge"));
        in.config.groupSizes = {4};
        in.config.pipelineCores = 4;
        const auto placement = compile::plan(in);
        QVERIFY2(placement.ok(), qPrintable(placement.ok() ? QString() : placement.error().toString()));
        widgets::ModelInspectorView view;
        view.setModel(in.model, &*placement);
        view.resize(1000, 640);
        const QPixmap pixmap = view.grab();
        QVERIFY(!pixmap.isNull());
        QCOMPARE(view.stageBars()->bars().size(), std::size_t{4});
        double sum = 0;
        for (const auto& b : view.stageBars()->bars())
            sum += b.share;
        QVERIFY(std::abs(sum - 1.0) < 1e-9);
        if (const QByteArray path = qgetenv("PIPESCOPE_INSPECTOR_PNG"); !path.isEmpty())
            QVERIFY(pixmap.save(QString::fromLocal8Bit(path)));
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
