// The charts draw exactly what the runs hold: counts, percentiles, series and ratios.
#include "charts/comparison_chart.h"
#include "charts/cost_chart.h"
#include "charts/latency_histogram_chart.h"
#include "charts/throughput_chart.h"
#include "charts/time_axis_ticker.h"

#include <QTest>

#include <algorithm>

using namespace pipescope;

namespace {

// A run with `measured` requests whose latencies are 1..measured ms, plus warm-up ones of 500 ms
// that must not appear anywhere.
sim::RunPtr makeRun(int measured, int warmup, double throughput, double cost, double p95) {
    auto run = std::make_shared<sim::Run>();
    run->inputs.instance.name = QStringLiteral("inf1.xlarge");
    run->inputs.config.groupSizes = {1, 1, 1, 1};
    std::int64_t t = 0;
    for (int i = 0; i < warmup; ++i)
        run->requests.push_back({t, t + 500'000'000, 0, 0, true});
    for (int i = 1; i <= measured; ++i)
        run->requests.push_back({t, t + static_cast<std::int64_t>(i) * 1'000'000, 0, 0, false});
    run->summary.latencyMs.p50 = measured * 0.5;
    run->summary.latencyMs.p95 = p95;
    run->summary.latencyMs.p99 = measured * 0.99;
    run->summary.throughputPerSecond = throughput;
    run->summary.costPerMillionUsd = cost;
    run->occupancy.bins = 50;
    run->occupancy.binNs = 2'000'000;
    for (int b = 0; b < 50; ++b)
        run->occupancy.throughputPerSec.push_back(static_cast<float>(throughput * (b % 2 ? 0.9 : 1.1)));
    return run;
}

double sumOfBars(QCPBars* bars) {
    double sum = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        sum += it->value;
    return sum;
}

QList<double> barValues(QCPBars* bars) {
    QList<double> values;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        values << it->value;
    return values;
}

QList<double> ratios(QCPBars* bars) {
    QList<double> values;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        values << widgets::ComparisonChart::ratioOf(*it);
    return values;
}

// A run of 1,000 bins of 1 ms with `rate` in every `period`-th bin and nothing between.
std::shared_ptr<sim::Run> burstsEvery(int period, float rate) {
    auto run = std::make_shared<sim::Run>(*makeRun(10, 0, 250, 1, 9));
    run->occupancy.bins = 1000;
    run->occupancy.binNs = 1'000'000;
    run->occupancy.throughputPerSec.clear();
    for (int b = 0; b < 1000; ++b)
        run->occupancy.throughputPerSec.push_back(b % period == 0 ? rate : 0.0f);
    return run;
}

} // namespace

class ChartsTest : public QObject {
    Q_OBJECT
private slots:
    void histogramCountsMeasuredRequestsOnly();
    void histogramEmptyWithoutRun();
    void throughputFollowsOccupancyBins();
    void throughputMergesShortBins();
    void throughputPointsSpanALatency();
    void costBarsPerRun();
    void comparisonIsRelativeToBaseline();
    void timeTickerUnits_data();
    void timeTickerUnits();
    void paletteChangeRecolours();
    void categoryLabelsNeverOverlap_data();
    void categoryLabelsNeverOverlap();
    void everyBarAndPointHasATooltip();
    void histogramDrawsTheModelsBins();
};

void ChartsTest::histogramCountsMeasuredRequestsOnly() {
    widgets::LatencyHistogramChart chart;
    chart.setRun(makeRun(400, 50, 100, 1, 380));
    QCOMPARE(sumOfBars(chart.bars()), 400.0);
    QCOMPARE(chart.markerPositions(), (QList<double>{200.0, 380.0, 396.0}));
    // The CDF reaches 1 at the slowest measured request (400 ms), not at the 500 ms warm-up ones.
    QCOMPARE(chart.cdf()->data()->at(chart.cdf()->dataCount() - 1)->value, 1.0);
    QCOMPARE(chart.cdf()->data()->at(chart.cdf()->dataCount() - 1)->key, 400.0);
    QVERIFY(chart.xAxis->range().upper < 500);
    QVERIFY(chart.emptyMessage().isEmpty());
}

