#include "timeline/occupancy_series.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace pipescope::widgets {

std::pair<int, int> OccupancySeries::binsFor(qint64 t0, qint64 t1) const {
    if (binNs <= 0 || bins <= 0)
        return {0, 0};
    const qint64 first = std::clamp<qint64>(t0 / binNs, 0, bins);
    const qint64 last = std::clamp<qint64>((std::max(t1, t0 + 1) + binNs - 1) / binNs, first, bins);
    return {static_cast<int>(first), static_cast<int>(std::max(last, std::min<qint64>(first + 1, bins)))};
}

double OccupancySeries::meanOf(const std::vector<double>& prefix, std::pair<int, int> bins) {
    if (bins.first < 0 || bins.second <= bins.first || static_cast<std::size_t>(bins.second) >= prefix.size())
        return 0.0;
    return (prefix[static_cast<std::size_t>(bins.second)] - prefix[static_cast<std::size_t>(bins.first)]) /
           (bins.second - bins.first);
}

OccupancySeries OccupancySeries::build(const metrics::Occupancy& occ, const std::vector<QString>& labels,
                                       const std::vector<int>& groups,
                                       const std::vector<QString>& groupLabels) {
    OccupancySeries s;
    const std::size_t bins = static_cast<std::size_t>(std::max(occ.bins, 0));
    s.binNs = occ.binNs;
    s.bins = static_cast<int>(bins);
    const std::size_t rows =
        bins > 0 ? std::min({occ.laneCores.size(), occ.busy.size() / bins, labels.size(), groups.size()}) : 0;
    std::map<int, std::size_t> groupRow; // group -> index into groupRows, in group order
    for (std::size_t r = 0; r < rows; ++r) {
        if (groups[r] >= 0)
            groupRow.emplace(groups[r], 0);
    }
    for (auto& [group, index] : groupRow) {
        index = s.groupRows.size();
        Row row;
        row.group = group;
        row.cores = 0;
        row.label = group >= 0 && static_cast<std::size_t>(group) < groupLabels.size() ? groupLabels[group]
                                                                                       : QString();
        row.prefix.assign(bins + 1, 0.0);
        s.groupRows.push_back(std::move(row));
    }
    for (std::size_t r = 0; r < rows; ++r) {
        Row row;
        row.label = labels[r];
        row.group = groups[r];
        row.prefix.assign(bins + 1, 0.0);
        for (std::size_t b = 0; b < bins; ++b)
            row.prefix[b + 1] = row.prefix[b] + occ.busy[r * bins + b];
        const auto total = groupRow.find(groups[r]);
        if (total != groupRow.end()) {
            Row& sum = s.groupRows[total->second];
            ++sum.cores;
            for (std::size_t b = 0; b <= bins; ++b)
                sum.prefix[b] += row.prefix[b];
        }
        s.coreRows.push_back(std::move(row));
    }
    for (Row& total : s.groupRows) {
        for (double& v : total.prefix)
            v /= std::max(total.cores, 1);
    }
    s.inFlightPrefix.assign(bins + 1, 0.0);
    double peak = 0;
    for (std::size_t b = 0; b < bins; ++b) {
        const double v = b < occ.inFlight.size() ? occ.inFlight[b] : 0.0;
        s.inFlightPrefix[b + 1] = s.inFlightPrefix[b] + v;
        peak = std::max(peak, v);
    }
    s.inFlightScale = std::max(1.0, std::ceil(peak));
    return s;
}

} // namespace pipescope::widgets
