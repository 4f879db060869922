#pragma once

#include <Eigen/Core>

#include <functional>

namespace pipescope::calibrate {

// Minimises 0.5 * |r(x)|^2 with Levenberg-Marquardt: a damped Gauss-Newton step solved with
// Eigen's LDLT on (J^T J + mu diag(J^T J)), J by forward differences of size `step`.
struct LmOptions {
    int maxIterations = 40;
    double step = 0.05; // finite-difference step in x units (x is a log parameter)
    // Step of the final Jacobian that the covariance comes from: wider than `step`, so that the
    // noise of a stochastic residual (a simulation) does not pass for sensitivity. 0: no final Jacobian.
    double covarianceStep = 0.2;
    double tolerance = 1e-6; // stop when the relative cost decrease is below this
    double initialDamping = 1e-2;
};

struct LmResult {
    Eigen::VectorXd x;
    double cost = 0; // 0.5 * |r|^2 at x
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;   // stopped on the tolerance or at a minimum, not on the iteration limit
    Eigen::MatrixXd jacobian; // d r / d x at the returned x (for the parameters' covariance)
};

using ResidualFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd& x)>;

LmResult levenbergMarquardt(const ResidualFunction& residuals, Eigen::VectorXd x0,
                            const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                            const LmOptions& options = {});

} // namespace pipescope::calibrate
