#pragma once

#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace pipescope::hardware {

// Per-NeuronCore and per-chip figures of an Inferentia device. Published figures come from
// ../shared/reference/hardware.md; the rest are calibrated (see InstanceSpec::sources).
struct NeuronDevice {
    int coresPerChip = 4;
    double tensorFlops = 16e12; // peak FP16/BF16 per core (published)
    double vectorFlops = 0;     // peak per core (FLOP per cycle published, clock is not)
    double scalarFlops = 0;     // peak per core
    // Achieved / peak rate per operator class (model::OpClass); gathers are bound by DRAM instead.
    double tensorEfficiency = 0.5;    // dense matmuls on the TensorEngine (calibrated)
    double attentionEfficiency = 0.5; // attention's batched matmuls and softmax (calibrated, weak)
    double convEfficiency = 0.3;      // convolutions on the TensorEngine (from published figures)
    double vectorEfficiency = 0.5;    // elementwise work on the Vector/Scalar engines (calibrated)
    std::int64_t sramBytes = 0;       // on-chip SRAM per core usable for weights + activations (calibrated)
    std::int64_t dramBytesPerChip = 0;
    double dramBandwidth = 0;    // bytes/s per chip, shared by its cores (published)
    double dramEfficiency = 0.7; // achieved / peak DRAM bandwidth on weight streams (calibrated)
    // What one core's weight stream can reach on its own (its DMA queues), bytes/s; 0 means no cap.
    // A lone stream does not get the whole chip's bandwidth (calibrated, weak).
    double dmaBandwidthPerCore = 0;
    double neuronLinkBandwidth = 0; // bytes/s chip to chip (published)
    double onChipBandwidth = 0;     // bytes/s core to core on one chip (assumed)
    double stageOverheadNs = 0;     // fixed cost of one stage execution: sync, DMA descriptors (calibrated)
    int extraInFlight = 3;          // runtime bound on requests in flight = cores + this (published default)
};

// The GPU of a baseline instance, running the model as a sequence of kernels.
struct GpuDevice {
    double tensorFlops = 0;      // peak FP16 tensor-core rate (published)
    double fp32Flops = 0;        // peak FP32 rate (published)
    double memBandwidth = 0;     // bytes/s (published)
    std::int64_t memBytes = 0;   // device memory (published)
    double tensorEfficiency = 0; // achieved / peak on matmul kernels (calibrated)
    double memEfficiency = 0.7;  // achieved / peak bandwidth on memory-bound kernels (assumed)
    double launchOverheadNs = 0; // per kernel launch (calibrated)
};

// The host side of a serving process: per-request framework work is serialised (one
// interpreter lock), the device round trip is not.
struct HostParams {
    double requestOverheadNs = 0;   // serialised framework work per request (calibrated)
    double perSampleOverheadNs = 0; // serialised work per sample in a batch (calibrated)
    double deviceLatencyNs = 0;     // runtime submit + completion per request, not serialised (calibrated)
    double pcieBandwidth = 0;       // bytes/s host to device copies (assumed)
    double jitter = 0;              // sigma of multiplicative lognormal noise on device work (calibrated)
    double hostJitter = 0;          // sigma of multiplicative lognormal noise on host work (calibrated)
};

// What the calibration fit knows about its own parameters: the covariance of their logarithms
// (from the fit's Jacobian) and the scatter it left on its rows, for prediction intervals.
struct CalibrationUncertainty {
    std::vector<QString> keys;         // parameter keys as in calibrate::applyParameter ("host.jitter")
    std::vector<double> logCovariance; // keys x keys, row major, of log(parameter)
    double throughputSigma = 0;        // RMS of log(simulated / measured) throughput on the fit's rows
    double p95Sigma = 0;               // the same for p95 latency
    int rows = 0;                      // measurements the fit used
    bool empty() const { return keys.empty(); }
};

enum class InstanceKind { Inferentia, Gpu };

struct InstanceSpec {
    QString name;
    InstanceKind kind = InstanceKind::Inferentia;
    QString device; // catalog key of the device entry, e.g. "inferentia1", "t4"
    // The device profile (hardware/device_profile.h) whose fitted entry replaced the catalog's
    // device, or empty for the catalog's own.
    QString deviceProfile;
    int chips = 1; // Inferentia chips, or GPUs
    int vcpus = 0;
    double hostMemoryGiB = 0;
    std::map<QString, double> pricePerHour; // price set id -> USD per hour
    NeuronDevice neuron;
    GpuDevice gpu;
    HostParams host;
    // Where each parameter comes from, keyed by its catalog path ("neuron.sram_bytes"): a
    // publication, "assumed", or the calibration fit that produced it.
    std::map<QString, QString> sources;
    CalibrationUncertainty uncertainty; // of the device's calibrated parameters; empty if never fitted

    bool isGpu() const { return kind == InstanceKind::Gpu; }
    int totalCores() const { return isGpu() ? 0 : chips * neuron.coresPerChip; }
    // The price of this instance in a price set, or a negative number when the set has none.
    double price(const QString& priceSet) const;
};

} // namespace pipescope::hardware
