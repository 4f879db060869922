#include "cli/list_flags.h"

#include <QStringList>

#include <cmath>

namespace pipescope::cli {

std::optional<std::vector<double>> parseNumberList(const QString& command, const QString& flag,
                                                   const QString& text, double min, double max, bool whole,
                                                   QString* error) {
    std::vector<double> values;
    const QStringList parts = text.split(QLatin1Char(','));
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        const double v = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < min || v > max || (whole && v != std::floor(v))) {
            *error = QStringLiteral("pipescope %1: --%2 entry %3 must be %4 from %5 to %6, got '%7'")
                         .arg(command, flag)
                         .arg(i + 1)
                         .arg(whole ? QStringLiteral("a whole number") : QStringLiteral("a number"))
                         .arg(min)
                         .arg(max)
                         .arg(parts[i].trimmed());
            return std::nullopt;
        }
        values.push_back(v);
    }
    return values;
}

} // namespace pipescope::cli
