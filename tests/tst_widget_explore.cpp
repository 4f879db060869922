// The Explore view over a small sweep: scatter points, the Pareto staircase, and re-ranking when
// the latency target moves (dragging the SLA line) without simulating anything again.
#include "explore/deployment_scatter.h"
#include "explore/explore_form.h"
#include "explore/explore_view.h"
#include "explore/load_curve_chart.h"
#include "explore/sweep_job.h"
#include "hardware/catalog.h"
#include "sweep_fixtures.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace pipescope;

class TestWidgetExplore : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const sweep::SweepResult> m_sweep;

    io::SavedSweep saved(double maxP95Ms) const {
        io::SavedSweep s;
        s.space = testing::smallSweepSpace();
        s.criteria.maxP95Ms = maxP95Ms;
        s.criteria.loadPerSecond = 500;
        s.result = m_sweep;
        return s;
    }

    // A target only the lowest-latency deployments meet: 2% above the best lightest-load p95.
    double tightTarget() const {
        double best = 1e9;
        for (const auto& e : m_sweep->entries)
            best = std::min(best, e.curve.points.front().latencyMs.p95);
        return best * 1.02;
    }

private slots:
    void initTestCase() { m_sweep = testing::smallSweep(); }

    void scatterPoints() {
        widgets::ExploreModel model;
        model.setSweep(m_sweep, {0, 500, {}});
        QCOMPARE(model.points().size(), m_sweep->entries.size());
        int plotted = 0, front = 0;
        for (const auto& p : model.points()) {
            QCOMPARE(p.instance, QStringLiteral("inf1.xlarge"));
            QVERIFY(p.batch == 1 || p.batch == 4);
            if (p.plotted) {
                ++plotted;
                QVERIFY(p.costPerMillionUsd > 0);
                QVERIFY(p.p95Ms > 0);
                QVERIFY(p.machines >= 1);
            }
            front += p.pareto ? 1 : 0;
        }
        QVERIFY(plotted > 0);
        QVERIFY(front > 0);
        QVERIFY(model.cheapest() >= 0);
        QVERIFY(model.fastest() >= 0);
        QVERIFY(model.points()[std::size_t(model.cheapest())].pareto);
        QVERIFY(model.describe(model.cheapest()).contains(model.label(model.cheapest())));
    }

    void paretoStaircase() {
        widgets::ExploreModel model;
        model.setSweep(m_sweep, {0, 500, {}});
        int front = 0;
        for (const auto& p : model.points())
            front += p.pareto && p.plotted ? 1 : 0;
        const auto steps = model.paretoStepLine();
        QCOMPARE(int(steps.size()), 2 * front - 1);
        for (std::size_t i = 1; i < steps.size(); ++i) {
            QVERIFY(steps[i].x() >= steps[i - 1].x()); // cost never falls along the front
            QVERIFY(steps[i].y() <= steps[i - 1].y()); // nor does p95 rise
            // Each step is either across (same p95) or down (same cost).
            QVERIFY(steps[i].x() == steps[i - 1].x() || steps[i].y() == steps[i - 1].y());
        }
        // It starts at the cheapest deployment.
        const auto& cheapest = model.points()[std::size_t(model.cheapest())];
        QCOMPARE(steps.front().x(), cheapest.costPerMillionUsd);
    }

    void rerankOnTheDraggedTargetWithoutSimulating() {
        widgets::ExploreView view(hardware::Catalog::builtIn());
        view.resize(1300, 850);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showSweep(saved(0));
        view.scatter()->replot();
        const int looseCheapest = view.model().cheapest();
        const auto* sweepBefore = view.model().sweep().get();
        const int rankingsBefore = view.model().rankings();
        QVERIFY(looseCheapest >= 0);
        // The loose cheapest must miss the tight target, or the test proves nothing.
        const double tight = tightTarget();
        QVERIFY(m_sweep->entries[std::size_t(looseCheapest)].curve.points.front().latencyMs.p95 > tight);

        // A target is needed for the line: set a loose one, then drag it down to the tight one.
        view.setCriteria({1000, 500, {}});
        view.scatter()->replot();
        auto* scatter = view.scatter();
        const int x = int(scatter->axisRect()->center().x());
        const int from = int(std::lround(scatter->slaPixelY()));
        const int to = int(std::lround(scatter->yAxis->coordToPixel(tight)));
        QSignalSpy dragged(scatter, &widgets::DeploymentScatter::slaDragged);
        QTest::mousePress(scatter, Qt::LeftButton, {}, QPoint(x, from));
        QTest::mouseMove(scatter, QPoint(x, (from + to) / 2));
        QTest::mouseMove(scatter, QPoint(x, to));
        QTest::mouseRelease(scatter, Qt::LeftButton, {}, QPoint(x, to));
        QVERIFY(dragged.count() >= 2);
        QVERIFY(std::abs(view.model().criteria().maxP95Ms - tight) / tight < 0.05);
        QCOMPARE(view.form()->maxP95Box()->value(), std::round(view.model().criteria().maxP95Ms * 10) / 10);

        // Re-ranked: a different cheapest, from the same stored curves, with no sweep started.
        QVERIFY(view.model().rankings() > rankingsBefore);
        QVERIFY(view.model().cheapest() >= 0);
        QVERIFY(view.model().cheapest() != looseCheapest);
        QCOMPARE(view.model().sweep().get(), sweepBefore);
        QCOMPARE(view.model().sweep()->simulations, m_sweep->simulations);
        QCOMPARE(view.job()->sweepsStarted(), 0);
        QVERIFY(view.summaryLabel()->text().contains(view.model().label(view.model().cheapest())));

        // Hovering the new cheapest names it with its numbers.
        scatter->replot();
        const QPoint at = scatter->pixelOf(view.model().cheapest()).toPoint();
        const QString tip = scatter->toolTipAt(at);
        QVERIFY2(tip.contains(view.model().label(view.model().cheapest())), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("per million")));
    }

    void loadCurveOfTheSelectedDeployment() {
        widgets::ExploreView view(hardware::Catalog::builtIn());
        view.showSweep(saved(25));
        QVERIFY(view.selectedEntry() >= 0);
        QVERIFY(view.loadCurveChart()->emptyMessage().isEmpty());
        const int last = int(m_sweep->entries.size()) - 1;
        view.selectEntry(last);
        const auto& curve = m_sweep->entries[std::size_t(last)].curve;
        QCOMPARE(view.loadCurveChart()->percentileGraph(1)->dataCount(), int(curve.points.size()));
        QVERIFY(view.loadCurveChart()->hasKnee());
        QVERIFY(view.loadCurveChart()->hasSaturation());
    }

    // A vertical line's label sits to its left, unless the line is near the axis, where the label
    // would be cut off: then to its right (the load per machine of a big instance).
    void verticalLabelsStayInsideThePlot() {
        const auto& curve = m_sweep->entries.front().curve;
        const auto alignmentOf = [](const widgets::LoadCurveChart& chart, const QString& prefix) {
            for (int i = 0; i < chart.itemCount(); ++i)
                if (auto* text = qobject_cast<QCPItemText*>(chart.item(i));
                    text && text->text().startsWith(prefix))
                    return text->positionAlignment();
            return Qt::Alignment{};
        };
        widgets::LoadCurveChart chart;
        chart.setCurve(QStringLiteral("x"), curve, 0, 0.05 * curve.saturationPerSecond);
        QVERIFY(alignmentOf(chart, QStringLiteral("load per machine")) & Qt::AlignLeft);
        QVERIFY(alignmentOf(chart, QStringLiteral("saturation")) & Qt::AlignRight);
        chart.setCurve(QStringLiteral("x"), curve, 0, 0.9 * curve.saturationPerSecond);
        QVERIFY(alignmentOf(chart, QStringLiteral("load per machine")) & Qt::AlignRight);
    }

    // Maximising throughput, a deployment whose closed loop serves more within the target is
    // shown at the closed loop's numbers, says so, and is simulated as that closed loop; its load
    // curve marks the point.
    void closedLoopOperatingPoint() {
        widgets::ExploreModel model;
        model.setSweep(m_sweep, {0, 0, {}});
        int closed = -1;
        for (std::size_t i = 0; i < model.points().size(); ++i)
            if (model.points()[i].closedLoop)
                closed = int(i);
        QVERIFY2(closed >= 0, "no deployment's closed loop beat its open-loop rate");
        const auto& curve = m_sweep->entries[std::size_t(closed)].curve;
        const auto& p = model.points()[std::size_t(closed)];
        QCOMPARE(p.ratePerMachine, curve.closedLoop.throughputPerSecond);
        QCOMPARE(p.p95Ms, curve.closedLoop.latencyMs.p95);
        QVERIFY2(model.describe(closed).contains(
                     QStringLiteral("in closed loop (%1 clients)").arg(curve.closedLoop.clients)),
                 qPrintable(model.describe(closed)));
        const sim::RunInputs run = model.runInputs(closed);
        QCOMPARE(run.workload.kind, sim::Workload::Kind::ClosedLoop);
        QCOMPARE(run.workload.clients, curve.closedLoop.clients);
        // With a load to serve, the same deployment is simulated open loop at its share.
        model.setCriteria({0, 500, {}});
        QVERIFY(!model.points()[std::size_t(closed)].closedLoop);
        QCOMPARE(model.runInputs(closed).workload.kind, sim::Workload::Kind::OpenLoop);

        widgets::LoadCurveChart chart;
        chart.setCurve(QStringLiteral("x"), curve, 0, 0);
        const QString name = QStringLiteral("closed loop, %1 clients (p95)").arg(curve.closedLoop.clients);
        QCPGraph* marker = nullptr;
        for (int i = 0; i < chart.graphCount(); ++i)
            if (chart.graph(i)->name() == name)
                marker = chart.graph(i);
        QVERIFY2(marker, qPrintable(name));
        QCOMPARE(marker->dataCount(), 1);
        QCOMPARE(marker->data()->begin()->key, curve.closedLoop.throughputPerSecond);
        QCOMPARE(marker->data()->begin()->value, curve.closedLoop.latencyMs.p95);
    }

    // How sure each p95 is: the tooltip gives its sampling noise, and when the fastest cannot be
    // told from others both its tooltip and the summary say so. (The small sweep's 200 requests per
    // point are too few to know it: here every point is given a wide error, so all tie.)
    void samplingNoiseShown() {
        auto noisy = std::make_shared<sweep::SweepResult>(*m_sweep);
        for (auto& e : noisy->entries)
            for (auto& p : e.curve.points)
                p.latencyMs.p95StandardErrorMs = 50;
        widgets::ExploreModel model;
        model.setSweep(noisy, {0, 500, {}});
        const int fastest = model.fastest();
        QVERIFY(fastest >= 0);
        QVERIFY(!model.recommendation().fastestTies.empty());
        const QString tooltip = model.describe(fastest);
        QVERIFY2(tooltip.contains(QStringLiteral("(± 113 from sampling)")), qPrintable(tooltip));
        QVERIFY2(tooltip.contains(QStringLiteral("the fastest, tied within sampling noise with ")),
                 qPrintable(tooltip));
        QVERIFY(!model
                     .describe(model.recommendation()
                                   .deployments[std::size_t(model.recommendation().fastestTies.front())]
                                   .entry)
                     .contains(QStringLiteral("the fastest")));

        widgets::ExploreView view(hardware::Catalog::builtIn());
        io::SavedSweep s = saved(0);
        s.result = noisy;
        view.showSweep(s);
        const auto ties = model.recommendation().fastestTies.size();
        const QString expected = ties == 1
                                     ? QStringLiteral("tied within sampling noise with 1 other")
                                     : QStringLiteral("tied within sampling noise with %1 others").arg(ties);
        QVERIFY2(view.summaryLabel()->text().contains(expected) &&
                     !view.summaryLabel()->text().contains(QLatin1String("(s)")),
                 qPrintable(view.summaryLabel()->text()));
        // Without known errors nothing is claimed.
        view.showSweep(saved(0));
        QVERIFY(!view.summaryLabel()->text().contains(QStringLiteral("sampling")));
        model.setSweep(m_sweep, {0, 500, {}});
        QVERIFY(!model.describe(model.fastest()).contains(QStringLiteral("sampling")));
    }

    // A deployment that meets the target only within the deciding p95's sampling noise says so in
    // its tooltip, and the summary says it of the cheapest; a target far above the noise does not.
    void targetMetWithinNoiseShown() {
        auto noisy = std::make_shared<sweep::SweepResult>(*m_sweep);
        for (auto& e : noisy->entries) {
            for (auto& p : e.curve.points)
                p.latencyMs.p95StandardErrorMs = 1e4; // ± 22,620 ms
            e.curve.closedLoop.latencyMs.p95StandardErrorMs = 1e4;
        }
        widgets::ExploreModel model;
        model.setSweep(noisy, {1e4, 500, {}});
        const int cheapest = model.cheapest();
        QVERIFY(cheapest >= 0);
        QVERIFY(model.recommendation().deployments[static_cast<std::size_t>(cheapest)].slaWithinNoise);
        QVERIFY2(model.describe(cheapest).contains(
                     QStringLiteral("meets p95 ≤ 10000 ms only within sampling noise")),
                 qPrintable(model.describe(cheapest)));

        widgets::ExploreView view(hardware::Catalog::builtIn());
        io::SavedSweep s = saved(1e4);
        s.result = noisy;
        view.showSweep(s);
        QVERIFY2(view.summaryLabel()->text().contains(
                     QStringLiteral(", meets the target only within sampling noise")),
                 qPrintable(view.summaryLabel()->text()));
        // With every p95 ± 22,620 ms against 10,000 ms, none meets it clearly.
        QVERIFY2(view.summaryLabel()->text().contains(QStringLiteral("; none meets it clearly")),
                 qPrintable(view.summaryLabel()->text()));
        s.criteria.maxP95Ms = 1e6; // the noise is well inside it
        view.showSweep(s);
        QVERIFY(!view.summaryLabel()->text().contains(QStringLiteral("only within")));
        model.setSweep(noisy, {1e6, 500, {}});
        QVERIFY(!model.describe(model.cheapest()).contains(QStringLiteral("only within")));
    }

    // Before any sweep the load curve's plot still spans the chart (an empty legend row once
    // squeezed it to a sliver), and after one the recommendations' names stay inside the plot.
    void chartsLaidOutBeforeAndAfterASweep() {
        widgets::ExploreView view(hardware::Catalog::builtIn());
        view.resize(1300, 850);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* curve = view.loadCurveChart();
        curve->replot();
        QVERIFY2(curve->axisRect()->width() > curve->width() / 2,
                 qPrintable(
                     QStringLiteral("plot %1 px of %2").arg(curve->axisRect()->width()).arg(curve->width())));
        view.showSweep(saved(0));
        view.setCriteria({31, 0, {}});
        auto* scatter = view.scatter();
        const auto labelsInside = [scatter]() -> int {
            scatter->replot();
            const QRect plot = scatter->axisRect()->rect();
            std::vector<QRectF> boxes;
            for (int i = 0; i < scatter->itemCount(); ++i) {
                auto* text = qobject_cast<QCPItemText*>(scatter->item(i));
                if (!text || !(text->text().startsWith(QStringLiteral("Cheapest")) ||
                               text->text().startsWith(QStringLiteral("Fastest"))))
                    continue;
                const QPointF topLeft = text->topLeft->pixelPosition();
                const QPointF bottomRight = text->bottomRight->pixelPosition();
                if (topLeft.x() < plot.left() - 1 || bottomRight.x() > plot.right() + 1 ||
                    topLeft.y() < plot.top() - 1 || bottomRight.y() > plot.bottom() + 1) {
                    qWarning("'%s' at %g,%g-%g,%g outside the plot",
                             qPrintable(text->text().section(QLatin1Char('\n'), 0, 0)), topLeft.x(),
                             topLeft.y(), bottomRight.x(), bottomRight.y());
                    return -1;
                }
                const QRectF box(topLeft, bottomRight);
                for (const QRectF& other : boxes)
                    if (other.intersects(box)) {
                        qWarning("'%s' overlaps another name: %g,%g %gx%g vs %g,%g %gx%g",
                                 qPrintable(text->text().section(QLatin1Char('\n'), 0, 0)), box.x(), box.y(),
                                 box.width(), box.height(), other.x(), other.y(), other.width(),
                                 other.height());
                        return -1;
                    }
                boxes.push_back(box);
            }
            return static_cast<int>(boxes.size());
        };
        QVERIFY(labelsInside() >= 1);
        // Panned so that the cheapest (the leftmost point meeting the target) sits at the left
        // edge and the fastest at the bottom: their names move to the other side of their points.
        const auto& points = view.model().points();
        const auto& cheapest = points[std::size_t(view.model().cheapest())];
        const auto& fastest = points[std::size_t(view.model().fastest())];
        scatter->xAxis->setRange(cheapest.costPerMillionUsd * 0.97, cheapest.costPerMillionUsd * 30);
        scatter->yAxis->setRange(fastest.p95Ms * 0.97, fastest.p95Ms * 30);
        QVERIFY(labelsInside() >= 1);
        // Both near the bottom left corner, close together: the names still do not overlap.
        scatter->xAxis->setRange(std::min(cheapest.costPerMillionUsd, fastest.costPerMillionUsd) * 0.97,
                                 std::max(cheapest.costPerMillionUsd, fastest.costPerMillionUsd) * 30);
        QCOMPARE(labelsInside(), view.model().cheapest() == view.model().fastest() ? 1 : 2);

        // The target just above the cheapest, in a narrow plot, the cheapest moved from the left to
        // the right edge: wherever its name goes, the target's label is never under it, and it
        // does have to move off its usual place (above the line's right end) for some.
        view.resize(1150, 700);
        view.setCriteria({cheapest.p95Ms * 1.04, 0, {}});
        const auto& c = view.model().points()[std::size_t(view.model().cheapest())];
        scatter->yAxis->setRange(c.p95Ms / 1.15, c.p95Ms * 8); // near the bottom: no room below
        int moved = 0;
        for (double at = 0.1; at < 0.95; at += 0.02) {
            // On the log axis, `at` of the way across one decade.
            scatter->xAxis->setRange(c.costPerMillionUsd / std::pow(10.0, at),
                                     c.costPerMillionUsd * std::pow(10.0, 1 - at));
            scatter->replot();
            const QRectF plot = scatter->axisRect()->rect();
            const QRectF sla = scatter->slaLabelRect();
            QVERIFY(!sla.isEmpty() && plot.contains(sla));
            const bool usual =
                sla.right() > plot.right() - 0.02 * plot.width() && sla.bottom() < scatter->slaPixelY() + 1;
            moved += usual ? 0 : 1;
            QRectF name;
            for (int i = 0; i < scatter->itemCount(); ++i)
                if (auto* text = qobject_cast<QCPItemText*>(scatter->item(i));
                    text && text->text().startsWith(QStringLiteral("Cheapest")))
                    name = QRectF(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition());
            QVERIFY2(
                !name.intersects(sla),
                qPrintable(QStringLiteral("at %1 of the plot the target's label is under the name").arg(at)));
            // Never on more markers than at either end of the line, above or below it, where it
            // could have gone instead (it also slides along the line to a gap between them).
            const auto covered = [&](const QRectF& box) {
                const QRectF reach = box.adjusted(-6, -6, 6, 6);
                int n = 0;
                for (const auto& p : view.model().points())
                    n += p.plotted && reach.contains(scatter->pixelOf(p.entry)) ? 1 : 0;
                return n;
            };
            const double y = scatter->slaPixelY();
            const bool atAnEnd = sla.left() < plot.left() + 0.01 * plot.width() + 1 ||
                                 sla.right() > plot.right() - 0.01 * plot.width() - 1;
            for (const QRectF end :
                 {QRectF(plot.right() - 0.005 * plot.width() - sla.width(), y - sla.height(), sla.width(),
                         sla.height()),
                  QRectF(plot.left() + 0.005 * plot.width(), y - sla.height(), sla.width(), sla.height()),
                  QRectF(plot.right() - 0.005 * plot.width() - sla.width(), y, sla.width(), sla.height()),
                  QRectF(plot.left() + 0.005 * plot.width(), y, sla.width(), sla.height())})
                if (plot.contains(end) && !name.intersects(end))
                    QVERIFY2(atAnEnd ? covered(sla) <= covered(end) : covered(sla) < covered(end),
                             qPrintable(QStringLiteral("at %1: %2 markers under the label, %3 at an end")
                                            .arg(at)
                                            .arg(covered(sla))
                                            .arg(covered(end))));
        }
        QVERIFY(moved > 0);
        // The label takes hold of the target as the line does.
        scatter->replot();
        const QPoint grip = scatter->slaLabelRect().center().toPoint();
        QSignalSpy dragged(scatter, &widgets::DeploymentScatter::slaDragged);
        QTest::mousePress(scatter, Qt::LeftButton, {}, grip);
        QTest::mouseMove(scatter, grip - QPoint(0, 40));
        QTest::mouseRelease(scatter, Qt::LeftButton, {}, grip - QPoint(0, 40));
        QCOMPARE(dragged.count(), 1);
        QVERIFY(dragged.at(0).at(0).toDouble() > c.p95Ms * 1.04);
    }

    void sweepRunsOnAWorkerAndCancels() {
        widgets::ExploreView view(hardware::Catalog::builtIn());
        view.setCurveOptions(testing::smallCurveOptions());
        QSignalSpy shown(&view, &widgets::ExploreView::sweepShown);
        QVERIFY(view.startSweep(testing::smallSweepSpace()));
        QVERIFY(view.isSweeping());
        QVERIFY(!view.startSweep(testing::smallSweepSpace())); // one at a time
        QVERIFY(shown.wait(60000));
        QVERIFY(!view.isSweeping());
        QCOMPARE(view.model().sweep()->entries.size(), m_sweep->entries.size());

        QSignalSpy cancelled(view.job(), &widgets::SweepJob::cancelled);
        QVERIFY(view.startSweep(testing::smallSweepSpace()));
        view.cancelSweep();
        QVERIFY(cancelled.wait(60000));
        QVERIFY(!view.isSweeping());
        QCOMPARE(view.model().sweep()->entries.size(), m_sweep->entries.size()); // the old one stays
    }

    // Without options of its own the view sweeps with the form's requests per point.
    void sweepTakesTheFormsRequestsPerPoint() {
        widgets::ExploreView view(hardware::Catalog::builtIn());
        QCOMPARE(view.form()->curveOptions().requests, 2000);
        view.form()->requestsBox()->setValue(500);
        sweep::SweepSpace one = testing::smallSweepSpace();
        one.batches = {1};
        QSignalSpy shown(&view, &widgets::ExploreView::sweepShown);
        QVERIFY(view.startSweep(one));
        QVERIFY(shown.wait(60000));
        const auto& entries = view.model().sweep()->entries;
        QCOMPARE(entries.size(), std::size_t{4});
        for (const auto& e : entries) {
            QCOMPARE(e.curve.points.size(), std::size_t{8});
            // probe 250 + 25 warm-up, then the closed loop and 8 points of 500 + 100 warm-up
            QCOMPARE(e.curve.simulatedRequests, std::int64_t{275 + 9 * 600});
        }
        QVERIFY2(view.summaryLabel()->text().contains(QStringLiteral("of 500 requests per point")),
                 qPrintable(view.summaryLabel()->text()));
        // A sweep shown (from a profile, or the screenshot's quick one) puts its requests per point
        // in the form, as it does its instances and targets: Sweep repeats it.
        view.form()->requestsBox()->setValue(3000);
        view.showSweep(view.savedSweep().value());
        QCOMPARE(view.form()->requestsBox()->value(), 500);
        // Fewer than the form accepts (the tests' small sweeps): the field keeps its value.
        view.showSweep(saved(0));
        QCOMPARE(view.form()->requestsBox()->value(), 500);
    }

    void formRemembersItsFields() {
        widgets::ExploreForm form(hardware::Catalog::builtIn());
        QCOMPARE(form.space().instances, widgets::ExploreForm::defaultInstances());
        form.batchesEdit()->setText(QStringLiteral("2, 8"));
        form.requestsBox()->setValue(5000);
        form.loadBox()->setValue(1234);
        form.maxP95Box()->setValue(12.5);
        const QVariantMap state = form.saveState();
        widgets::ExploreForm other(hardware::Catalog::builtIn());
        other.restoreState(state);
        QCOMPARE(other.space().batches, (std::vector<int>{2, 8}));
        QCOMPARE(other.criteria().loadPerSecond, 1234.0);
        QCOMPARE(other.criteria().maxP95Ms, 12.5);
        QCOMPARE(other.curveOptions().requests, 5000);
        other.batchesEdit()->setText(QStringLiteral("2, x"));
        QVERIFY(other.problem().contains(QStringLiteral("'x'")));
        QVERIFY(!other.sweepButton()->isEnabled());
    }
};

QTEST_MAIN(TestWidgetExplore)
#include "tst_widget_explore.moc"
