#pragma once

#include "hardware/instance.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace pipescope::calibrate {

// One device parameter that public documents do not give, with the prior the fit is pulled towards
// (weakly) when the measurements cannot tell it apart from the others.
struct FittedParameter {
    QString device; // catalog device key, e.g. "inferentia1"
    QString key;    // path inside the device entry, e.g. "sram_bytes" or "host.jitter"
    QString why;    // where the prior comes from
    double prior = 1;
    double min = 0;
    double max = 1;
    double initial = 0;      // value in the catalog before the fit
    double value = 0;        // fitted value
    double logSigma = 0;     // posterior standard deviation of log(value) (from the fit's covariance)
    bool identified = false; // the rows constrain it well beyond its prior
};

// The parameters calibrated for each device kind of the catalog, with priors and bounds.
std::vector<FittedParameter> calibratedParameters(const std::vector<hardware::InstanceSpec>& instances);

// Reads / sets a device parameter in an instance spec ("host.jitter" -> spec.host.jitter).
double parameterValue(const hardware::InstanceSpec& spec, const QString& key);
bool applyParameter(hardware::InstanceSpec& spec, const QString& key, double value);

// Writes {"value", "source"} at the parameter's place in a catalog device entry.
void writeParameter(QJsonObject& device, const QString& key, double value, const QString& source);

} // namespace pipescope::calibrate
