// The charts that explain runs: the latency breakdown bars and the prediction intervals' error bars.
#include "charts/comparison_chart.h"
#include "charts/cost_chart.h"
#include "charts/latency_breakdown_chart.h"

#include <QTest>

#include <cmath>

using namespace pipescope;
using widgets::LatencyBreakdownChart;

namespace {

// A run whose breakdown parts are `scale` times 1..8 ms (mean latency 36 * scale ms).
sim::RunPtr makeRun(double scale, double throughput, double p95, double cost, bool intervals) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = QStringLiteral("inf1.xlarge");
    run->inputs.config.groupSizes = {1, 1, 1, 1};
    auto& b = run->summary.breakdownMs;
    b = {1 * scale, 2 * scale, 3 * scale, 4 * scale, 5 * scale, 6 * scale, 7 * scale, 8 * scale};
    run->summary.latencyMs.mean = b.total();
    run->summary.latencyMs.p95 = p95;
    run->summary.throughputPerSecond = throughput;
    run->summary.costPerMillionUsd = cost;
    if (intervals) {
        run->summary.throughputInterval = {throughput * 0.8, throughput * 1.25};
        run->summary.latencyP95IntervalMs = {p95 * 0.9, p95 * 1.2};
        run->summary.costIntervalUsd = {cost * 0.8, cost * 1.25};
    }
    return run;
}

// The stacked length of the bar at `key`: the sum of every part's value there.
double stackedAt(const LatencyBreakdownChart& chart, double key) {
    double sum = 0;
    for (int p = 0; p < LatencyBreakdownChart::PartCount; ++p) {
        const QCPBars* bars = chart.bars(static_cast<LatencyBreakdownChart::Part>(p));
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            if (it->key == key)
                sum += it->value;
    }
    return sum;
}

} // namespace

class ChartsExplainTest : public QObject {
    Q_OBJECT
private slots:
    void breakdownOneBarPerRunSummingToTheMean();
    void breakdownToolTipNamesPartAndShare();
    void breakdownEmptyForOldRuns();
    void breakdownLabelsShortenWhenRowsAreTight();
    void costErrorBarsFollowIntervals();
    void comparisonErrorBarsAreRelative();
};

void ChartsExplainTest::breakdownOneBarPerRunSummingToTheMean() {
    LatencyBreakdownChart chart;
    const std::vector<sim::RunPtr> runs{makeRun(1, 100, 9, 1, true), makeRun(0.5, 200, 5, 1, false),
                                        makeRun(2, 50, 20, 1, true), makeRun(0.25, 400, 3, 1, true)};
    chart.setRuns(runs, 1);
    for (int p = 0; p < LatencyBreakdownChart::PartCount; ++p)
        QCOMPARE(chart.bars(static_cast<LatencyBreakdownChart::Part>(p))->dataCount(), 4);
    // The first run is at the top (highest key), as the runs table lists it first.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(stackedAt(chart, 4 - i), runs[static_cast<std::size_t>(i)]->summary.latencyMs.mean);
    // Every part is stacked on the one before it, so the bars are one stack per run.
    for (int p = 1; p < LatencyBreakdownChart::PartCount; ++p)
        QCOMPARE(chart.bars(static_cast<LatencyBreakdownChart::Part>(p))->barBelow(),
                 chart.bars(static_cast<LatencyBreakdownChart::Part>(p - 1)));
    QCOMPARE(chart.legend->itemCount(), int(LatencyBreakdownChart::PartCount));
    QVERIFY(chart.xAxis->range().upper >= 72); // the longest bar fits
    QVERIFY(chart.emptyMessage().isEmpty());
}

void ChartsExplainTest::breakdownToolTipNamesPartAndShare() {
    LatencyBreakdownChart chart;
    chart.resize(600, 400);
    chart.setRuns({makeRun(1, 100, 9, 1, true)}, 0);
    chart.replot();
    // Compute is the sixth part: 15..21 ms of 36 ms. Its middle, on the only bar (key 1):
    const QPointF inCompute(chart.xAxis->coordToPixel(18), chart.yAxis->coordToPixel(1));
    const QString tip = chart.toolTipAt(inCompute);
    QVERIFY2(tip.contains(LatencyBreakdownChart::partName(LatencyBreakdownChart::Compute)), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("6.00 ms")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("16.7%")), qPrintable(tip));
    // Between bars and past the bar's end there is nothing to explain.
    QVERIFY(
        chart.toolTipAt(QPointF(chart.xAxis->coordToPixel(18), chart.yAxis->coordToPixel(1.45))).isEmpty());
    QVERIFY(chart.toolTipAt(QPointF(chart.xAxis->coordToPixel(37), chart.yAxis->coordToPixel(1))).isEmpty());
}

