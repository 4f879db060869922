// Paints the per-core timeline of synthetic 10-million-event runs into a 1920x1080 offscreen
// image at full zoom-out, a mid zoom and the deepest zoom, cold (geometry rebuilt every time)
// and warm (geometry cached), and prints median / max milliseconds and memory per event: 16 lanes
// (inf1.6xlarge), 64 lanes (inf1.24xlarge, scrolled to the top) and 64 lanes with every chip
// folded into its density row. Then times selecting a 10M-event run in the window: from the
// selection to the timeline and occupancy painted, with the model built beforehand as the run
// controller's worker does.
// Targets (issue 11): every cold case <= 8 ms; selecting a run shows it in < 100 ms.
#include "main_window.h"
#include "metrics/summarise.h"
#include "session.h"
#include "sim/run.h"
#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace pipescope;

namespace {

constexpr std::size_t kEvents = 10'000'000;
constexpr int kRepetitions = 30;
constexpr double kTargetMs = 8.0;

// Contiguous events per lane with durations spread over two decades (xorshift, fixed seed), as a
// pipeline looks: weight wait, compute, transfer for each request, with an occasional idle gap.
sim::RunPtr makeRun(int lanes) {
    const std::size_t perLane = kEvents / static_cast<std::size_t>(lanes);
    auto run = std::make_shared<sim::Run>();
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int l = 0; l < lanes; ++l) {
        sim::Lane lane;
        lane.core = l;
        lane.chip = l / 4;
        lane.label = QStringLiteral("NeuronCore %1").arg(l);
        lane.reserve(perLane);
        qint64 t = l * 1000;
        for (std::size_t i = 0; i < perLane; ++i) {
            const int phase = static_cast<int>(i % 3);
            const qint64 base = phase == 1 ? 8000 : (phase == 0 ? 2000 : 600);
            const qint64 duration =
                base / 4 + static_cast<qint64>(next() % static_cast<std::uint64_t>(base * 2));
            const auto kind = phase == 0 ? sim::EventKind::WeightWait
                                         : (phase == 1 ? sim::EventKind::Compute : sim::EventKind::Transfer);
            lane.append(t, duration, static_cast<std::int32_t>(i / 3), kind,
                        static_cast<std::uint8_t>(l % 4));
            t += duration;
            if (next() % 50 == 0)
                t += static_cast<qint64>(next() % 20000); // idle gap
        }
        run->trace.endNs = std::max<qint64>(run->trace.endNs, t);
        run->trace.lanes.push_back(std::move(lane));
    }
    run->occupancy = metrics::computeOccupancy(run->trace, run->requests, 1);
    return run;
}

long rssKiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QByteArray loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray("?");
}

struct Stats {
    double median = 0, max = 0;
};

// CPU time of this thread: on a shared, loaded machine it shows the work done, which wall time
// (what the target is about) mixes with time spent waiting for a core.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Sample {
    double wallMs = 0, cpuMs = 0;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

Sample paintOnce(widgets::TimelineView& view, QImage& image) {
    QElapsedTimer timer;
    const double cpu0 = threadCpuMs();
    timer.start();
    QPainter p(&image);
    view.paintTo(p, image.size());
    p.end();
    return {static_cast<double>(timer.nsecsElapsed()) / 1e6, threadCpuMs() - cpu0};
}

struct Config {
    const char* name;
    sim::RunPtr run;
    bool folded;
};

// Paints every zoom of one configuration cold and warm; returns whether every cold median met the target.
bool paintCases(const Config& config, const widgets::TimelineModelPtr& model) {
    widgets::TimelineView view;
    const QSize size(1920, 1080);
    view.resize(size);
    view.setModel(model);
    view.setAllFolded(config.folded);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    const qint64 total = view.totalNs();
    const qint64 centre = total / 2;
    struct Case {
        const char* name;
        qint64 span;
    };
    const Case cases[] = {{"full zoom-out", total},
                          {"mid zoom (1/1000)", total / 1000},
                          {"deepest zoom (100 ns)", widgets::kMinSpanNs}};
    std::printf("\n%s: %zu lanes, %zu rows on screen\n", config.name, config.run->trace.lanes.size(),
                view.currentLayout().rows.size());
    std::printf("%-24s %-5s %10s %10s %14s %10s %10s\n", "case", "cache", "median ms", "max ms",
                "median cpu ms", "rects", "cache KiB");
    bool ok = true;
    for (const Case& c : cases) {
        const qint64 begin = c.span >= total ? 0 : centre - c.span / 2;
        for (const bool cold : {true, false}) {
            std::vector<double> ms, cpu;
            view.setVisibleRange(begin, begin + c.span);
            paintOnce(view, image); // warms the cache (and fonts) for the warm case
            for (int r = 0; r < kRepetitions; ++r) {
                if (cold) {
                    // A slightly different range each time forces a geometry rebuild.
                    const qint64 shift = r + 1;
                    if (c.span >= total)
                        view.setVisibleRange(0, total - shift);
                    else
                        view.setVisibleRange(begin + shift, begin + shift + c.span);
                }
                const Sample sample = paintOnce(view, image);
                ms.push_back(sample.wallMs);
                cpu.push_back(sample.cpuMs);
            }
            const Stats s = stats(ms);
            if (cold && s.median > kTargetMs)
                ok = false;
            std::printf("%-24s %-5s %10.2f %10.2f %14.2f %10zu %10.1f\n", c.name, cold ? "cold" : "warm",
                        s.median, s.max, stats(cpu).median, view.cachedRectCount(),
                        static_cast<double>(view.cacheBytes()) / 1024.0);
        }
    }
    view.fitAll();
    paintOnce(view, image);
    image.save(QStringLiteral("/tmp/pipescope-bench-timeline-%1.png").arg(config.folded ? "folded" : "open"));
    return ok;
}

