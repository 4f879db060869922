// The lane legend above the timeline: one entry per way a block reads (compute, weight
// streaming, transfer, host), each with a swatch drawn in that style, none overlapping.
#include "lane_legend.h"
#include "main_window.h"
#include "timeline/timeline_view.h"

#include <QImage>
#include <QStandardPaths>
#include <QTest>

using namespace pipescope;
using Entry = widgets::LaneLegend::Entry;

namespace {

QImage render(widgets::LaneLegend& legend) {
    legend.resize(legend.sizeHint());
    QImage image(legend.size(), QImage::Format_ARGB32);
    legend.render(&image);
    return image;
}

// Distinct colours inside a rect.
int colourCount(const QImage& image, const QRect& rect) {
    QSet<QRgb> colours;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

} // namespace

class TestLaneLegend : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void namesEveryStyle();
    void swatchesDrawEachStyle();
    void sitsAboveTheTimeline();
};

void TestLaneLegend::namesEveryStyle() {
    QCOMPARE(widgets::LaneLegend::kEntryCount, 4);
    QVERIFY(widgets::LaneLegend::entryName(Entry::Compute).contains(QLatin1String("compute")));
    QVERIFY(
        widgets::LaneLegend::entryName(Entry::WeightStreaming).contains(QLatin1String("weight streaming")));
    QVERIFY(widgets::LaneLegend::entryName(Entry::Transfer).contains(QLatin1String("transfer")));
    QVERIFY(widgets::LaneLegend::entryName(Entry::Host).contains(QLatin1String("host")));
}

void TestLaneLegend::swatchesDrawEachStyle() {
    widgets::LaneLegend legend;
    const QImage image = render(legend);
    const QRgb background = image.pixel(1, 1);
    QRect previous;
    for (int e = 0; e < widgets::LaneLegend::kEntryCount; ++e) {
        const QRect swatch = legend.swatchRect(Entry(e));
        QVERIFY2(image.rect().contains(swatch), qPrintable(widgets::LaneLegend::entryName(Entry(e))));
        QVERIFY(previous.isNull() || swatch.left() > previous.right()); // left to right, apart
        previous = swatch;
    }
    // Compute: one solid colour over the whole swatch.
    const QRect compute = legend.swatchRect(Entry::Compute);
    QCOMPARE(colourCount(image, compute), 1);
    QVERIFY(image.pixel(compute.center()) != background);
    // Weight streaming: paler than compute and hatched (more than one colour).
    QVERIFY(colourCount(image, legend.swatchRect(Entry::WeightStreaming)) > 1);
    // Transfer: the lower half only, as on the timeline.
    const QRect transfer = legend.swatchRect(Entry::Transfer);
    QCOMPARE(image.pixel(transfer.center().x(), transfer.top()), background);
    QVERIFY(image.pixel(transfer.center().x(), transfer.bottom()) != background);
    // Host: its own colour.
    const QRgb host = image.pixel(legend.swatchRect(Entry::Host).center());
    QVERIFY(host != background && host != image.pixel(compute.center()));
}

void TestLaneLegend::sitsAboveTheTimeline() {
    app::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    widgets::LaneLegend* legend = window.laneLegend();
    QVERIFY(legend);
    QVERIFY(legend->isVisible());
    QVERIFY(legend->height() >= legend->sizeHint().height());
    const QPoint legendBottom = legend->mapTo(&window, QPoint(0, legend->height()));
    QVERIFY(legendBottom.y() <= window.timelineView()->mapTo(&window, QPoint(0, 0)).y());
}

QTEST_MAIN(TestLaneLegend)
#include "tst_widget_lane_legend.moc"