// The bars and the CDF are the timeline model's latency bins, computed with the run on a worker
// thread, not binned again on the GUI thread.
void ChartsTest::histogramDrawsTheModelsBins() {
    const widgets::TimelineModelPtr model = widgets::TimelineModel::build(makeRun(400, 50, 100, 1, 380));
    const widgets::LatencyBins& bins = model->latencyBins();
    QVERIFY(bins.keys.size() >= 10);
    widgets::LatencyHistogramChart chart;
    chart.setModel(model);
    QCOMPARE(chart.model(), model);
    QCOMPARE(chart.bars()->dataCount(), static_cast<int>(bins.keys.size()));
    for (std::size_t i = 0; i < bins.keys.size(); ++i) {
        QCOMPARE(chart.bars()->data()->at(static_cast<int>(i))->key, bins.keys[i]);
        QCOMPARE(chart.bars()->data()->at(static_cast<int>(i))->value, bins.counts[i]);
    }
    QCOMPARE(chart.cdf()->dataCount(), static_cast<int>(bins.cdfKeys.size()));
    QCOMPARE(chart.cdf()->data()->at(0)->key, bins.cdfKeys.front());
    QCOMPARE(chart.bars()->width(), bins.width * 0.9);
}

void ChartsTest::histogramEmptyWithoutRun() {
    widgets::LatencyHistogramChart chart;
    QVERIFY(!chart.emptyMessage().isEmpty());
    chart.setRun(makeRun(10, 0, 1, 1, 9));
    QVERIFY(chart.emptyMessage().isEmpty());
    chart.setRun(nullptr);
    QCOMPARE(chart.bars()->dataCount(), 0);
    QVERIFY(chart.markerPositions().isEmpty());
    QVERIFY(!chart.emptyMessage().isEmpty());
}

void ChartsTest::throughputFollowsOccupancyBins() {
    widgets::ThroughputChart chart;
    auto run = std::make_shared<sim::Run>(*makeRun(10, 0, 250, 1, 9));
    run->summary.latencyMs.p50 = 1.5; // shorter than a bin (2 ms): the bins stay as they are
    chart.setRun(run);
    QCOMPARE(chart.series()->dataCount(), 50);
    QCOMPARE(chart.series()->data()->at(0)->value, double(run->occupancy.throughputPerSec[0]));
    QCOMPARE(chart.series()->data()->at(3)->key, 3.5 * 2'000'000);
    QCOMPARE(chart.xAxis->range().upper, 100'000'000.0);
}

