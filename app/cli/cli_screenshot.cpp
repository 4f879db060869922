// `pipescope screenshot`: builds the main window offscreen, on a saved profile or on the default
// scenario, and saves the whole window or one view as PNG, SVG or PDF. The README's screenshot
// is made with it.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "default_scenario.h"
#include "explore/explore_view.h"
#include "main_window.h"
#include "profile_actions.h"
#include "screenshot.h"
#include "session.h"

#include <QApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <optional>

namespace pipescope::cli {
namespace {

std::vector<FlagSpec> screenshotFlags() {
    return {
        {QStringLiteral("profile"), QStringLiteral("FILE"),
         QStringLiteral("profile to show (default: simulate the default scenario)")},
        {QStringLiteral("view"), QStringLiteral("VIEW"),
         QStringLiteral("window, timeline, occupancy, charts, table or explore (default window)")},
        {QStringLiteral("out"), QStringLiteral("FILE"), QStringLiteral("output .png, .svg or .pdf")},
        {QStringLiteral("width"), QStringLiteral("W"),
         QStringLiteral("window width in pixels (default 1600)")},
        {QStringLiteral("height"), QStringLiteral("H"),
         QStringLiteral("window height in pixels (default 1000)")},
        {QStringLiteral("scale"), QStringLiteral("1|2"),
         QStringLiteral("PNG pixels per window pixel (default 1)")},
        {QStringLiteral("help"), {}, QStringLiteral("this text")},
    };
}

int fail(const QString& message) {
    QTextStream(stderr) << "pipescope screenshot: " << message << '\n';
    return 1;
}

// Runs the event loop until `done` holds or `seconds` pass; false on the timeout.
bool waitFor(const std::function<bool()>& done, int seconds) {
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(50);
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

// The Explore view of a profile without a sweep (or of no profile) shows a quick sweep of the
// default scenario's model.
std::optional<QString> ensureSweep(app::MainWindow& window) {
    widgets::ExploreView* explore = window.exploreView();
    if (explore->savedSweep())
        return std::nullopt;
    explore->setCurveOptions(app::quickCurveOptions());
    if (!explore->startSweep(app::quickExploreSpace()))
        return QStringLiteral("the quick sweep could not start");
    if (!waitFor([explore] { return !explore->isSweeping(); }, 300))
        return QStringLiteral("the quick sweep did not finish within 5 minutes");
    if (!explore->savedSweep())
        return QStringLiteral("the quick sweep failed");
    return std::nullopt;
}

// Lets queued layout, replots and paints happen before rendering.
void settle() {
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

} // namespace

int runScreenshot(const QStringList& args) {
    FlagParser flags(QStringLiteral("screenshot"), screenshotFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.has(QStringLiteral("help"))) {
        QTextStream(stdout)
            << "Usage: pipescope screenshot [--profile FILE] --view VIEW --out FILE.png|.svg|.pdf\n"
            << flags.usage();
        return 0;
    }
    if (!flags.positional().isEmpty())
        return usageError(
            QStringLiteral("pipescope screenshot: unexpected argument '%1'; flags start with --")
                .arg(flags.positional().first()));
    if (!flags.has(QStringLiteral("out")))
        return usageError(QStringLiteral("pipescope screenshot: --out FILE.png|.svg|.pdf is required"));
    const auto viewName =
        flags.choice(QStringLiteral("view"), QStringLiteral("window"), app::screenshotViewNames());
    const auto width = flags.integer(QStringLiteral("width"), 1600, 200, 8000);
    const auto height = flags.integer(QStringLiteral("height"), 1000, 200, 8000);
    const auto scale = flags.integer(QStringLiteral("scale"), 1, 1, 2);
    if (!viewName || !width || !height || !scale)
        return usageError(flags.error());
    const QString out = flags.value(QStringLiteral("out"));
    const QString suffix = out.section(QLatin1Char('.'), -1).toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return usageError(QStringLiteral("pipescope screenshot: --out must end in .png, .svg or .pdf"));

    const auto view = *app::parseScreenshotView(*viewName);
    app::MainWindow window;
    auto* profiles = new app::ProfileActions(&window);
    window.resize(static_cast<int>(*width), static_cast<int>(*height));
    window.show();
    if (flags.has(QStringLiteral("profile"))) {
        const auto opened = profiles->openFileNow(flags.value(QStringLiteral("profile")));
        if (!opened)
            return fail(opened.error().toString());
    } else if (view != app::ScreenshotView::Explore) {
        window.startDefaultScenario();
        // Wait for every queued run, with a limit so a stuck run cannot hang a script.
        if (!waitFor([&window] { return window.runController()->pending() == 0; }, 300))
            return fail(QStringLiteral("the default scenario did not finish within 5 minutes"));
    }
    if (view == app::ScreenshotView::Explore) {
        window.showExploreTab(); // a hidden tab has no layout to render
        if (const auto error = ensureSweep(window))
            return fail(*error);
    } else {
        window.showRunsTab();
    }
    window.session()->setModified(false); // nothing to ask about when the window goes away
    settle();
    if (const auto error =
            app::saveScreenshot(app::screenshotWidget(window, view), out, static_cast<int>(*scale)))
        return fail(error->toString());
    return 0;
}

} // namespace pipescope::cli
