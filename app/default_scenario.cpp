#include "default_scenario.h"

namespace pipescope::app {
namespace {

sim::Scenario configuration(const char* instance, const char* groups, int pipelineCores, int clients) {
    sim::Scenario s;
    s.model = QStringLiteral("bert-base-uncased");
    s.sequenceLength = 128;
    s.batch = 1;
    s.instance = QString::fromLatin1(instance);
    s.groupSizes = QString::fromLatin1(groups);
    s.pipelineCores = pipelineCores;
    s.workload.kind = sim::Workload::Kind::ClosedLoop;
    s.workload.clients = clients;
    return s;
}

} // namespace

std::vector<DefaultConfiguration> defaultScenario() {
    std::vector<DefaultConfiguration> runs;
    // Four single-core copies, one client per copy: every core busy, no queueing.
    runs.push_back({configuration("inf1.xlarge", "1,1,1,1", 1, 4), false, false});
    // One 4-stage pipeline: four clients keep one request in every stage. Shown first: four lanes
    // with requests visibly streaming through the stages, readable at any window size.
    runs.push_back({configuration("inf1.xlarge", "4", 4, 4), false, true});
    // One 16-stage pipeline over four chips. 16 clients put one request in each stage, which is
    // what fills a pipeline; fewer leave stages idle and understate its throughput, while more
    // than the runtime's in-flight bound (cores + 3) would only queue on the host and inflate
    // latency without adding throughput.
    runs.push_back({configuration("inf1.6xlarge", "16", 16, 16), false, false});
    // The GPU runs one batch at a time, so one client measures its latency without queueing.
    sim::Scenario gpu = configuration("g4dn.xlarge", "", 1, 1);
    gpu.dataType = compile::DataType::FP16;
    runs.push_back({gpu, true, false});
    return runs;
}

sweep::SweepSpace quickExploreSpace() {
    sweep::SweepSpace space;
    space.instances = {QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.6xlarge"),
                       QStringLiteral("g4dn.xlarge")};
    space.batches = {1, 4, 16};
    return space;
}

sweep::LoadCurveOptions quickCurveOptions() {
    // Fewer and shorter points than a full sweep (8 points of 2,000 requests): the curves are
    // noisier but the picture is the same. 500 requests are the fewest whose p95 has a known
    // sampling error (five sections), so the view can still say which picks are ties.
    sweep::LoadCurveOptions options;
    options.points = 6;
    options.requests = 500;
    options.warmup = 50;
    options.probeRequests = 300;
    return options;
}

} // namespace pipescope::app
