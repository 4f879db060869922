#include "calibrate/study_claims.h"

namespace pipescope::calibrate {
namespace {

const ValidationRow* findRow(const ValidationReport& report, const QString& instance, const QString& mode,
                             int batch) {
    for (const auto& row : report.rows)
        if (row.reference.instance == instance && row.reference.mode == mode && row.reference.batch == batch)
            return &row;
    return nullptr;
}

double costPerInference(double pricePerHour, double throughput) {
    return throughput > 0 ? pricePerHour / throughput : 0;
}

// Throughput ratio and cost share of row a against row b, measured and simulated.
void compare(std::vector<ClaimCheck>& out, const QString& what, const ValidationRow* a,
             const ValidationRow* b) {
    ClaimCheck throughput{what + QStringLiteral(": throughput"), QStringLiteral("x"), 0, 0, a && b};
    ClaimCheck cost{what + QStringLiteral(": cost per inference"), QStringLiteral("%"), 0, 0, a && b};
    if (a && b) {
        const auto& ra = a->reference;
        const auto& rb = b->reference;
        throughput.published = ra.throughputPerSecond / rb.throughputPerSecond;
        throughput.simulated = a->simulated.throughputPerSecond / b->simulated.throughputPerSecond;
        cost.published = 100.0 * costPerInference(ra.pricePerHour, ra.throughputPerSecond) /
                         costPerInference(rb.pricePerHour, rb.throughputPerSecond);
        cost.simulated = 100.0 * costPerInference(ra.pricePerHour, a->simulated.throughputPerSecond) /
                         costPerInference(rb.pricePerHour, b->simulated.throughputPerSecond);
    }
    out.push_back(throughput);
    out.push_back(cost);
}

} // namespace

std::vector<ClaimCheck> studyClaims(const ValidationReport& report) {
    const QString big = QStringLiteral("inf1.6xlarge"), small = QStringLiteral("inf1.xlarge"),
                  gpu = QStringLiteral("g4dn.xlarge");
    const QString pipeline = QStringLiteral("pipeline"), dp = QStringLiteral("data_parallel");
    const ValidationRow* pp16 = findRow(report, big, pipeline, 1);
    const ValidationRow* gpu1 = findRow(report, gpu, QStringLiteral("gpu"), 1);
    const ValidationRow* gpu64 = findRow(report, gpu, QStringLiteral("gpu"), 64);
    std::vector<ClaimCheck> claims;
    compare(claims, QStringLiteral("PP16 batch 1 on inf1.6xlarge vs g4dn.xlarge batch 1"), pp16, gpu1);

    const ValidationRow* dp1 = findRow(report, big, dp, 1);
    ClaimCheck reduction{
        QStringLiteral("p95 reduction of PP16 vs single-core copies on inf1.6xlarge, batch 1"),
        QStringLiteral("%"), 0, 0, pp16 && dp1};
    if (reduction.found) {
        reduction.published = 100.0 * (1.0 - pp16->reference.latencyP95Ms / dp1->reference.latencyP95Ms);
        reduction.simulated = 100.0 * (1.0 - pp16->simulated.latencyMs.p95 / dp1->simulated.latencyMs.p95);
    }
    claims.push_back(reduction);

    compare(claims, QStringLiteral("data parallel batch 6 on inf1.6xlarge vs g4dn.xlarge batch 64"),
            findRow(report, big, dp, 6), gpu64);
    compare(claims, QStringLiteral("data parallel batch 6 on inf1.xlarge vs g4dn.xlarge batch 64"),
            findRow(report, small, dp, 6), gpu64);
    return claims;
}

} // namespace pipescope::calibrate
