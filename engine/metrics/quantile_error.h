#pragma once

#include <QString>

#include <vector>

namespace pipescope::metrics {

// How far a percentile of a simulated run could move with another random seed: the standard error
// of the q-quantile of `inOrder` (latencies in the order their requests were issued), by
// sectioning: the run is cut into consecutive sections, the quantile is taken in each, and their
// spread over the square root of their count estimates the error of the whole run's quantile
// (Asmussen and Glynn, Stochastic Simulation, 2007, III.5).
//
// Not the order-statistics interval of independent samples: consecutive requests of a queue wait
// behind the same backlog, so their latencies are correlated and that interval would be too narrow.
// Sections of a few hundred requests are far longer than a backlog lasts below saturation, so
// their quantiles are nearly independent.
//
// Ten sections when the run is long enough, five at the least; 0 (unknown) when five sections
// would hold fewer than 5 / (1 - q) values each (five above their quantile): the spread of such
// quantiles says little. With fewer than ten the result is widened by the ratio of Student's t
// quantiles, so that kInterval95 of it is a 95% interval whatever the section count.
double quantileStandardError(const std::vector<double>& inOrder, double q);

// The fewest values for which quantileStandardError() gives an error at q (500 for the p95).
int leastCountWithError(double q);

// The half-width of a 95% interval in standard errors: Student's t with the 9 degrees of freedom of
// ten sections (used for the difference of two estimates too, where it is slightly wide).
constexpr double kInterval95 = 2.262;

// A noise figure as people write one: two significant digits, never in exponent form ("0.0043",
// "1.2", "113").
QString formatNoise(double value);

} // namespace pipescope::metrics
