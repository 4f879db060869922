#pragma once

#include "metrics/run_summary.h"

#include <QString>

namespace pipescope::widgets {

// One line for the status bar saying what binds a run's throughput, with the prediction interval's
// notes shortened to fit ("bound by: <reason> · interval wide: <first note>"). Empty when the run
// carries neither (profiles saved before Pipescope explained runs).
QString boundByLine(const metrics::RunSummary& summary, int maxNoteChars = 90);
// The same in full, one item per line, for the line's tooltip.
QString boundByDetails(const metrics::RunSummary& summary);

} // namespace pipescope::widgets
