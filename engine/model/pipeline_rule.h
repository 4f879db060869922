#pragma once

#include <cmath>
#include <cstdint>

namespace pipescope::model {

// The rule of thumb published with --neuroncore-pipeline-cores: 4 * round(weights / 2e7), i.e.
// roughly 5M weights per core, in whole chips of 4 cores. `parameters` is the weight count. It is
// a suggestion shown next to the simulator's answer; a small model gets 0 (no pipeline).
inline int suggestedPipelineCores(std::int64_t parameters) {
    if (parameters <= 0)
        return 0;
    return 4 * static_cast<int>(std::lround(static_cast<double>(parameters) / 2e7));
}

} // namespace pipescope::model
