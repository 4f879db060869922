#pragma once

#include "calibrate/published_figures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace pipescope::cli {

// `validate --published`: the held-out published figures next to the simulator's predictions.
// One element per figure: its setting and source, `simulated` (false with `failure` when the
// simulator cannot build it), `published`, `predicted` and `error_percent` keyed by quantity.
QJsonArray publishedJson(const calibrate::PublishedFiguresReport& report);
// Mean absolute percentage error per quantity: {"throughput_per_s": {"mape": x, "rows": n}, ...}.
QJsonObject publishedMapeJson(const calibrate::PublishedFiguresReport& report);
// The table printed after the usual validate output.
void printPublished(QTextStream& out, const calibrate::PublishedFiguresReport& report);

} // namespace pipescope::cli
