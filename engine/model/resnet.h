#pragma once

#include "model/model_graph.h"

namespace pipescope::model {

// Architecture of a bottleneck ResNet (torchvision's v1.5 layout: the stride sits on the 3x3 conv).
struct ResNetConfig {
    QString name = QStringLiteral("resnet50");
    int blocks[4] = {3, 4, 6, 3}; // bottleneck blocks per stage
    int stemChannels = 64;
    int classes = 1000;
};

// Builds the operator graph of one forward pass on a square RGB image of `imageSize` pixels, per
// sample. Conv FLOPs are 2 * output pixels * output channels * input channels * kernel area;
// batch norms count their scale and shift as parameters (running statistics are buffers).
ModelGraph buildResNet(const ResNetConfig& config, int imageSize, int dtypeBytes);

} // namespace pipescope::model
