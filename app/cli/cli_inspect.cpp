// `pipescope inspect`: a model's operators, totals, the pipeline rule of thumb and, with an
// instance and pipeline depth, the compiler's stages - what the model inspector view shows.
#include "cli/commands.h"
#include "cli/flag_parser.h"

#include "compile/deployment.h"
#include "compile/plan.h"
#include "hardware/catalog.h"
#include "model/model_loader.h"
#include "model/pipeline_rule.h"
#include "model/presets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace pipescope::cli {
namespace {

std::vector<FlagSpec> inspectFlags() {
    return {
        {QStringLiteral("model"), QStringLiteral("NAME|FILE"),
         QStringLiteral("preset, Hugging Face folder or config.json, or .onnx file (required)")},
        {QStringLiteral("batch"), QStringLiteral("N"),
         QStringLiteral("batch size for per-inference figures (default 1)")},
        {QStringLiteral("seq-len"), QStringLiteral("N"),
         QStringLiteral("sequence length, or image size for resnet50 (default 128, 224 for images)")},
        {QStringLiteral("dtype"), QStringLiteral("TYPE"),
         QStringLiteral("bf16, fp16, fp32 or int8 (default bf16)")},
        {QStringLiteral("instance"), QStringLiteral("NAME"),
         QStringLiteral(
             "show the pipeline stages on this instance (default inf1.xlarge with --pipeline-cores)")},
        {QStringLiteral("pipeline-cores"), QStringLiteral("N"),
         QStringLiteral("pipeline depth for the stages (default 1)")},
        {QStringLiteral("json"), {}, QStringLiteral("print one JSON object")},
        {QStringLiteral("help"), {}, QStringLiteral("this text")},
    };
}

// The stage (index into the group's stages) of every operator; -1 when there is no placement.
std::vector<int> stageOfOps(const compile::Placement* placement, std::size_t opCount) {
    std::vector<int> stage(opCount, -1);
    if (!placement || placement->groups.empty())
        return stage;
    const auto& stages = placement->groups.front().stages;
    for (std::size_t s = 0; s < stages.size(); ++s)
        for (int i = std::max(0, stages[s].firstOp); i < stages[s].endOp && i < static_cast<int>(opCount);
             ++i)
            stage[i] = static_cast<int>(s);
    return stage;
}

QJsonObject toJson(const model::ModelGraph& g, int batch, const compile::Placement* placement) {
    const std::vector<int> stage = stageOfOps(placement, g.ops.size());
    const auto* stages =
        placement && !placement->groups.empty() ? &placement->groups.front().stages : nullptr;
    QJsonArray ops;
    for (std::size_t i = 0; i < g.ops.size(); ++i) {
        const auto& op = g.ops[i];
        QJsonObject o{{QStringLiteral("name"), op.name},
                      {QStringLiteral("type"), op.type},
                      {QStringLiteral("engine"), model::engineKindName(op.engine)},
                      {QStringLiteral("flops"), op.flops * batch},
                      {QStringLiteral("parameters"), double(op.parameters)},
                      {QStringLiteral("weight_bytes"), double(op.weightBytes)},
                      {QStringLiteral("weight_read_bytes"), double(op.weightReadBytes)},
                      {QStringLiteral("activation_in_bytes"), double(op.activationInBytes) * batch},
                      {QStringLiteral("activation_out_bytes"), double(op.activationOutBytes) * batch}};
        if (stages && stage[i] >= 0) {
            o[QStringLiteral("stage")] = stage[i];
            o[QStringLiteral("core")] = (*stages)[stage[i]].core;
        }
        ops.append(o);
    }
    QJsonObject root{
        {QStringLiteral("model"), g.name},
        {QStringLiteral("family"), g.family},
        {QStringLiteral("source"), g.source},
        {QStringLiteral("sequence_length"), g.sequenceLength},
        {QStringLiteral("batch"), batch},
        {QStringLiteral("dtype_bytes"), g.dtypeBytes},
        {QStringLiteral("parameters"), double(g.parameters())},
        {QStringLiteral("flops"), g.flopsPerSample() * batch},
        {QStringLiteral("flops_per_sample"), g.flopsPerSample()},
        {QStringLiteral("weight_bytes"), double(g.weightBytes())},
        {QStringLiteral("weight_read_bytes"), double(g.weightReadBytes())},
        {QStringLiteral("suggested_pipeline_cores"), model::suggestedPipelineCores(g.parameters())},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(g.warnings)},
        {QStringLiteral("operators"), ops}};
    if (stages) {
        QJsonArray list;
        for (std::size_t s = 0; s < stages->size(); ++s) {
            const auto& st = (*stages)[s];
            list.append(QJsonObject{{QStringLiteral("stage"), int(s)},
                                    {QStringLiteral("core"), st.core},
                                    {QStringLiteral("chip"), st.chip},
                                    {QStringLiteral("first_op"), st.firstOp},
                                    {QStringLiteral("end_op"), st.endOp},
                                    {QStringLiteral("weight_bytes"), double(st.weightBytes)},
                                    {QStringLiteral("resident_bytes"), double(st.residentBytes)},
                                    {QStringLiteral("streamed_bytes"), double(st.streamedBytes)},
                                    {QStringLiteral("compute_ns"), st.computeNs},
                                    {QStringLiteral("weights_fit"), st.weightsFit()}});
        }
        root[QStringLiteral("stages")] = list;
    }
    return root;
}