void ChartsExplainTest::breakdownEmptyForOldRuns() {
    LatencyBreakdownChart chart;
    auto old = std::make_shared<sim::Run>(*makeRun(1, 100, 9, 1, false));
    old->summary.breakdownMs = {};
    chart.setRuns({old}, 0);
    QVERIFY(!chart.emptyMessage().isEmpty());
    chart.setRuns({}, -1);
    QCOMPARE(chart.bars(LatencyBreakdownChart::Compute)->dataCount(), 0);
    QVERIFY(!chart.emptyMessage().isEmpty());
}

// Five runs in a short chart: three-line labels ("#1 / xlarge / 1,1,1,1") would overlap, so they
// lose lines; a tall chart gets them back.
void ChartsExplainTest::breakdownLabelsShortenWhenRowsAreTight() {
    LatencyBreakdownChart chart;
    chart.resize(300, 260);
    chart.show(); // resize events reach a shown widget
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.replot();
    std::vector<sim::RunPtr> runs;
    for (int i = 0; i < 5; ++i)
        runs.push_back(makeRun(1, 100, 9, 1, true));
    chart.setRuns(runs, 0);
    chart.replot();
    QVERIFY2(chart.labelLines() < 3, qPrintable(QString::number(chart.labelLines())));
    auto* ticker = dynamic_cast<QCPAxisTickerText*>(chart.yAxis->ticker().data());
    QVERIFY(ticker);
    const int lines = chart.labelLines();
    for (const QString& label : ticker->ticks())
        QVERIFY2(label.count(QLatin1Char('\n')) == lines - 1, qPrintable(label));
    QVERIFY(ticker->ticks().last().contains(QStringLiteral("#1"))); // the top row is the first run
    chart.resize(300, 900);
    chart.replot();
    QCOMPARE(chart.labelLines(), 3);
    for (const QString& label : dynamic_cast<QCPAxisTickerText*>(chart.yAxis->ticker().data())->ticks())
        QCOMPARE(label.count(QLatin1Char('\n')), 2);
}

void ChartsExplainTest::costErrorBarsFollowIntervals() {
    widgets::CostChart chart;
    chart.setRuns({makeRun(1, 100, 9, 0.5, true), makeRun(1, 100, 9, 2.0, false)}, 0, -1);
    QCPErrorBars* errors = chart.errorBars();
    QCOMPARE(errors->dataCount(), 2);
    QCOMPARE(errors->data()->at(0).errorMinus, 0.5 - 0.4);
    QCOMPARE(errors->data()->at(0).errorPlus, 0.625 - 0.5);
    // A run without an interval has no whisker.
    QVERIFY(std::isnan(errors->data()->at(1).errorPlus));
    QVERIFY(chart.yAxis->range().upper >= 2.0);
}

void ChartsExplainTest::comparisonErrorBarsAreRelative() {
    using M = widgets::ComparisonChart;
    M chart;
    chart.setRuns({makeRun(1, 400, 4, 0.5, true), makeRun(1, 100, 8, 2.0, true)}, 0, 1);
    // Run 1 is 4x the reference's throughput, its interval 3.2x..5x of the reference's value.
    const QCPErrorBarsData t = chart.errorBars(M::Throughput)->data()->at(0);
    QCOMPARE(4.0 - t.errorMinus, 3.2);
    QCOMPARE(4.0 + t.errorPlus, 5.0);
    const QCPErrorBarsData p95 = chart.errorBars(M::P95)->data()->at(0);
    QCOMPARE(0.5 - p95.errorMinus, 0.45);
    QCOMPARE(0.5 + p95.errorPlus, 0.6);
    QCOMPARE(chart.errorBars(M::Cost)->dataCount(), 2);
    QVERIFY(chart.yAxis->range().upper >= 5.0);
    // The whisker is drawn on the bar's top in pixels (the bars are stored relative to a base of 1).
    chart.resize(500, 400);
    chart.replot();
    const QPointF top = chart.bars(M::Throughput)->dataPixelPosition(0);
    QCOMPARE(qRound(top.y()), qRound(chart.yAxis->coordToPixel(4.0)));
}

QTEST_MAIN(ChartsExplainTest)
#include "tst_charts_explain.moc"
