#pragma once

#include <qcustomplot.h>

namespace pipescope::widgets {

// Ticks for an axis whose coordinates are nanoseconds: the unit (ns, µs, ms, s) follows the
// visible range so labels stay short ("250 µs", "1.5 ms") whatever the zoom.
class TimeAxisTicker : public QCPAxisTicker {
public:
    // Unit for a visible range: returns its size in ns and writes its suffix.
    static double unitFor(double rangeNs, QString* suffix);
    static QString format(double ns, double unitNs, const QString& suffix, int decimals);

protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    double m_unitNs = 1;
    QString m_suffix = QStringLiteral("ns");
    int m_decimals = 0;
};

} // namespace pipescope::widgets
