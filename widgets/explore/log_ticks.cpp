#include "explore/log_ticks.h"

#include <cmath>

namespace pipescope::widgets {

void setOneTwoFiveTicks(QCPAxis* axis) {
    const QCPRange range = axis->range();
    if (!(range.lower > 0) || !(range.upper > range.lower))
        return;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int first = static_cast<int>(std::floor(std::log10(range.lower)));
    const int last = static_cast<int>(std::ceil(std::log10(range.upper)));
    // Wide ranges keep the powers of ten only, or the labels would crowd.
    const bool powersOnly = last - first > 4;
    for (int e = first; e <= last; ++e) {
        for (double m : {1.0, 2.0, 5.0}) {
            if (powersOnly && m != 1.0)
                continue;
            const double v = m * std::pow(10.0, e);
            if (v >= range.lower && v <= range.upper)
                ticker->addTick(v, QString::number(v, 'g', 3));
        }
    }
    ticker->setSubTickCount(0);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
}

} // namespace pipescope::widgets
