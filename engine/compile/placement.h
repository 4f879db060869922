#pragma once

#include <cstdint>
#include <vector>

namespace pipescope::compile {

// One pipeline stage: a contiguous range of operators on one NeuronCore.
struct Stage {
    int firstOp = 0; // index into ModelGraph::ops
    int endOp = 0;   // one past the last operator
    int core = 0;    // global NeuronCore id (chip * coresPerChip + core on chip)
    int chip = 0;
    std::int64_t weightBytes = 0;     // footprint of the stage's weights
    std::int64_t residentBytes = 0;   // weights held in the core's SRAM
    std::int64_t streamedBytes = 0;   // weights read from DRAM on every execution
    std::int64_t activationBytes = 0; // SRAM reserved for the batch's activations
    std::int64_t outputBytes = 0;     // activations sent to the next stage per batch
    double computeNs = 0;             // engine time per batch at calibrated efficiency
    bool weightsFit() const { return streamedBytes == 0; }
};

// One NeuronCore group running one copy of the model (one stage per core of the group).
struct Group {
    std::vector<Stage> stages;
    int maxInFlight = 1; // runtime bound on requests in flight in this group
};

// The compiler's and runtime's answer for a deployment: which operators run where.
struct Placement {
    std::vector<Group> groups;
    int usedCores = 0;
    std::int64_t deviceBytesPerChipMax = 0; // largest DRAM use on any chip (weights of all copies)
};

} // namespace pipescope::compile
