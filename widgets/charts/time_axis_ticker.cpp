#include "time_axis_ticker.h"

#include <cmath>

namespace pipescope::widgets {

double TimeAxisTicker::unitFor(double rangeNs, QString* suffix) {
    // Switch unit once the range spans a few of it, so ticks read "0 .. 800 µs", then "0 .. 4 ms".
    struct Unit {
        double ns;
        const char* suffix;
    };
    static const Unit units[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "µs"}, {1, "ns"}};
    for (const Unit& unit : units) {
        if (std::abs(rangeNs) >= 2 * unit.ns || unit.ns == 1) {
            *suffix = QString::fromUtf8(unit.suffix);
            return unit.ns;
        }
    }
    return 1;
}

QString TimeAxisTicker::format(double ns, double unitNs, const QString& suffix, int decimals) {
    return QString::number(ns / unitNs, 'f', decimals) + QLatin1Char(' ') + suffix;
}

double TimeAxisTicker::getTickStep(const QCPRange& range) {
    m_unitNs = unitFor(range.size(), &m_suffix);
    const double step = QCPAxisTicker::getTickStep(range);
    // Enough decimals to tell neighbouring ticks apart, no more.
    const double stepInUnit = step / m_unitNs;
    m_decimals =
        stepInUnit >= 1 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(stepInUnit) - 1e-9)));
    return step;
}

QString TimeAxisTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    if (std::abs(tick) < 1e-9 * m_unitNs)
        tick = 0; // avoid "-0 ms"
    return format(tick, m_unitNs, m_suffix, m_decimals);
}

} // namespace pipescope::widgets
