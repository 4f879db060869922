#pragma once

#include "metrics/run_summary.h"

#include <QString>
#include <QtGlobal>

#include <utility>
#include <vector>

namespace pipescope::widgets {

// A run's occupancy bins as prefix sums, so the mean over any time range is two lookups: per
// NeuronCore / GPU row, per lane group (a chip's cores together, for a strip that stays legible at
// 64 cores) and for the requests in flight. Built once per run with the timeline model.
struct OccupancySeries {
    struct Row {
        QString label;
        int group = -1;             // index into TimelineModel::groups()
        int cores = 1;              // rows averaged into this one
        std::vector<double> prefix; // bins + 1 entries of the summed busy fraction
    };
    qint64 binNs = 0;
    int bins = 0;
    std::vector<Row> coreRows;  // one per row of metrics::Occupancy, in its order
    std::vector<Row> groupRows; // one per lane group that has rows, top to bottom (none if unknown)
    std::vector<double> inFlightPrefix;
    double inFlightScale = 1; // a whole number of requests at the top of the in-flight chart

    // The bins overlapping [t0, t1), at least one; empty without bins.
    std::pair<int, int> binsFor(qint64 t0, qint64 t1) const;
    static double meanOf(const std::vector<double>& prefix, std::pair<int, int> bins);
    double inFlightBetween(qint64 t0, qint64 t1) const { return meanOf(inFlightPrefix, binsFor(t0, t1)); }

    // `labels` and `groups` name each row of occ (its trace lane's label and lane group); rows whose
    // data is short (a damaged profile) are dropped rather than read past.
    static OccupancySeries build(const metrics::Occupancy& occ, const std::vector<QString>& labels,
                                 const std::vector<int>& groups, const std::vector<QString>& groupLabels);
};

} // namespace pipescope::widgets
