#include "screenshot.h"

#include "explore/explore_view.h"
#include "main_window.h"
#include "runs_table_view.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"

#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>

#include <algorithm>

namespace pipescope::app {

namespace {

constexpr double kScreenDpi = 96.0; // PDF pages are sized so one widget pixel is 1/96 inch

// Widgets draw their own background only when asked; render the window colour under them so
// a dock or chart area is not transparent in the file.
void renderInto(QWidget* widget, QPainter* painter) {
    painter->fillRect(QRect(QPoint(0, 0), widget->size()), widget->palette().window());
    widget->render(painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
}

std::optional<Error> savePng(QWidget* widget, const QString& path, int scale) {
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        renderInto(widget, &painter);
    }
    if (!image.save(path, "PNG"))
        return makeError(QStringLiteral("cannot write the PNG image"), path);
    return std::nullopt;
}

std::optional<Error> saveSvg(QWidget* widget, const QString& path) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
    svg.setResolution(static_cast<int>(kScreenDpi));
    svg.setTitle(QStringLiteral("Pipescope"));
    QPainter painter;
    if (!painter.begin(&svg))
        return makeError(QStringLiteral("cannot write the SVG file"), path);
    renderInto(widget, &painter);
    painter.end();
    return std::nullopt;
}

std::optional<Error> savePdf(QWidget* widget, const QString& path) {
    QPdfWriter pdf(path);
    pdf.setResolution(static_cast<int>(kScreenDpi));
    pdf.setPageSize(QPageSize(QSizeF(widget->size()) * (72.0 / kScreenDpi), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setCreator(QStringLiteral("Pipescope"));
    QPainter painter;
    if (!painter.begin(&pdf))
        return makeError(QStringLiteral("cannot write the PDF file"), path);
    renderInto(widget, &painter);
    painter.end();
    return std::nullopt;
}

} // namespace

QStringList screenshotViewNames() {
    return {QStringLiteral("window"), QStringLiteral("timeline"), QStringLiteral("occupancy"),
            QStringLiteral("charts"), QStringLiteral("table"),    QStringLiteral("explore")};
}

std::optional<ScreenshotView> parseScreenshotView(const QString& name) {
    const int index = screenshotViewNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return static_cast<ScreenshotView>(index);
}

QString screenshotViewTitle(ScreenshotView view) {
    switch (view) {
    case ScreenshotView::Window:
        return QObject::tr("Whole Window");
    case ScreenshotView::Timeline:
        return QObject::tr("Timeline");
    case ScreenshotView::Occupancy:
        return QObject::tr("Occupancy");
    case ScreenshotView::Charts:
        return QObject::tr("Charts");
    case ScreenshotView::Table:
        return QObject::tr("Runs Table");
    case ScreenshotView::Explore:
        return QObject::tr("Explore");
    }
    return {};
}

QWidget* screenshotWidget(const MainWindow& window, ScreenshotView view) {
    switch (view) {
    case ScreenshotView::Window:
        return const_cast<MainWindow*>(&window);
    case ScreenshotView::Timeline:
        return window.timelineView();
    case ScreenshotView::Occupancy:
        return window.occupancyView();
    case ScreenshotView::Charts:
        return window.chartsArea();
    case ScreenshotView::Table:
        return window.runsTable();
    case ScreenshotView::Explore:
        return window.exploreView();
    }
    return nullptr;
}

std::optional<Error> saveScreenshot(QWidget* widget, const QString& path, int scale) {
    if (!widget || widget->size().isEmpty())
        return makeError(QStringLiteral("the view has no size to capture"), path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return savePng(widget, path, std::clamp(scale, 1, 4));
    if (suffix == QLatin1String("svg"))
        return saveSvg(widget, path);
    if (suffix == QLatin1String("pdf"))
        return savePdf(widget, path);
    if (suffix.isEmpty())
        return makeError(QStringLiteral("the file name has no extension: end it in .png, .svg or .pdf"),
                         path);
    return makeError(QStringLiteral("unknown image format '.%1': use .png, .svg or .pdf").arg(suffix), path);
}

} // namespace pipescope::app
