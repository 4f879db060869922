#include "calibrate/convolution_fit.h"

#include "calibrate/device_parameters.h"
#include <algorithm>

#include <QJsonDocument>

#include <cmath>

namespace pipescope::calibrate {
namespace {

constexpr int kIterations = 4; // throughput is close to proportional to the efficiency: a few suffice

// A copy of the catalog with conv_efficiency set on every Inferentia device.
Result<hardware::Catalog> withConvEfficiency(const hardware::Catalog& catalog, double efficiency) {
    QJsonObject doc = catalog.toJson();
    QJsonObject devices = doc.value(QStringLiteral("devices")).toObject();
    for (auto it = devices.begin(); it != devices.end(); ++it) {
        QJsonObject device = it.value().toObject();
        if (device.value(QStringLiteral("kind")).toString() != QLatin1String("neuron"))
            continue;
        writeParameter(device, QStringLiteral("conv_efficiency"), efficiency, QStringLiteral("trial"));
        *it = device;
    }
    doc[QStringLiteral("devices")] = devices;
    return hardware::Catalog::fromJson(QJsonDocument(doc).toJson(), QStringLiteral("convolution fit"));
}

} // namespace

bool isConvolutionFigure(const PublishedFigure& figure) {
    return figure.model.startsWith(QLatin1String("resnet")) && figure.throughputPerSecond.has_value() &&
           figure.mode != QLatin1String("gpu");
}

Result<ConvolutionFit> fitConvolutionEfficiency(const hardware::Catalog& catalog,
                                                const std::vector<PublishedFigure>& figures, int requests,
                                                std::uint64_t seed) {
    std::vector<PublishedFigure> rows;
    for (const auto& f : figures)
        if (isConvolutionFigure(f))
            rows.push_back(f);
    if (rows.empty())
        return makeError(QStringLiteral("no published convolution-network figure to fit conv_efficiency to"));
    const hardware::InstanceSpec* any = nullptr;
    for (const auto& spec : catalog.instances())
        if (!spec.isGpu())
            any = &spec;
    if (!any)
        return makeError(QStringLiteral("the catalog has no Inferentia instance"));
    double efficiency = any->neuron.convEfficiency;
    for (int it = 0; it < kIterations; ++it) {
        Result<hardware::Catalog> trial = withConvEfficiency(catalog, efficiency);
        if (!trial)
            return trial.error();
        const PublishedFiguresReport report = checkPublishedFigures(rows, trial.value(), requests, seed);
        double logRatio = 0;
        int used = 0;
        for (const auto& check : report.rows) {
            const FigureComparison* c = check.find(QStringLiteral("throughput_per_s"));
            if (!check.simulated || !c || !(c->predicted > 0))
                return makeError(
                    QStringLiteral("cannot simulate %1: %2").arg(check.figure.label(), check.failure));
            logRatio += std::log(c->published / c->predicted);
            ++used;
        }
        efficiency = std::clamp(efficiency * std::exp(logRatio / used), 0.01, 1.0);
    }
    ConvolutionFit fit;
    fit.efficiency = std::round(efficiency * 1e4) / 1e4;
    fit.rows = static_cast<int>(rows.size());
    for (const auto& r : rows)
        fit.rowLabels.push_back(r.label());
    fit.source = QStringLiteral("fitted (geometric mean of published / simulated throughput) to %1 published "
                                "ResNet-50 rows (resources/reference/published-figures.csv, Neuron SDK %2)")
                     .arg(rows.size())
                     .arg(rows.front().sdk);
    return fit;
}

} // namespace pipescope::calibrate
