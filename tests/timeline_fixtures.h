#pragma once
// Synthetic runs for the timeline tests: an inf1.24xlarge-sized trace without simulating.
#include "metrics/summarise.h"
#include "sim/run.h"

#include <memory>

namespace pipescope::testing {

// 16 chips x 4 NeuronCores and two host workers (core -2, unlabelled). Core k is busy
// [r*1000 + k, r*1000 + k + 600) for each request r; host worker h is busy [r*1000, +100).
inline sim::RunPtr make64CoreRun(int requests = 200) {
    auto run = std::make_shared<sim::Run>();
    for (int core = 0; core < 64; ++core) {
        sim::Lane lane;
        lane.core = core;
        lane.chip = core / 4;
        lane.label = QStringLiteral("NC %1").arg(core);
        for (int r = 0; r < requests; ++r)
            lane.append(qint64(r) * 1000 + core, 600, r, sim::EventKind::Compute, std::uint8_t(core % 16));
        run->trace.lanes.push_back(std::move(lane));
    }
    for (int h = 0; h < 2; ++h) {
        sim::Lane host;
        host.core = -2;
        for (int r = h; r < requests; r += 2)
            host.append(qint64(r) * 1000, 100, r, sim::EventKind::Host, 0);
        run->trace.lanes.push_back(std::move(host));
    }
    run->trace.endNs = qint64(requests) * 1000 + 100;
    run->occupancy = metrics::computeOccupancy(run->trace, run->requests, 1, 100);
    return run;
}

} // namespace pipescope::testing