// Selecting the other run in the window until its timeline and occupancy strip are painted, as
// the user sees it: the session hands the prebuilt model to the views, which paint at their size.
void timeSelection(const std::vector<Config>& configs, const std::vector<widgets::TimelineModelPtr>& models) {
    app::MainWindow window;
    window.resize(1920, 1080);
    window.show();
    widgets::Session* session = window.session();
    session->addRun(configs[0].run, models[0]);
    session->addRun(configs[1].run, models[1]);
    QCoreApplication::processEvents();
    std::vector<double> ms;
    for (int r = 0; r < 10; ++r) {
        const int next = r % 2 == 0 ? 0 : 1;
        QElapsedTimer timer;
        timer.start();
        session->setSelectedIndex(next);
        QImage timeline(window.timelineView()->size(), QImage::Format_ARGB32_Premultiplied);
        QImage occupancy(window.occupancyView()->size(), QImage::Format_ARGB32_Premultiplied);
        QPainter pt(&timeline);
        window.timelineView()->paintTo(pt, timeline.size());
        pt.end();
        QPainter po(&occupancy);
        window.occupancyView()->paintTo(po, occupancy.size());
        po.end();
        ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents(); // the charts' deferred replots, outside the timing
    }
    const Stats s = stats(ms);
    std::printf("\nselecting a 10M-event run until timeline and occupancy are painted (%dx%d and %dx%d): "
                "median %.1f ms, max %.1f ms; target < 100 ms: %s\n",
                window.timelineView()->width(), window.timelineView()->height(),
                window.occupancyView()->width(), window.occupancyView()->height(), s.median, s.max,
                s.max < 100 ? "met" : "NOT met");
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the window's settings stay out of the user's

    const long rssBefore = rssKiB();
    QElapsedTimer build;
    build.start();
    const std::vector<Config> configs = {{"16 lanes (inf1.6xlarge)", makeRun(16), false},
                                         {"64 lanes (inf1.24xlarge)", makeRun(64), false}};
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    const long rssAfter = rssKiB();
    std::vector<widgets::TimelineModelPtr> models;
    for (const Config& c : configs) {
        QElapsedTimer timer;
        timer.start();
        models.push_back(widgets::TimelineModel::build(c.run));
        std::printf("%s: %zu events, %.2f s simulated; timeline model built in %.0f ms (on the worker, "
                    "not at selection), %.2f bytes per event\n",
                    c.name, c.run->trace.eventCount(), static_cast<double>(models.back()->extent()) / 1e9,
                    static_cast<double>(timer.nsecsElapsed()) / 1e6,
                    static_cast<double>(models.back()->bytes()) /
                        static_cast<double>(c.run->trace.eventCount()));
    }
    std::size_t traceBytes = 0, events = 0;
    for (const Config& c : configs) {
        events += c.run->trace.eventCount();
        for (const sim::Lane& lane : c.run->trace.lanes)
            traceBytes += lane.events().size_bytes();
    }
    std::printf("runs generated in %.0f ms; image 1920x1080, %d repetitions per case\n", buildMs,
                kRepetitions);

    bool ok = paintCases(configs[0], models[0]);
    ok = paintCases(configs[1], models[1]) && ok;
    ok = paintCases({"64 lanes, every chip folded", configs[1].run, true}, models[1]) && ok;
    timeSelection(configs, models);

    std::printf("\ntrace: %.2f bytes per event (%.1f MiB); process RSS grew by %.2f bytes per event\n",
                static_cast<double>(traceBytes) / static_cast<double>(events),
                static_cast<double>(traceBytes) / (1024.0 * 1024.0),
                static_cast<double>(rssAfter - rssBefore) * 1024.0 / static_cast<double>(events));
    std::printf("target: cold median <= %.0f ms (wall) in every case: %s; load average now %s\n", kTargetMs,
                ok ? "met" : "NOT met", loadAverage().constData());
    return 0;
}
