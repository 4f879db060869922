#pragma once

#include "calibrate/device_parameters.h"
#include "calibrate/levenberg_marquardt.h"
#include "core/result.h"
#include "sim/run.h"

#include <QJsonObject>

#include <atomic>
#include <functional>
#include <vector>

namespace pipescope::calibrate {

// One measured deployment a fit is pulled towards. Percentiles that were not measured are 0 and
// add nothing to the cost.
struct FitTarget {
    sim::RunInputs inputs;
    double throughput = 0;
    double p50 = 0, p95 = 0, p99 = 0;
};

// What the simulator says for one target at some parameter values.
struct SimulatedRow {
    double throughput = 1e-9, p50 = 1e9, p95 = 1e9, p99 = 1e9;
    QString error;
};

// Residual units: 5% of throughput, 10% of a latency percentile (the measurements' assumed
// accuracy); a prior is a factor e^2 guess in log units.
inline constexpr double kThroughputScale = 0.05;
inline constexpr double kLatencyScale = 0.10;
inline constexpr double kPriorSigma = 2.0;
// A fitted parameter is pinned down when its 95% interval is within about +-15% (sigma of its
// logarithm below 0.075); a wider one was moved by the fit but the rows do not fix it.
inline constexpr double kPinnedDownLogSigma = 0.075;

// The fit of one device: its rows, its parameters (log values are the unknowns x), the residual
// function and the uncertainty it leaves. Rows are simulated in parallel on all cores.
class DeviceProblem {
public:
    DeviceProblem(std::vector<FitTarget> rows, std::vector<FittedParameter*> params);

    Eigen::Index size() const { return static_cast<Eigen::Index>(m_params.size()); }
    std::size_t rowCount() const { return m_rows.size(); }
    FittedParameter& parameter(Eigen::Index i) const { return *m_params[static_cast<std::size_t>(i)]; }
    const FitTarget& row(std::size_t k) const { return m_rows[k]; }

    // Residuals: per row its throughput, then p50, p95 and p99 where measured (the study's rows give
    // only throughput and p95), then one per prior.
    Eigen::Index dataCount() const { return m_dataCount; }
    Eigen::Index residualCount() const { return m_dataCount + size(); }

    std::vector<SimulatedRow> simulateRows(const Eigen::VectorXd& x) const;
    Eigen::VectorXd residuals(const Eigen::VectorXd& x, QString* failure) const;
    // The data part of the residuals (no priors), for the identifiability check.
    Eigen::VectorXd dataResiduals(const std::vector<SimulatedRow>& rows) const;

    // The starting point (each parameter's `initial`, else its prior, within its bounds).
    Eigen::VectorXd start() const;
    // Covariance of the log parameters from the Jacobian at the optimum, and the fit's scatter.
    hardware::CalibrationUncertainty uncertainty(const LmResult& fit) const;

private:
    std::vector<FitTarget> m_rows;
    std::vector<FittedParameter*> m_params;
    Eigen::Index m_dataCount = 0;
};

// How a device's fit searches. The simulated throughput is a minimum of capacities (host lock, DRAM,
// engines, clients), so the cost has kinks and more than one basin, and the path a damped
// Gauss-Newton takes depends on its difference step: two descents with different steps, the lower
// cost wins. With `startFromAbove`, short descents from the start and from the start with every
// overhead raised (see fitStarts in the .cpp) screen for the basin first, and the two descents go on
// from the better of them.
inline constexpr int kScreenIterations = 8;
inline constexpr double kOverheadStartFactor = 4.0;
struct FitSearch {
    int maxIterations = 30;
    bool startFromAbove = false;
    const std::atomic<bool>* cancel = nullptr; // set to stop; the fit returns an error
    std::function<void(double)> progress;      // the fraction of this fit done
};

Result<LmResult> fitDevice(const DeviceProblem& problem, const FitSearch& search);

// Keeps four significant digits so the catalog stays readable and diffs stay small.
double roundedParameter(double v);

// The "calibration" block of a device entry: parameter keys, covariance of their logarithms,
// residual scatter, rows, source (read back by hardware::Catalog).
QJsonObject calibrationBlock(const hardware::CalibrationUncertainty& u, const QString& source);

// Sets each fitted parameter's value (rounded), logSigma and `identified` from the fit, and writes
// the values with `source` and the calibration block into the device entry.
void writeFittedDevice(QJsonObject& entry, const DeviceProblem& problem, const LmResult& fit,
                       const hardware::CalibrationUncertainty& uncertainty, const QString& source);

} // namespace pipescope::calibrate