void printText(QTextStream& out, const model::ModelGraph& g, int batch, const compile::Placement* placement) {
    const std::vector<int> stage = stageOfOps(placement, g.ops.size());
    const auto* stages =
        placement && !placement->groups.empty() ? &placement->groups.front().stages : nullptr;
    out << QStringLiteral("model %1 (%2, %3), sequence length %4, batch %5, %6-byte weights\n")
               .arg(g.name, g.family, g.source)
               .arg(g.sequenceLength)
               .arg(batch)
               .arg(g.dtypeBytes);
    out << QStringLiteral("%1 %2 %3 %4 %5")
               .arg(QStringLiteral("operator"), -40)
               .arg(QStringLiteral("type"), -18)
               .arg(QStringLiteral("MFLOP"), 12)
               .arg(QStringLiteral("weights KB"), 12)
               .arg(QStringLiteral("act. KB"), 10);
    out << (stages ? QStringLiteral(" %1 %2\n").arg(QStringLiteral("stage"), 5).arg(QStringLiteral("core"), 4)
                   : QStringLiteral("\n"));
    for (std::size_t i = 0; i < g.ops.size(); ++i) {
        const auto& op = g.ops[i];
        out << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(op.name.left(40), -40)
                   .arg(op.type.left(18), -18)
                   .arg(op.flops * batch / 1e6, 12, 'f', 2)
                   .arg(op.weightBytes / 1024.0, 12, 'f', 1)
                   .arg((op.activationOutBytes * double(batch)) / 1024.0, 10, 'f', 1);
        if (stages && stage[i] >= 0)
            out << QStringLiteral(" %1 %2").arg(stage[i], 5).arg((*stages)[stage[i]].core, 4);
        out << '\n';
    }
    out << QStringLiteral("total: %1 operators, %2M parameters, %3 GFLOP per inference, %4 MB of weights\n")
               .arg(g.ops.size())
               .arg(g.parameters() / 1e6, 0, 'f', 2)
               .arg(g.flopsPerSample() * batch / 1e9, 0, 'f', 3)
               .arg(g.weightBytes() / 1e6, 0, 'f', 2);
    out << QStringLiteral("rule of thumb: --neuroncore-pipeline-cores %1 (4 * round(parameters / 2e7))\n")
               .arg(model::suggestedPipelineCores(g.parameters()));
    if (stages)
        for (std::size_t s = 0; s < stages->size(); ++s) {
            const auto& st = (*stages)[s];
            out << QStringLiteral(
                       "stage %1: core %2 (chip %3), operators %4..%5, %6 MB weights, %7, %8 us compute\n")
                       .arg(s)
                       .arg(st.core)
                       .arg(st.chip)
                       .arg(st.firstOp)
                       .arg(st.endOp - 1)
                       .arg(st.weightBytes / 1e6, 0, 'f', 2)
                       .arg(st.weightsFit() ? QStringLiteral("fit in SRAM")
                                            : QStringLiteral("%1 MB streamed from DRAM")
                                                  .arg(st.streamedBytes / 1e6, 0, 'f', 2))
                       .arg(st.computeNs / 1e3, 0, 'f', 1);
        }
    for (const QString& w : g.warnings)
        out << "warning: " << w << '\n';
}

} // namespace

