#include "timeline/time_range_link.h"

#include "timeline/occupancy_view.h"
#include "timeline/timeline_view.h"

#include <memory>

namespace pipescope::widgets {

void linkTimeRanges(TimelineView* timeline, OccupancyView* occupancy) {
    if (!timeline || !occupancy)
        return;
    auto busy = std::make_shared<bool>(false);
    auto forward = [busy](TimeRangeWidget* target) {
        return [busy, target](qint64 begin, qint64 end) {
            if (*busy)
                return;
            *busy = true;
            target->setVisibleRange(begin, end);
            *busy = false;
        };
    };
    // The receiver context makes each connection go away with the view it drives.
    QObject::connect(timeline, &TimeRangeWidget::visibleRangeChanged, occupancy, forward(occupancy));
    QObject::connect(occupancy, &TimeRangeWidget::visibleRangeChanged, timeline, forward(timeline));
    occupancy->setLabelWidth(timeline->labelWidth());
    occupancy->setVisibleRange(timeline->visibleBegin(), timeline->visibleEnd());
}

} // namespace pipescope::widgets
