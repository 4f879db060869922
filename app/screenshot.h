#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace pipescope::app {

class MainWindow;

// What a screenshot shows: the whole window or one of its views.
enum class ScreenshotView { Window, Timeline, Occupancy, Charts, Table, Explore };

QStringList screenshotViewNames(); // "window", "timeline", ... as the command line spells them
std::optional<ScreenshotView> parseScreenshotView(const QString& name);
QString screenshotViewTitle(ScreenshotView view); // for menus: "Timeline", "Runs Table", ...
QWidget* screenshotWidget(const MainWindow& window, ScreenshotView view);

// Saves what `widget` shows, the format chosen by the file's suffix: .png as pixels at `scale`
// times the widget's size (1 or 2, sharp on high-density screens), .svg and .pdf as vectors.
// The error names the path.
std::optional<Error> saveScreenshot(QWidget* widget, const QString& path, int scale = 1);

} // namespace pipescope::app