int runInspect(const QStringList& args) {
    FlagParser flags(QStringLiteral("inspect"), inspectFlags());
    if (!flags.parse(args))
        return usageError(flags.error());
    if (flags.has(QStringLiteral("help"))) {
        QTextStream(stdout) << "Usage: pipescope inspect --model NAME|FILE [flags]\n" << flags.usage();
        return 0;
    }
    if (!flags.positional().isEmpty())
        return usageError(QStringLiteral("pipescope inspect: unexpected argument '%1'; flags start with --")
                              .arg(flags.positional().first()));
    if (!flags.has(QStringLiteral("model")))
        return usageError(QStringLiteral("pipescope inspect: --model is required (a preset: %1; or a file)")
                              .arg(model::presetNames().join(QStringLiteral(", "))));
    const QString modelName = flags.value(QStringLiteral("model"));
    const auto batch = flags.integer(QStringLiteral("batch"), 1, 1, 4096);
    const auto seq =
        flags.integer(QStringLiteral("seq-len"), model::defaultSequenceLength(modelName), 1, 1'000'000);
    const auto cores = flags.integer(QStringLiteral("pipeline-cores"), 1, 1, 64);
    if (!batch || !seq || !cores)
        return usageError(flags.error());
    compile::DataType dtype = compile::DataType::BF16;
    if (flags.has(QStringLiteral("dtype")) &&
        !compile::parseDataType(flags.value(QStringLiteral("dtype")), &dtype))
        return usageError(
            QStringLiteral("pipescope inspect: --dtype must be one of bf16, fp16, fp32, int8, got '%1'")
                .arg(flags.value(QStringLiteral("dtype"))));

    const auto graph = model::loadModel(modelName, static_cast<int>(*seq), compile::dataTypeBytes(dtype));
    if (!graph) {
        QTextStream(stderr) << "pipescope inspect: " << graph.error().toString() << '\n';
        return graph.error().where.startsWith(QLatin1String("--")) ? 2 : 1;
    }

    std::optional<compile::Placement> placement;
    if (flags.has(QStringLiteral("instance")) || flags.has(QStringLiteral("pipeline-cores"))) {
        const auto catalog = hardware::Catalog::load();
        if (!catalog) {
            QTextStream(stderr) << "pipescope inspect: " << catalog.error().toString() << '\n';
            return 1;
        }
        const QString instance = flags.value(QStringLiteral("instance"), QStringLiteral("inf1.xlarge"));
        const hardware::InstanceSpec* spec = catalog->find(instance);
        if (!spec || spec->isGpu())
            return usageError(
                QStringLiteral(
                    "pipescope inspect: --instance must be an Inferentia instance of the catalog, got '%1'")
                    .arg(instance));
        sim::RunInputs inputs;
        inputs.model = *graph;
        inputs.instance = *spec;
        inputs.config.groupSizes = {static_cast<int>(*cores)};
        inputs.config.pipelineCores = static_cast<int>(*cores);
        inputs.config.batch = static_cast<int>(*batch);
        inputs.config.sequenceLength = static_cast<int>(*seq);
        inputs.config.dataType = dtype;
        if (auto error = compile::validate(inputs))
            return usageError(QStringLiteral("pipescope inspect: %1").arg(error->toString()));
        auto planned = compile::plan(inputs);
        if (!planned) {
            QTextStream(stderr) << "pipescope inspect: " << planned.error().toString() << '\n';
            return 1;
        }
        placement = std::move(planned).value();
    }

    QTextStream out(stdout);
    const compile::Placement* p = placement ? &*placement : nullptr;
    if (flags.has(QStringLiteral("json")))
        out << QJsonDocument(toJson(*graph, static_cast<int>(*batch), p)).toJson(QJsonDocument::Indented);
    else
        printText(out, *graph, static_cast<int>(*batch), p);
    return 0;
}

} // namespace pipescope::cli
