#pragma once

#include "core/result.h"
#include "hardware/catalog.h"
#include "metrics/run_summary.h"
#include "sim/scenario.h"

#include <map>
#include <optional>
#include <vector>

namespace pipescope::calibrate {

// One published inference figure from a source other than the 2021 study
// (resources/reference/published-figures.csv). Held-out evidence: the calibration never reads it.
struct PublishedFigure {
    int line = 0;           // line in the CSV, for messages
    QString model;          // Pipescope preset
    QString checkpoint;     // what the source ran
    int sequenceLength = 0; // tokens, or the image side for image models
    QString instance;
    QString mode; // data_parallel, pipeline, gpu
    QString groupSizes;
    int pipelineCores = 1;
    int batch = 1;              // batch of one call, as published
    bool splitBatch = false;    // the call is divided evenly over the groups by the framework
    std::optional<int> clients; // requests in flight, when the source states them
    QString dtype;              // as published: fp32, fp16, bf16, int8
    QString framework;
    std::optional<double> throughputPerSecond;
    std::optional<double> latencyMeanMs, latencyP50Ms, latencyP95Ms, latencyP99Ms;
    QString sdk, source, title, notes;

    QString label() const; // "bert-base-uncased s128 inf1.xlarge dp 4x[1] b6", "... pipeline [16] b1"
};

// Parses the published-figures CSV (comment lines start with '#'; fields may be quoted). Unknown
// models or instances are not parse errors: the check reports them per row. The error names the
// line and the column at fault.
Result<std::vector<PublishedFigure>> parsePublishedFigures(const QByteArray& csv, const QString& origin);
// The copy shipped in the binary (empty if it does not parse, which tst_published_figures catches).
const std::vector<PublishedFigure>& builtInPublishedFigures();

// The data type simulated for a published one: neuron-cc auto-casts FP32 models to BF16 by default
// (Neuron docs, "Data Types"), so fp32 rows run as BF16; the others as published.
compile::DataType simulatedDataType(const QString& publishedDtype);

// Requests in flight used when the source does not state them: enough to fill the deployment.
// Inferentia: the runtime lets each model copy hold (its cores + neuron.extraInFlight) requests
// (NEURON_MAX_NUM_INFERS default), so the sum over the groups, at most kMaxDefaultClients; a GPU
// benchmark loop: one. A split batch is one call at a time spread over the groups, so one per group.
constexpr int kMaxDefaultClients = 256;
int defaultClients(const PublishedFigure& figure, const hardware::InstanceSpec& instance);

// The closed-loop scenario that reproduces a figure (split batches become one client per group
// at batch / groups).
sim::Scenario publishedScenario(const PublishedFigure& figure, const hardware::InstanceSpec& instance,
                                int requests, std::uint64_t seed);

// One published quantity next to its prediction.
struct FigureComparison {
    QString quantity; // throughput_per_s, latency_mean_ms, latency_p50_ms, latency_p95_ms, latency_p99_ms
    double published = 0;
    double predicted = 0;
    double errorPercent = 0; // (predicted - published) / published * 100
};

struct PublishedFigureCheck {
    PublishedFigure figure;
    bool simulated = false;
    QString failure; // why the simulator could not build or run the row
    int clients = 0; // requests in flight simulated
    bool clientsStated = false;
    metrics::RunSummary predicted;
    std::vector<FigureComparison> comparisons; // only the quantities the source publishes
    const FigureComparison* find(const QString& quantity) const;
};

struct PublishedFiguresReport {
    std::vector<PublishedFigureCheck> rows;
    // Mean absolute percentage error per quantity over the simulated rows that publish it, and how
    // many rows that is.
    std::map<QString, std::pair<double, int>> mape;
};

// Simulates every figure with the catalog's parameters. Never fails as a whole: a row the simulator
// cannot build is kept with its reason.
PublishedFiguresReport checkPublishedFigures(const std::vector<PublishedFigure>& figures,
                                             const hardware::Catalog& catalog, int requests,
                                             std::uint64_t seed);

} // namespace pipescope::calibrate