void ChartsTest::throughputMergesShortBins() {
    const auto run = burstsEvery(10, 1000.0f); // one burst in ten bins
    widgets::ThroughputChart chart;
    chart.setRun(run);
    QCOMPARE(chart.series()->dataCount(), 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(chart.series()->data()->at(i)->value, 100.0);
    QCOMPARE(chart.series()->data()->at(0)->key, 5'000'000.0);
}

// Seen with 64 clients on inf1.24xlarge: completions came in waves a latency (16 ms) apart for
// the first 150 ms, and 5.6 ms points drew three times the run's rate. Points span a latency.
void ChartsTest::throughputPointsSpanALatency() {
    const auto run = burstsEvery(16, 1600.0f); // a wave every 16 ms
    run->summary.latencyMs.p50 = 16;
    widgets::ThroughputChart chart;
    chart.setRun(run);
    QCOMPARE(chart.series()->dataCount(), 63); // 1000 bins in points of 16
    for (int i = 0; i < 62; ++i)
        QCOMPARE(chart.series()->data()->at(i)->value, 100.0);
    // A latency longer than an eighth of the run: still eight points.
    run->summary.latencyMs.p50 = 400;
    chart.setRun(std::make_shared<sim::Run>(*run));
    QCOMPARE(chart.series()->dataCount(), 8);
}

void ChartsTest::costBarsPerRun() {
    widgets::CostChart chart;
    chart.setRuns({makeRun(10, 0, 100, 0.5, 9), makeRun(10, 0, 100, 2.25, 9), makeRun(10, 0, 100, 1.0, 9)}, 1,
                  -1);
    QCOMPARE(barValues(chart.bars()), (QList<double>{0.5, 2.25, 1.0}));
    QVERIFY(chart.yAxis->range().upper >= 2.25);
    chart.setRuns({}, -1, -1);
    QCOMPARE(chart.bars()->dataCount(), 0);
    QVERIFY(!chart.emptyMessage().isEmpty());
}

void ChartsTest::comparisonIsRelativeToBaseline() {
    widgets::ComparisonChart chart;
    const auto a = makeRun(10, 0, 400, 0.5, 4);
    const auto gpu = makeRun(10, 0, 100, 2.0, 8);
    chart.setRuns({a, gpu}, 0, 1);
    QCOMPARE(chart.referenceIndex(), 1);
    using M = widgets::ComparisonChart;
    QCOMPARE(ratios(chart.bars(M::Throughput)), (QList<double>{4.0, 1.0}));
    QCOMPARE(ratios(chart.bars(M::P95)), (QList<double>{0.5, 1.0}));
    QCOMPARE(ratios(chart.bars(M::Cost)), (QList<double>{0.25, 1.0}));
    // A cheaper run's cost bar goes down from 1x: drawn from the base 1 to 0.25.
    QCOMPARE(chart.bars(M::Cost)->baseValue(), 1.0);
    QCOMPARE(chart.bars(M::Cost)->data()->at(0)->value, -0.75);
    // Without a baseline the first run is the reference.
    chart.setRuns({a, gpu}, 0, -1);
    QCOMPARE(chart.referenceIndex(), 0);
    QCOMPARE(ratios(chart.bars(M::Throughput)), (QList<double>{1.0, 0.25}));
}

void ChartsTest::timeTickerUnits_data() {
    QTest::addColumn<double>("rangeNs");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("ns") << 900.0 << QStringLiteral("ns");
    QTest::newRow("µs") << 5e3 << QStringLiteral("µs");
    QTest::newRow("ms") << 3e6 << QStringLiteral("ms");
    QTest::newRow("s") << 12e9 << QStringLiteral("s");
}

void ChartsTest::timeTickerUnits() {
    QFETCH(double, rangeNs);
    QFETCH(QString, suffix);
    QString actual;
    const double unit = widgets::TimeAxisTicker::unitFor(rangeNs, &actual);
    QCOMPARE(actual, suffix);
    QVERIFY(rangeNs / unit >= 0.9 && rangeNs / unit < 2000);
    QCOMPARE(widgets::TimeAxisTicker::format(2.5e6, 1e6, QStringLiteral("ms"), 1), QStringLiteral("2.5 ms"));
}

void ChartsTest::paletteChangeRecolours() {
    widgets::CostChart chart;
    chart.setRuns({makeRun(10, 0, 100, 1, 9)}, 0, -1);
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    chart.setPalette(dark);
    QCOMPARE(chart.xAxis->tickLabelColor(), QColor(230, 230, 230));
    QVERIFY(chart.isDark());
    chart.resize(300, 200);
    chart.replot();
    QImage image = chart.grab().toImage();
    QCOMPARE(image.pixelColor(2, image.height() - 2), QColor(20, 20, 20));
}

namespace {

std::vector<sim::RunPtr> manyRuns(int n) {
    std::vector<sim::RunPtr> runs;
    for (int i = 0; i < n; ++i) {
        auto run = std::const_pointer_cast<sim::Run>(makeRun(50, 0, 100 + 10 * i, 0.1 + 0.01 * i, 5));
        // Long deployments, as a 16-core data-parallel run has ("1,1,1,...").
        run->inputs.instance.name = i % 2 ? QStringLiteral("inf1.6xlarge") : QStringLiteral("inf1.xlarge");
        run->inputs.config.groupSizes = std::vector<int>(i % 2 ? 16 : 4, 1);
        runs.push_back(run);
    }
    return runs;
}

// The pixel extent along the axis of each tick label the chart shows: neighbours must not touch.
QString overlap(const widgets::ChartBase& chart) {
    const QCPAxis* axis = chart.xAxis;
    const auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    if (!ticker)
        return QStringLiteral("no category ticker");
    const QFontMetrics metrics(axis->tickLabelFont());
    const bool rotated = std::abs(axis->tickLabelRotation()) > 45;
    double previousRight = -1e9;
    for (auto it = ticker->ticks().constBegin(); it != ticker->ticks().constEnd(); ++it) {
        int extent = 0;
        for (const QString& line : it.value().split(QLatin1Char('\n')))
            extent = std::max(extent, metrics.horizontalAdvance(line));
        if (rotated)
            extent = metrics.height() * static_cast<int>(it.value().count(QLatin1Char('\n')) + 1);
        const double centre = axis->coordToPixel(it.key());
        if (centre - extent / 2.0 < previousRight)
            return QStringLiteral("label '%1' at %2 px overlaps its neighbour").arg(it.value()).arg(centre);
        previousRight = centre + extent / 2.0;
    }
    return {};
}

} // namespace

void ChartsTest::categoryLabelsNeverOverlap_data() {
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("width");
    for (int runs : {1, 3, 6, 12, 20})
        for (int width : {240, 360, 700})
            QTest::newRow(qPrintable(QStringLiteral("%1 runs, %2 px").arg(runs).arg(width))) << runs << width;
}

void ChartsTest::categoryLabelsNeverOverlap() {
    QFETCH(int, runs);
    QFETCH(int, width);
    const auto all = manyRuns(runs);
    widgets::CostChart cost;
    widgets::ComparisonChart comparison;
    for (widgets::ChartBase* chart :
         {static_cast<widgets::ChartBase*>(&cost), static_cast<widgets::ChartBase*>(&comparison)}) {
        chart->resize(width, 260);
        chart->show();
    }
    cost.setRuns(all, 0, 0);
    comparison.setRuns(all, 0, 0);
    for (widgets::ChartBase* chart :
         {static_cast<widgets::ChartBase*>(&cost), static_cast<widgets::ChartBase*>(&comparison)}) {
        chart->replot();
        const QString problem = overlap(*chart);
        QVERIFY2(problem.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + problem));
        const auto ticker = chart->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker->ticks().size() >= std::min(runs, 5)); // labelled, not just emptied
    }
}

