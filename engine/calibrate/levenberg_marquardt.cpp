#include "calibrate/levenberg_marquardt.h"

#include <Eigen/Cholesky>

namespace pipescope::calibrate {

LmResult levenbergMarquardt(const ResidualFunction& residuals, Eigen::VectorXd x0,
                            const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                            const LmOptions& options) {
    LmResult result;
    Eigen::VectorXd x = x0.cwiseMax(lower).cwiseMin(upper);
    Eigen::VectorXd r = residuals(x);
    ++result.evaluations;
    double cost = 0.5 * r.squaredNorm();
    double mu = options.initialDamping;
    const Eigen::Index n = x.size();

    for (int it = 0; it < options.maxIterations; ++it) {
        result.iterations = it + 1;
        // Forward differences; a step that would leave the box goes backwards instead.
        Eigen::MatrixXd jacobian(r.size(), n);
        for (Eigen::Index j = 0; j < n; ++j) {
            Eigen::VectorXd probe = x;
            const double h = x[j] + options.step <= upper[j] ? options.step : -options.step;
            probe[j] += h;
            jacobian.col(j) = (residuals(probe) - r) / h;
            ++result.evaluations;
        }
        const Eigen::MatrixXd jtj = jacobian.transpose() * jacobian;
        const Eigen::VectorXd gradient = jacobian.transpose() * r;
        bool improved = false;
        for (int attempt = 0; attempt < 12 && !improved; ++attempt) {
            Eigen::MatrixXd damped = jtj;
            damped.diagonal() += mu * (jtj.diagonal().array() + 1e-9).matrix();
            const Eigen::VectorXd delta = damped.ldlt().solve(-gradient);
            const Eigen::VectorXd candidate = (x + delta).cwiseMax(lower).cwiseMin(upper);
            const Eigen::VectorXd rc = residuals(candidate);
            ++result.evaluations;
            const double candidateCost = 0.5 * rc.squaredNorm();
            if (candidateCost < cost) {
                const double relative = (cost - candidateCost) / std::max(cost, 1e-300);
                x = candidate;
                r = rc;
                cost = candidateCost;
                mu = std::max(mu / 3.0, 1e-9);
                improved = true;
                if (relative < options.tolerance) {
                    result.x = x;
                    result.cost = cost;
                    return result;
                }
            } else {
                mu *= 4.0;
            }
        }
        if (!improved)
            break; // no damping gives a better point: a (local) minimum at this resolution
    }
    result.x = x;
    result.cost = cost;
    return result;
}

} // namespace pipescope::calibrate
