// Occupancy view: value lookup per row and per pixel column, in-flight scale, fit, zoom and the
// range signal, checked through sampleAt / busyBetween rather than pixels.
#include "sim/run.h"
#include "timeline/occupancy_view.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace pipescope;
using namespace pipescope::widgets;

namespace {

constexpr int kBins = 10;
constexpr qint64 kBinNs = 1000;

// Three rows (cores 0, 1 and the GPU) over 10 bins of 1 us: core 0 ramps 0.0 .. 0.9, core 1 is
// busy only in bins 5..9, the GPU is half busy throughout; in flight is the bin index.
sim::RunPtr makeRun() {
    auto run = std::make_shared<sim::Run>();
    metrics::Occupancy& occ = run->occupancy;
    occ.binNs = kBinNs;
    occ.bins = kBins;
    occ.laneCores = {0, 1, -1};
    for (int b = 0; b < kBins; ++b)
        occ.busy.push_back(float(b) / 10.0f);
    for (int b = 0; b < kBins; ++b)
        occ.busy.push_back(b >= 5 ? 1.0f : 0.0f);
    for (int b = 0; b < kBins; ++b)
        occ.busy.push_back(0.5f);
    for (int b = 0; b < kBins; ++b)
        occ.inFlight.push_back(float(b));
    run->trace.endNs = kBins * kBinNs;
    sim::Lane lane;
    lane.core = 1;
    lane.label = QStringLiteral("nc1");
    lane.append(0, 100, 0, sim::EventKind::Compute, 0);
    run->trace.lanes.push_back(std::move(lane));
    return run;
}

QPoint pointAt(const OccupancyView& view, const QRect& row, qint64 t) {
    return {view.labelWidth() + int(view.mapping().toX(t)), row.center().y()};
}

} // namespace

class OccupancyTest : public QObject {
    Q_OBJECT
private slots:
    void busyBetween_data();
    void busyBetween();
    void sampleAtRows_data();
    void sampleAtRows();
    void sampleAtInFlight();
    void sampleAveragesBinsUnderAColumn();
    void outsideIsEmpty();
    void inFlightScaleIsWholeRequests();
    void scaleLabelsNeverOverlap_data();
    void scaleLabelsNeverOverlap();
    void fitAndWheel();
    void shortDataDoesNotCrash();
    void paints();
};

