// ProfileActions: the File menu's exports (screenshots, runs CSV, Chrome trace, sweep CSV).
// Every dialog proposes a file name with its extension, a name typed without one gets the chosen
// filter's, and the status bar confirms what was written where.
#include "profile_actions.h"

#include "explore/explore_view.h"
#include "main_window.h"
#include "screenshot.h"
#include "session.h"

#include "io/atomic_file.h"
#include "io/chrome_trace_export.h"
#include "io/csv_export.h"
#include "io/sweep_csv.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QRegularExpression>
#include <QStatusBar>

namespace pipescope::app {

QString suffixOfFilter(const QString& filter) {
    // "PNG image at 2x (*.png)" -> "png"; the first pattern of the chosen filter wins.
    static const QRegularExpression pattern(QStringLiteral("\\*\\.([A-Za-z0-9]+)"));
    const QRegularExpressionMatch match = pattern.match(filter);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString withFilterSuffix(const QString& path, const QString& filter) {
    if (path.isEmpty() || !QFileInfo(path).suffix().isEmpty())
        return path;
    const QString suffix = suffixOfFilter(filter);
    return suffix.isEmpty() ? path : path + QLatin1Char('.') + suffix;
}

void ProfileActions::buildExportMenu(QMenu* file, QAction* before) {
    auto* shots = new QMenu(tr("Export Scree&nshot"), file);
    for (const QString& name : screenshotViewNames()) {
        const auto view = *parseScreenshotView(name);
        shots->addAction(screenshotViewTitle(view) + QStringLiteral("…"), this,
                         [this, view] { exportScreenshot(static_cast<int>(view)); });
    }
    file->insertMenu(before, shots);
    auto* csv = new QAction(tr("Export Runs &CSV…"), file);
    connect(csv, &QAction::triggered, this, &ProfileActions::exportCsv);
    file->insertAction(before, csv);
    auto* trace = new QAction(tr("Export &Trace (Chrome JSON)…"), file);
    connect(trace, &QAction::triggered, this, &ProfileActions::exportTrace);
    file->insertAction(before, trace);
    auto* sweep = new QAction(tr("Export S&weep CSV…"), file);
    sweep->setToolTip(tr("The Explore view's deployments as ranked now (target, load and prices)"));
    connect(sweep, &QAction::triggered, this, &ProfileActions::exportSweepCsv);
    file->insertAction(before, sweep);
}

QString ProfileActions::sessionBaseName() const {
    const QString path = m_window->session()->filePath();
    return path.isEmpty() ? QStringLiteral("pipescope") : QFileInfo(path).completeBaseName();
}

QString ProfileActions::askExportPath(const QString& title, const QString& name, const QString& filters,
                                      QString* chosenFilter) {
    QString chosen = filters.section(QStringLiteral(";;"), 0, 0);
    const QString path = m_saveDialog(title, QDir(dialogDir()).filePath(name), filters, &chosen);
    if (chosenFilter)
        *chosenFilter = chosen;
    return withFilterSuffix(path, chosen);
}

void ProfileActions::confirmExport(const QString& what, const QString& path) {
    m_window->statusBar()->showMessage(
        tr("Exported %1 to %2").arg(what, QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
        8000);
    emit exported(path);
}

void ProfileActions::exportScreenshot(int viewIndex) {
    const auto view = static_cast<ScreenshotView>(viewIndex);
    const QString viewName = screenshotViewNames().value(viewIndex);
    QString filter;
    const QString path = askExportPath(
        tr("Export Screenshot"), QStringLiteral("%1-%2.png").arg(sessionBaseName(), viewName),
        tr("PNG image (*.png);;PNG image at 2x (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"),
        &filter);
    if (path.isEmpty())
        return;
    const int scale = filter.contains(QLatin1String("2x")) ? 2 : 1;
    if (const auto error = saveScreenshot(screenshotWidget(*m_window, view), path, scale))
        m_notify(tr("Cannot export screenshot"), error->toString());
    else
        confirmExport(screenshotViewTitle(view).toLower(), path);
}

void ProfileActions::exportCsv() {
    const QString path = askExportPath(tr("Export Runs CSV"), sessionBaseName() + QStringLiteral("-runs.csv"),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const widgets::Session* session = m_window->session();
    if (const auto error =
            io::writeFileAtomically(path, io::runsToCsv(session->runs(), session->baselineIndex())))
        m_notify(tr("Cannot export CSV"), error->toString());
    else
        confirmExport(tr("%n run(s)", nullptr, static_cast<int>(session->runs().size())), path);
}

void ProfileActions::exportTrace() {
    const widgets::Session* session = m_window->session();
    const sim::RunPtr run = session->selectedRun();
    if (!run) {
        m_notify(tr("Export Trace"), tr("Select a run in the runs table first."));
        return;
    }
    const int number = session->selectedIndex() + 1;
    const QString path =
        askExportPath(tr("Export Trace (Chrome JSON)"),
                      QStringLiteral("%1-run%2-trace.json").arg(sessionBaseName()).arg(number),
                      tr("Chrome trace JSON (*.json);;gzip-compressed Chrome trace JSON (*.json.gz)"));
    if (path.isEmpty())
        return;
    // Streams to disk (gzip for a .gz name); warm-up requests are left out as in the summary.
    if (const auto stats = io::exportChromeTrace(path, *run); !stats)
        m_notify(tr("Cannot export trace"), stats.error().toString());
    else
        confirmExport(tr("run %1's trace").arg(number), path);
}

// What the Explore view shows: its sweep ranked for the target, load and prices set there now.
void ProfileActions::exportSweepCsv() {
    const widgets::ExploreModel& model = m_window->exploreView()->model();
    const std::shared_ptr<const sweep::SweepResult> sweep = model.sweep();
    if (!sweep) {
        m_notify(tr("Export Sweep CSV"), tr("Run a sweep in the Explore view first."));
        return;
    }
    const QString path = askExportPath(
        tr("Export Sweep CSV"), sessionBaseName() + QStringLiteral("-sweep.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const auto error = io::writeFileAtomically(path, io::sweepToCsv(*sweep, model.recommendation())))
        m_notify(tr("Cannot export CSV"), error->toString());
    else
        confirmExport(tr("%n deployment(s)", nullptr, static_cast<int>(sweep->entries.size())), path);
}

} // namespace pipescope::app
