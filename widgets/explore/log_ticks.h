#pragma once

#include <qcustomplot.h>

namespace pipescope::widgets {

// Labels a logarithmic axis at 1, 2 and 5 times each power of ten inside its current range
// (QCustomPlot's log ticker labels only the powers, which leaves a range like 12..300 ms with a
// single label). Call again after the range changes.
void setOneTwoFiveTicks(QCPAxis* axis);

} // namespace pipescope::widgets
