#pragma once

#include "metrics/quantile_error.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace pipescope::metrics {

struct LatencyStats {
    double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0; // milliseconds
    // The p95's sampling error: its standard error over another seed's run of the same length
    // (quantileStandardError()); 0 when unknown (a short run, an older profile).
    double p95StandardErrorMs = 0;
    // Half-width of the p95's 95% interval from sampling alone, 0 when unknown.
    double p95NoiseMs() const { return kInterval95 * p95StandardErrorMs; }
};

// Share of the measured interval a core spent on each activity; the four add up to 1.
struct CoreUtilization {
    int id = 0;
    int chip = 0;
    double compute = 0;
    double weightWait = 0;
    double transfer = 0;
    double idle = 1;
    double utilization() const { return 1.0 - idle; }
};

// A range the true value is expected in (about 90%), from the calibration's uncertainty.
struct Interval {
    double low = 0, high = 0;
    bool known() const { return high > 0; }
};

// Where the mean request's time goes, in ms; the parts add up to the mean latency of the requests
// issued after the warm-up.
struct LatencyBreakdown {
    double hostQueue = 0;      // waiting for its worker's interpreter lock
    double hostSerialised = 0; // framework work holding the lock (input preparation, output conversion)
    double admissionWait = 0;  // prepared, waiting for room in a model copy (runtime in-flight bound)
    double runtime = 0;        // runtime submit / completion and PCIe input copy (lock released)
    double stageQueue = 0;     // waiting for a NeuronCore (or the GPU) busy with other requests
    double compute = 0;        // engines busy on its stages (GPU kernels)
    double weightStream = 0;   // stalled on weights streaming from DRAM after the engines finished
    double transfer = 0;       // activations over on-chip paths / NeuronLink, output over PCIe
    double total() const {
        return hostQueue + hostSerialised + admissionWait + runtime + stageQueue + compute + weightStream +
               transfer;
    }
};

// The resource that limits throughput, with how busy it is and a sentence for the user.
struct Bottleneck {
    QString resource; // "host", "dram", "compute", "gpu", "clients", "load"
    double utilisation = 0;
    QString reason;
};

struct RunSummary {
    double throughputPerSecond = 0; // inferences (samples) per second
    // Inferences per second that arrived over the measured requests' issue span: an open-loop
    // run's achieved rate, which differs from the rate asked for by Poisson noise (about 2% over
    // 2,000 arrivals). Not kept in profiles (0 when read back).
    double arrivalPerSecond = 0;
    LatencyStats latencyMs; // per request (one batch)
    double pricePerHour = 0;
    double costPerMillionUsd = 0;
    std::vector<CoreUtilization> cores;
    double hostBusy = 0; // busiest host lane's (serving process's) busy share of the measured interval
    std::int64_t completedRequests = 0; // measured, warm-up excluded
    std::int64_t events = 0;
    std::int64_t simulatedNs = 0;
    double wallSeconds = 0;
    std::int64_t processedEvents = 0; // discrete events the simulator processed (queue pops)
    LatencyBreakdown breakdownMs;
    Bottleneck bottleneck;
    // Prediction intervals (about 90%) from the calibration; unknown until computed.
    Interval throughputInterval;
    Interval latencyP95IntervalMs;
    Interval costIntervalUsd;
    QStringList intervalNotes; // why this configuration is far from the calibration rows, if it is
};

// Time series over the run in fixed bins, for the occupancy and throughput views.
struct Occupancy {
    std::int64_t binNs = 0;
    int bins = 0;
    std::vector<int> laneCores;          // core id per row of busy (-1 = GPU)
    std::vector<float> busy;             // lanes x bins, row major: busy fraction 0..1
    std::vector<float> inFlight;         // mean requests in flight per bin
    std::vector<float> throughputPerSec; // completed inferences per second per bin
};

} // namespace pipescope::metrics
