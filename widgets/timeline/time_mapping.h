#pragma once

#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

// Shortest visible span: below this a nanosecond grid no longer means anything on screen.
constexpr qint64 kMinSpanNs = 100;

// Time <-> pixel arithmetic for a horizontal time axis, free of any widget so it can be tested
// on its own. x is measured from the left edge of the time area (label column excluded).
//
// Degenerate input never divides by zero:
// - width <= 0 or end <= begin: toX() returns 0 for every t and toTime() returns begin.
// - zoomAround()/pan() on such a mapping treat the span as kMinSpanNs (so a zero range can be
//   zoomed out of) and clamp into [0, total]; total <= 0 means "no upper bound".
// - a span longer than total is shrunk to total, unless total < kMinSpanNs, in which case the
//   result is [0, kMinSpanNs] (longer than the data, but never empty).
struct TimeMapping {
    qint64 begin = 0;
    qint64 end = 0;
    double width = 0;

    bool isValid() const { return width > 0 && end > begin; }
    qint64 span() const { return end - begin; }
    double nsPerPixel() const { return isValid() ? static_cast<double>(span()) / width : 0.0; }

    double toX(qint64 t) const {
        if (!isValid())
            return 0.0;
        return static_cast<double>(t - begin) * width / static_cast<double>(span());
    }
    qint64 toTime(double x) const {
        if (!isValid())
            return begin;
        return begin + std::llround(x * static_cast<double>(span()) / width);
    }

    // factor > 1 zooms in (the span shrinks by factor), < 1 zooms out; the time under x stays
    // under x unless a clamp moves the range. A non-finite or non-positive factor changes nothing.
    TimeMapping zoomAround(double x, double factor, qint64 total) const {
        if (!(factor > 0) || !std::isfinite(factor))
            return clamped(begin, end, total);
        const double oldSpan = static_cast<double>(std::max(span(), kMinSpanNs));
        const double anchor = isValid() ? static_cast<double>(begin) + x * oldSpan / width : double(begin);
        const double fraction = isValid() ? std::clamp(x / width, 0.0, 1.0) : 0.0;
        double newSpan = oldSpan / factor;
        newSpan = std::max(newSpan, static_cast<double>(kMinSpanNs));
        if (total > 0)
            newSpan = std::min(newSpan, static_cast<double>(std::max(total, kMinSpanNs)));
        const qint64 s = std::llround(newSpan);
        const qint64 b = std::llround(anchor - fraction * newSpan);
        return clamped(b, b + s, total);
    }

    // Moves the range by dx pixels to the right (the content moves left), keeping its span.
    TimeMapping pan(double dx, qint64 total) const {
        const double perPixel = isValid() ? nsPerPixel() : 0.0;
        const qint64 shift = std::llround(dx * perPixel);
        return clamped(begin + shift, end + shift, total);
    }

    // [b, e) moved (not shrunk, unless longer than total) into [0, total], at least kMinSpanNs.
    TimeMapping clamped(qint64 b, qint64 e, qint64 total) const {
        TimeMapping m = *this;
        qint64 s = std::max(e - b, kMinSpanNs);
        if (total > 0 && s > total)
            s = std::max(total, kMinSpanNs);
        if (total > 0 && b + s > total)
            b = total - s;
        b = std::max<qint64>(b, 0);
        m.begin = b;
        m.end = b + s;
        return m;
    }
};

// Tick spacing on a 1-2-5 series of nanoseconds such that ticks are at least minPixels apart.
inline qint64 niceTickStep(qint64 span, double width, double minPixels = 90.0) {
    if (span <= 0 || width <= 0)
        return 1;
    const double raw = static_cast<double>(span) * minPixels / width;
    qint64 decade = 1;
    while (true) {
        for (qint64 m : {1, 2, 5}) {
            if (static_cast<double>(m * decade) >= raw)
                return m * decade;
        }
        if (decade > qint64(1e17))
            return decade;
        decade *= 10;
    }
}

// Label of time t on an axis whose ticks are step apart: the unit follows the step (ns, µs, ms,
// s) and the decimals are just enough to tell neighbouring ticks apart.
inline QString formatTickLabel(qint64 t, qint64 step) {
    struct Unit {
        qint64 ns;
        const char* name;
    };
    static constexpr Unit units[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "\u00b5s"}, {1, "ns"}};
    const qint64 absStep = std::max<qint64>(step, 1);
    Unit unit = units[3];
    // The largest unit not more than ten steps long: 200 µs ticks read "1.2 ms", 50 ns ticks "50 ns".
    for (const Unit& u : units) {
        if (u.ns <= absStep * 10) {
            unit = u;
            break;
        }
    }
    int decimals = 0;
    for (qint64 q = unit.ns; q > absStep && decimals < 9; q /= 10)
        ++decimals;
    const double value = static_cast<double>(t) / static_cast<double>(unit.ns);
    return QString::number(value, 'f', decimals) + QLatin1Char(' ') + QString::fromUtf8(unit.name);
}

// A duration for tooltips, in the largest unit that keeps it >= 1, four significant digits.
inline QString formatDuration(qint64 ns) {
    const double a = std::abs(static_cast<double>(ns));
    if (a >= 1e9)
        return QString::number(ns / 1e9, 'g', 4) + QStringLiteral(" s");
    if (a >= 1e6)
        return QString::number(ns / 1e6, 'g', 4) + QStringLiteral(" ms");
    if (a >= 1e3)
        return QString::number(ns / 1e3, 'g', 4) + QString::fromUtf8(" \u00b5s");
    return QString::number(ns) + QStringLiteral(" ns");
}

} // namespace pipescope::widgets
