#pragma once

#include "calibrate/calibration.h"

namespace pipescope::calibrate {

// One prediction of a row by a fit that never saw it.
struct CrossValidationRow {
    QString row;  // the reference row's label
    QString fold; // "without inf1.6xlarge", "without row 3"
    QString kind; // "instance" (an instance type left out) or "row" (one row left out)
    double measuredThroughput = 0, predictedThroughput = 0;
    double measuredP95 = 0, predictedP95 = 0;
    double throughputErrorPercent = 0, p95ErrorPercent = 0;
};

struct CrossValidationReport {
    std::vector<CrossValidationRow> rows;
    // Mean absolute percentage errors over the held-out predictions of each kind of fold.
    double throughputMape = 0, p95Mape = 0;       // instance types left out (the harder test)
    double rowThroughputMape = 0, rowP95Mape = 0; // one row left out
    int fits = 0;
    bool converged = true; // every fold's fit converged
};

struct CrossValidationOptions {
    CalibrationOptions fit;     // each fold's fit (it starts from the priors, never from a full fit)
    int predictRequests = 8000; // requests per held-out prediction
    bool rowFolds = true;       // also leave each row out in turn
};

// Refits the catalog's calibrated parameters with each Inferentia instance type left out in turn
// (fit on the others and the GPU rows, predict every row of the one left out), then with each row
// left out, and reports the predictions of the rows each fit never saw.
Result<CrossValidationReport> crossValidate(const hardware::Catalog& catalog,
                                            const std::vector<ReferenceRow>& reference,
                                            const CrossValidationOptions& options = {});

// A copy of the catalog with every calibrated parameter set to its prior: the start of a fair fit.
Result<hardware::Catalog> catalogAtPriors(const hardware::Catalog& catalog);

} // namespace pipescope::calibrate