void ChartsTest::everyBarAndPointHasATooltip() {
    const auto runs = manyRuns(6);
    widgets::CostChart cost;
    widgets::ComparisonChart comparison;
    widgets::LatencyHistogramChart latency;
    widgets::ThroughputChart throughput;
    for (widgets::ChartBase* chart :
         std::initializer_list<widgets::ChartBase*>{&cost, &comparison, &latency, &throughput}) {
        chart->resize(400, 280);
        chart->show();
    }
    cost.setRuns(runs, 1, 0);
    comparison.setRuns(runs, 1, 0);
    latency.setRun(runs[2]);
    throughput.setRun(runs[2]);
    const auto check = [](widgets::ChartBase& chart, QCPAbstractPlottable* plottable,
                          const QString& mustHave) {
        chart.replot();
        auto* oneD = plottable->interface1D();
        QVERIFY(oneD && oneD->dataCount() > 0);
        for (int i = 0; i < oneD->dataCount(); ++i) {
            // Halfway up the bar (or at the point): where the pointer would be.
            const double x = plottable->keyAxis()->coordToPixel(oneD->dataMainKey(i));
            // Bars grow from their base value (1 on the comparison chart's log axis).
            const auto* bars = qobject_cast<QCPBars*>(plottable);
            const double base = bars ? bars->baseValue() : plottable->valueAxis()->range().lower;
            const double top =
                plottable->valueAxis()->coordToPixel((bars ? base : 0) + oneD->dataMainValue(i));
            const double bottom = plottable->valueAxis()->coordToPixel(base);
            const QPoint at(static_cast<int>(x), static_cast<int>((top + bottom) / 2));
            const QString tip = chart.toolTipAt(at);
            QVERIFY2(!tip.isEmpty(),
                     qPrintable(QStringLiteral("%1: nothing at item %2").arg(chart.title()).arg(i)));
            const QString expected = QString(mustHave).replace(QStringLiteral("%n"), QString::number(i + 1));
            QVERIFY2(tip.contains(expected), qPrintable(tip));
        }
    };
    check(cost, cost.bars(), QStringLiteral("#%n "));
    check(comparison, comparison.bars(widgets::ComparisonChart::P95), QStringLiteral("#%n "));
    check(latency, latency.bars(), QStringLiteral("request"));
    check(latency, latency.cdf(), QStringLiteral("% of requests"));
    check(throughput, throughput.series(), QStringLiteral("inferences/s"));
    QVERIFY(cost.toolTipAt(QPoint(1, 1)).isEmpty()); // outside the plot
}

QTEST_MAIN(ChartsTest)
#include "tst_charts.moc"
