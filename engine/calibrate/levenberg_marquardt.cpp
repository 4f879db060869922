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

    // Forward differences; a step that would leave the box goes backwards instead.
    auto jacobianAt = [&](const Eigen::VectorXd& at, const Eigen::VectorXd& rAt, double step) {
        Eigen::MatrixXd jacobian(rAt.size(), n);
        for (Eigen::Index j = 0; j < n; ++j) {
            Eigen::VectorXd probe = at;
            const double h = at[j] + step <= upper[j] ? step : -step;
            probe[j] += h;
            jacobian.col(j) = (residuals(probe) - rAt) / h;
            ++result.evaluations;
        }
        return jacobian;
    };
    auto finish = [&](bool converged) {
        result.x = x;
        result.cost = cost;
        result.converged = converged;
        if (options.covarianceStep > 0)
            result.jacobian = jacobianAt(x, r, options.covarianceStep);
        return result;
    };

    for (int it = 0; it < options.maxIterations; ++it) {
        result.iterations = it + 1;
        const Eigen::MatrixXd jacobian = jacobianAt(x, r, options.step);
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
                if (relative < options.tolerance)
                    return finish(true);
            } else {
                mu *= 4.0;
            }
        }
        if (!improved)
            return finish(true); // no damping gives a better point: a (local) minimum at this resolution
    }
    return finish(false);
}

} // namespace pipescope::calibrate