void OccupancyTest::busyBetween_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<qint64>("t0");
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<double>("value");
    QTest::newRow("one bin") << 0 << qint64(3000) << qint64(4000) << 0.3;
    QTest::newRow("inside one bin") << 0 << qint64(3100) << qint64(3200) << 0.3;
    QTest::newRow("two bins") << 0 << qint64(3000) << qint64(5000) << 0.35;
    QTest::newRow("whole run, ramp") << 0 << qint64(0) << qint64(10'000) << 0.45;
    QTest::newRow("whole run, second half busy") << 1 << qint64(0) << qint64(10'000) << 0.5;
    QTest::newRow("gpu") << 2 << qint64(2500) << qint64(7500) << 0.5;
    QTest::newRow("no such row") << 7 << qint64(0) << qint64(10'000) << 0.0;
    QTest::newRow("past the end") << 0 << qint64(20'000) << qint64(30'000) << 0.0;
}

void OccupancyTest::busyBetween() {
    QFETCH(int, row);
    QFETCH(qint64, t0);
    QFETCH(qint64, t1);
    QFETCH(double, value);
    OccupancyView view;
    view.setRun(makeRun());
    QVERIFY2(std::abs(view.busyBetween(row, t0, t1) - value) < 1e-6,
             qPrintable(QString::number(view.busyBetween(row, t0, t1))));
}

void OccupancyTest::sampleAtRows_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<QString>("label");
    QTest::addColumn<int>("bin");
    QTest::addColumn<double>("value");
    QTest::newRow("core 0, bin 2") << 0 << qint64(2500) << QStringLiteral("NC 0") << 2 << 0.2;
    QTest::newRow("core 0, bin 8") << 0 << qint64(8500) << QStringLiteral("NC 0") << 8 << 0.8;
    QTest::newRow("core 1 idle") << 1 << qint64(4500) << QStringLiteral("NC 1") << 4 << 0.0;
    QTest::newRow("core 1 busy") << 1 << qint64(5500) << QStringLiteral("NC 1") << 5 << 1.0;
    QTest::newRow("gpu") << 2 << qint64(500) << QStringLiteral("GPU") << 0 << 0.5;
}

void OccupancyTest::sampleAtRows() {
    QFETCH(int, row);
    QFETCH(qint64, t);
    QFETCH(QString, label);
    QFETCH(int, bin);
    QFETCH(double, value);
    OccupancyView view;
    view.resize(1140, 300); // 1000 px of time area: one bin is 100 px
    view.setRun(makeRun());
    const auto s = view.sampleAt(pointAt(view, view.rowRect(row), t));
    QVERIFY(s.has_value());
    QCOMPARE(s->row, row);
    QCOMPARE(view.rows()[std::size_t(row)].label, label);
    QCOMPARE(s->firstBin, bin);
    QCOMPARE(s->lastBin, bin + 1);
    QVERIFY(std::abs(s->value - value) < 1e-6);
}

void OccupancyTest::sampleAtInFlight() {
    OccupancyView view;
    view.resize(1140, 300);
    view.setRun(makeRun());
    const QRect chart = view.inFlightRect();
    QVERIFY(chart.height() > 10);
    const auto s = view.sampleAt(pointAt(view, chart, 7500));
    QVERIFY(s.has_value());
    QCOMPARE(s->row, -1);
    QCOMPARE(s->firstBin, 7);
    QVERIFY(std::abs(s->value - 7.0) < 1e-6);
}

void OccupancyTest::sampleAveragesBinsUnderAColumn() {
    OccupancyView view;
    view.resize(140 + 5, 300); // 5 px for 10 bins: each column covers two bins
    view.setRun(makeRun());
    const auto s = view.sampleAt({view.labelWidth() + 1, view.rowRect(0).center().y()});
    QVERIFY(s.has_value());
    QCOMPARE(s->firstBin, 2);
    QCOMPARE(s->lastBin, 4);
    QVERIFY(std::abs(s->value - 0.25) < 1e-6);
}

void OccupancyTest::outsideIsEmpty() {
    OccupancyView view;
    view.resize(1140, 300);
    QVERIFY(!view.sampleAt({600, 100})); // no run
    view.setRun(makeRun());
    QVERIFY(!view.sampleAt({10, view.rowRect(0).center().y()})); // label column
    QVERIFY(!view.sampleAt({600, view.height() - 2}));           // axis strip
    QVERIFY(view.rowRect(3).isNull());
}

void OccupancyTest::inFlightScaleIsWholeRequests() {
    OccupancyView view;
    view.setRun(makeRun());
    QCOMPARE(view.inFlightScale(), 9.0);
    auto run = std::make_shared<sim::Run>(*makeRun());
    run->occupancy.inFlight.assign(kBins, 2.3f);
    view.setRun(run);
    QCOMPARE(view.inFlightScale(), 3.0);
}

void OccupancyTest::scaleLabelsNeverOverlap_data() {
    QTest::addColumn<int>("height");
    QTest::newRow("its least height") << 80; // the default window gives it about this
    QTest::newRow("short") << 110;
    QTest::newRow("tall") << 300;
}

// Seen at the default window size: the chart was 5 px tall and its "9" and "0" were drawn over each
// other; a chart shorter than two lines says "0–9" once.
void OccupancyTest::scaleLabelsNeverOverlap() {
    QFETCH(int, height);
    OccupancyView view;
    view.resize(1140, height);
    view.setRun(makeRun());
    const auto scale = view.inFlightScaleLabels();
    const int lineHeight = view.fontMetrics().height();
    const bool twoLines = view.inFlightRect().height() >= 2 * lineHeight;
    if (height == 80)
        QVERIFY(!twoLines);
    if (twoLines) {
        QCOMPARE(int(scale.size()), 2);
        QCOMPARE(scale[0].text, QStringLiteral("9"));
        QCOMPARE(scale[1].text, QStringLiteral("0"));
        QVERIFY(!scale[0].rect.intersects(scale[1].rect));
    } else {
        QCOMPARE(int(scale.size()), 1);
        QCOMPARE(scale[0].text, QStringLiteral("0\u20139"));
        // Level with the chart, inside the label column and the view.
        QVERIFY(std::abs(scale[0].rect.center().y() - view.inFlightRect().center().y()) <= 1);
        QVERIFY(scale[0].rect.right() < view.labelWidth());
        QVERIFY(scale[0].rect.bottom() < height);
    }
}

void OccupancyTest::fitAndWheel() {
    OccupancyView view;
    view.resize(1140, 300);
    view.setRun(makeRun());
    QCOMPARE(view.visibleBegin(), qint64(0));
    QCOMPARE(view.visibleEnd(), kBins * kBinNs);
    QSignalSpy spy(&view, &OccupancyView::visibleRangeChanged);
    const QPoint at(view.labelWidth() + 250, 50); // 2500 ns
    QWheelEvent e{QPointF(at),  QPointF(at),    QPoint(),          QPoint(0, 480),
                  Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false};
    QApplication::sendEvent(&view, &e);
    QCOMPARE(spy.count(), 1);
    QVERIFY(view.visibleEnd() - view.visibleBegin() < kBins * kBinNs);
    // Zoom is around the cursor: 2500 ns stays under it.
    QVERIFY(std::abs(view.mapping().toTime(250) - 2500) <= 2);
    QTest::keyClick(&view, Qt::Key_F);
    QCOMPARE(view.visibleEnd(), kBins * kBinNs);
    QCOMPARE(spy.count(), 2);
}

void OccupancyTest::shortDataDoesNotCrash() {
    auto run = std::make_shared<sim::Run>(*makeRun());
    run->occupancy.busy.resize(15); // one and a half rows: only the full row is shown
    run->occupancy.inFlight.clear();
    OccupancyView view;
    view.resize(600, 200);
    view.setRun(run);
    QVERIFY(!view.rowRect(0).isNull());
    QVERIFY(view.rowRect(1).isNull());
    QCOMPARE(view.inFlightBetween(0, 10'000), 0.0);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    view.paintTo(p, view.size());
}

void OccupancyTest::paints() {
    OccupancyView view;
    view.resize(900, 200);
    QImage empty(view.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&empty);
        view.paintTo(p, view.size());
    }
    view.setRun(makeRun());
    QImage full(view.size(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&full);
        view.paintTo(p, view.size());
    }
    QVERIFY(full != empty);
    full.save(QDir::temp().filePath(QStringLiteral("pipescope-tst-occupancy.png")));
}

QTEST_MAIN(OccupancyTest)
#include "tst_occupancy.moc"
