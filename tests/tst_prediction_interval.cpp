// Prediction intervals: the calibration's covariance propagated to a run (delta method), wider
// where a configuration lies outside the calibration rows, and said so.
#include "calibrate/prediction_interval.h"
#include "calibrate/study_claims.h"
#include "hardware/catalog.h"
#include "sim/scenario.h"

#include "simulate_or_die.h"

#include <QTest>

using namespace pipescope;

namespace {

sim::RunInputs inputsOf(const QString& instance, const QString& groups, int cores, int batch, int clients) {
    return inputsOrDie(closedLoopScenario(instance, groups, cores, batch, clients, 1000),
                       hardware::Catalog::builtIn());
}

metrics::RunSummary withIntervals(const sim::RunInputs& in) {
    const auto run = sim::simulate(in);
    if (!run)
        qFatal("%s", qPrintable(run.error().toString()));
    calibrate::IntervalOptions options;
    options.requests = 800;
    const auto s = calibrate::withPredictionIntervals(in, run.value()->summary, calibrate::builtInReference(),
                                                      {}, options);
    if (!s)
        qFatal("%s", qPrintable(s.error().toString()));
    return s.value();
}

double relativeWidth(const metrics::Interval& i, double centre) {
    return (i.high - i.low) / centre;
}

} // namespace

class TestPredictionInterval : public QObject {
    Q_OBJECT
private slots:
    void shippedCatalogCarriesItsCovariance() {
        for (const auto& spec : hardware::Catalog::builtIn().instances()) {
            QVERIFY2(!spec.uncertainty.empty(), qPrintable(spec.name));
            const auto n = spec.uncertainty.keys.size();
            QCOMPARE(spec.uncertainty.logCovariance.size(), n * n);
            for (std::size_t i = 0; i < n; ++i)
                QVERIFY(spec.uncertainty.logCovariance[i * n + i] > 0);
        }
    }

    void intervalsContainTheCentre() {
        const auto s =
            withIntervals(inputsOf(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 1, 12));
        QVERIFY(s.throughputInterval.known());
        QVERIFY(s.throughputInterval.low < s.throughputPerSecond &&
                s.throughputPerSecond < s.throughputInterval.high);
        QVERIFY(s.latencyP95IntervalMs.low < s.latencyMs.p95 &&
                s.latencyMs.p95 < s.latencyP95IntervalMs.high);
        QVERIFY(s.costIntervalUsd.low < s.costPerMillionUsd && s.costPerMillionUsd < s.costIntervalUsd.high);
        QVERIFY2(s.intervalNotes.isEmpty(), qPrintable(s.intervalNotes.join(QLatin1Char(';'))));
    }

    // inf1.24xlarge at batch 16 was never measured: the interval is wider and the notes say why.
    void farConfigurationsAreWiderAndSaySo() {
        const auto near =
            withIntervals(inputsOf(QStringLiteral("inf1.6xlarge"), QStringLiteral("16"), 16, 1, 12));
        const auto far = withIntervals(
            inputsOf(QStringLiteral("inf1.24xlarge"), QStringLiteral("16,16,16,16"), 16, 16, 48));
        QVERIFY(far.intervalNotes.contains(QStringLiteral("no calibration row on inf1.24xlarge")));
        QVERIFY(far.intervalNotes.contains(QStringLiteral("batch 16 is outside the calibrated 1-6")));
        QVERIFY2(relativeWidth(far.throughputInterval, far.throughputPerSecond) >
                     relativeWidth(near.throughputInterval, near.throughputPerSecond),
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(relativeWidth(far.throughputInterval, far.throughputPerSecond))
                                .arg(relativeWidth(near.throughputInterval, near.throughputPerSecond))));
    }

    // Poisson arrivals at 1,000/s on inf1.24xlarge (no calibration row, open loop: a wide model
    // error) once gave a throughput interval up to 2,667/s: a run cannot serve more than arrives.
    void openLoopServesAtMostWhatArrives() {
        sim::Scenario scenario = closedLoopScenario(QStringLiteral("inf1.24xlarge"),
                                                    QStringLiteral("16,16,16,16"), 16, 1, 1, 1000);
        scenario.workload.kind = sim::Workload::Kind::OpenLoop;
        scenario.workload.ratePerSecond = 1000;
        const auto s = withIntervals(inputsOrDie(scenario, hardware::Catalog::builtIn()));
        QVERIFY(s.arrivalPerSecond > 0);
        const double ceiling = std::max(s.throughputPerSecond, s.arrivalPerSecond);
        QVERIFY2(s.throughputInterval.high <= ceiling,
                 qPrintable(QStringLiteral("%1 above %2").arg(s.throughputInterval.high).arg(ceiling)));
        QVERIFY(s.throughputInterval.low < s.throughputPerSecond);
        // Its model error is wide here: the bound did cut the interval, or this proves nothing.
        QVERIFY(s.throughputInterval.low < 0.7 * s.throughputPerSecond);
        QVERIFY(std::abs(s.costIntervalUsd.low - s.costPerMillionUsd * s.throughputPerSecond / ceiling) <
                1e-12 * s.costPerMillionUsd);
        QVERIFY(s.costIntervalUsd.high > s.costPerMillionUsd);
        QVERIFY(s.latencyP95IntervalMs.low < s.latencyMs.p95 &&
                s.latencyMs.p95 < s.latencyP95IntervalMs.high);
    }

    void noCovarianceMeansNoInterval() {
        auto in = inputsOf(QStringLiteral("inf1.xlarge"), QStringLiteral("1,1,1,1"), 1, 1, 4);
        in.instance.uncertainty = {};
        const auto run = sim::simulate(in);
        QVERIFY(run.ok());
        const auto s =
            calibrate::withPredictionIntervals(in, run.value()->summary, calibrate::builtInReference());
        QVERIFY(s.ok());
        QVERIFY(!s->throughputInterval.known());
    }

    // The study's headline ratios come from its own rows exactly.
    void claimsFromTheStudysRows() {
        calibrate::ValidationReport report;
        for (const auto& row : calibrate::builtInReference()) {
            calibrate::ValidationRow v;
            v.reference = row;
            v.simulated.throughputPerSecond = row.throughputPerSecond;
            v.simulated.latencyMs.p95 = row.latencyP95Ms;
            report.rows.push_back(v);
        }
        const auto claims = calibrate::studyClaims(report);
        QCOMPARE(claims.size(), std::size_t{7});
        QCOMPARE(qRound(claims[0].published * 10), 120); // 1793 / 149 = 12.0x
        QCOMPARE(qRound(claims[1].published), 30);       // cost share of PP16 vs the GPU at batch 1
        QCOMPARE(qRound(claims[2].published), 58);       // p95 6.9 vs 16.6 ms
        QCOMPARE(qRound(claims[3].published * 10), 92);  // 3880 / 422
        QCOMPARE(qRound(claims[5].published * 10), 23);  // 985 / 422
        for (const auto& c : claims) {
            QVERIFY(c.found);
            QCOMPARE(c.simulated, c.published);
        }
    }
};

QTEST_GUILESS_MAIN(TestPredictionInterval)
#include "tst_prediction_interval.moc"
