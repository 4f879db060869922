#pragma once

#include "calibrate/published_figures.h"

namespace pipescope::calibrate {

// The study has no convolution network, so its rows cannot tell how well the TensorEngine runs
// convolutions. AWS publishes ResNet-50 figures on Inf1: conv_efficiency is fitted to those rows
// (the published figures whose model is a convolution network), by the geometric mean of published /
// simulated throughput, iterated to a fixed point. Those rows are then no longer held out; the
// published check marks them.
struct ConvolutionFit {
    double efficiency = 0;
    int rows = 0;
    QString source;
    std::vector<QString> rowLabels; // the published rows used
};

bool isConvolutionFigure(const PublishedFigure& figure);

Result<ConvolutionFit> fitConvolutionEfficiency(const hardware::Catalog& catalog,
                                                const std::vector<PublishedFigure>& figures, int requests,
                                                std::uint64_t seed);

} // namespace pipescope::calibrate
