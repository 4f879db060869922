#pragma once

#include <Eigen/Core>

#include <functional>

namespace pipescope::calibrate {

// Minimises 0.5 * |r(x)|^2 with Levenberg-Marquardt: a damped Gauss-Newton step solved with
// Eigen's LDLT on (J^T J + mu diag(J^T J)), J by forward differences of size `step`.
struct LmOptions {
    int maxIterations = 40;
    double step = 0.02;      // finite-difference step in x units (x is a log parameter)
    double tolerance = 1e-6; // stop when the relative cost decrease is below this
    double initialDamping = 1e-2;
};

struct LmResult {
    Eigen::VectorXd x;
    double cost = 0; // 0.5 * |r|^2 at x
    int iterations = 0;
    int evaluations = 0;
};

using ResidualFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd& x)>;

LmResult levenbergMarquardt(const ResidualFunction& residuals, Eigen::VectorXd x0,
                            const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                            const LmOptions& options = {});

} // namespace pipescope::calibrate
