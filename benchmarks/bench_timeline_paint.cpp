// Paints the per-core timeline of a synthetic 10-million-event run into a 1920x1080 offscreen
// image at full zoom-out, a mid zoom and the deepest zoom, cold (geometry rebuilt every time)
// and warm (geometry cached), and prints median / max milliseconds and memory per event.
// Target (issue 4): every cold case <= 16 ms in a Release build.
#include "sim/run.h"
#include "timeline/timeline_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace pipescope;

namespace {

constexpr int kLanes = 16;
constexpr std::size_t kEventsPerLane = 625'000; // 16 x 625k = 10M
constexpr int kRepetitions = 30;

// Contiguous events per lane with durations spread over two decades (xorshift, fixed seed), as a
// pipeline looks: weight wait, compute, transfer for each request, with an occasional idle gap.
sim::RunPtr makeRun() {
    auto run = std::make_shared<sim::Run>();
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int l = 0; l < kLanes; ++l) {
        sim::Lane lane;
        lane.core = l;
        lane.chip = l / 4;
        lane.label = QStringLiteral("NeuronCore %1").arg(l);
        lane.start.reserve(kEventsPerLane);
        lane.duration.reserve(kEventsPerLane);
        lane.request.reserve(kEventsPerLane);
        lane.kind.reserve(kEventsPerLane);
        lane.stage.reserve(kEventsPerLane);
        qint64 t = l * 1000;
        for (std::size_t i = 0; i < kEventsPerLane; ++i) {
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

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    const long rssBefore = rssKiB();
    QElapsedTimer build;
    build.start();
    const sim::RunPtr run = makeRun();
    const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
    const long rssAfter = rssKiB();
    const std::size_t events = run->trace.eventCount();
    std::size_t traceBytes = 0;
    for (const sim::Lane& lane : run->trace.lanes)
        traceBytes += lane.start.capacity() * 8 + lane.duration.capacity() * 8 + lane.request.capacity() * 4 +
                      lane.kind.capacity() + lane.stage.capacity();

    widgets::TimelineView view;
    const QSize size(1920, 1080);
    view.resize(size);
    view.setRun(run);
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

    std::printf("bench_timeline_paint: %zu events in %d lanes, %.1f s simulated, built in %.0f ms\n", events,
                kLanes, static_cast<double>(total) / 1e9, buildMs);
    std::printf("image %dx%d, %d repetitions per case\n\n", size.width(), size.height(), kRepetitions);
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
            if (cold && s.median > 16.0)
                ok = false;
            std::printf("%-24s %-5s %10.2f %10.2f %14.2f %10zu %10.1f\n", c.name, cold ? "cold" : "warm",
                        s.median, s.max, stats(cpu).median, view.cachedRectCount(),
                        static_cast<double>(view.cacheBytes()) / 1024.0);
        }
    }
    std::printf("\ntrace: %.2f bytes per event (%.1f MiB); process RSS grew by %.2f bytes per event\n",
                static_cast<double>(traceBytes) / static_cast<double>(events),
                static_cast<double>(traceBytes) / (1024.0 * 1024.0),
                static_cast<double>(rssAfter - rssBefore) * 1024.0 / static_cast<double>(events));
    std::printf("target: cold median <= 16 ms (wall) in every case: %s; load average now %s\n",
                ok ? "met" : "NOT met", loadAverage().constData());
    view.fitAll();
    paintOnce(view, image);
    image.save(QStringLiteral("/tmp/pipescope-bench-timeline.png"));
    return 0;
}
