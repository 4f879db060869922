// The p95's sampling error (metrics::quantileStandardError): checked against the spread of the p95
// over many independent replicas of the same run, for independent samples and for the correlated
// latencies a queue gives, where the textbook interval for independent samples is too narrow.
#include "metrics/percentiles.h"
#include "metrics/quantile_error.h"
#include "sim/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace pipescope;

namespace {

// `n` values of an AR(1) series with standard normal marginals: x[i] = phi x[i-1] + noise. phi 0
// gives independent values; phi near 1 the long memory of a queue's backlog.
std::vector<double> series(std::uint64_t seed, std::size_t n, double phi) {
    sim::Random random(seed);
    std::vector<double> x(n);
    const double scale = std::sqrt(1 - phi * phi);
    double previous = random.normal();
    for (auto& v : x) {
        previous = phi * previous + scale * random.normal();
        v = previous;
    }
    return x;
}

struct Spread {
    double empirical = 0; // standard deviation of the p95 over the replicas
    double estimated = 0; // mean of the estimated standard errors
};

Spread spreadOverReplicas(double phi, int replicas, std::size_t n) {
    // Sums of the replicas' p95 and of its square (their mean is near 1.6, so no cancellation).
    double sum = 0, sumOfSquares = 0, estimated = 0;
    for (int r = 0; r < replicas; ++r) {
        std::vector<double> x = series(1000 + static_cast<std::uint64_t>(r), n, phi);
        estimated += metrics::quantileStandardError(x, 0.95);
        const double p95 = metrics::percentileSelect(x, 0.95);
        sum += p95;
        sumOfSquares += p95 * p95;
    }
    const double count = replicas;
    const double variance = (sumOfSquares - sum * sum / count) / (count - 1);
    return {std::sqrt(variance), estimated / count};
}

} // namespace

class TestQuantileError : public QObject {
    Q_OBJECT
private slots:
    // Several percentiles at once (metrics::percentilesSelect, each selection from the rank the one
    // before found) give the very values one selection each gives, on sizes where the ranks
    // coincide (1, 2) and interpolate, with ties, and with the maximum as q = 1.
    void percentilesAtOnceAreTheSame() {
        const std::initializer_list<double> qs{0.0, 0.5, 0.5, 0.9, 0.95, 0.99, 1.0};
        for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{2000}}) {
            std::vector<double> x = series(77 + n, n, 0.5);
            for (std::size_t i = 0; i < n; i += 5)
                x[i] = 1.0; // ties
            std::vector<double> together = x;
            const std::vector<double> got = metrics::percentilesSelect(together, qs);
            QCOMPARE(got.size(), qs.size());
            std::size_t k = 0;
            for (const double q : qs) {
                std::vector<double> alone = x;
                QCOMPARE(got[k++], metrics::percentileSelect(alone, q));
            }
            QCOMPARE(got.back(), *std::max_element(x.begin(), x.end()));
        }
        std::vector<double> none;
        QCOMPARE(metrics::percentilesSelect(none, {0.5, 0.95}), (std::vector<double>{0, 0}));
    }

    // Independent values: the estimate agrees with the replicas' spread and with the textbook
    // sqrt(q (1 - q) / n) / density(x_q): 0.047 for the normal's p95 over 2,000 values (Random::normal()
    // is an Irwin-Hall sum, a little denser at its p95: 0.041).
    void independentValues() {
        const Spread s = spreadOverReplicas(0.0, 300, 2000);
        const double textbook =
            std::sqrt(0.95 * 0.05 / 2000) / (std::exp(-0.5 * 1.6449 * 1.6449) / std::sqrt(2 * M_PI));
        QVERIFY2(std::abs(s.empirical / textbook - 1) < 0.2,
                 qPrintable(QStringLiteral("replicas %1, textbook %2").arg(s.empirical).arg(textbook)));
        QVERIFY2(std::abs(s.estimated / s.empirical - 1) < 0.2,
                 qPrintable(QStringLiteral("estimated %1, replicas %2").arg(s.estimated).arg(s.empirical)));
    }

    // Correlated values (a backlog lasting tens of requests): the p95 varies several times more
    // than independent values would let it, and the sections see it.
    void correlatedValues() {
        const Spread s = spreadOverReplicas(0.9, 300, 2000);
        const Spread independent = spreadOverReplicas(0.0, 300, 2000);
        QVERIFY2(
            s.empirical > 2 * independent.empirical,
            qPrintable(
                QStringLiteral("correlated %1, independent %2").arg(s.empirical).arg(independent.empirical)));
        QVERIFY2(std::abs(s.estimated / s.empirical - 1) < 0.25,
                 qPrintable(QStringLiteral("estimated %1, replicas %2").arg(s.estimated).arg(s.empirical)));
    }

    // Sections whose quantiles are known (each section one value repeated): ten sections give the
    // plain sectioning estimate, five the same widened by t(4) / t(9) = 2.776 / 2.262.
    void sectionsOfKnownQuantiles() {
        std::vector<double> ten, five;
        for (int section = 1; section <= 10; ++section)
            ten.insert(ten.end(), 100, section);
        for (int section = 1; section <= 5; ++section)
            five.insert(five.end(), 100, section);
        // Sample variance of 1..10 is 55 / 6, of 1..5 it is 2.5.
        QVERIFY(std::abs(metrics::quantileStandardError(ten, 0.95) - std::sqrt(55.0 / 6 / 10)) < 1e-12);
        QVERIFY(std::abs(metrics::quantileStandardError(five, 0.95) - 2.776 / 2.262 * std::sqrt(2.5 / 5)) <
                1e-12);
    }

    // Too few values for five sections with five above the p95 each, or no quantile: unknown.
    void unknownWhenTooShort() {
        QCOMPARE(metrics::quantileStandardError(series(1, 499, 0), 0.95), 0.0);
        QVERIFY(metrics::quantileStandardError(series(1, 500, 0), 0.95) > 0);
        QCOMPARE(metrics::quantileStandardError(series(1, 2000, 0), 1.0), 0.0);
        QCOMPARE(metrics::quantileStandardError({}, 0.95), 0.0);
        const std::vector<double> constant(2000, 3.0);
        QCOMPARE(metrics::quantileStandardError(constant, 0.95), 0.0);
    }

    // The threshold as a count (the sweep's least requests per point): exactly where the error
    // appears, for the p95 and others.
    void leastCountIsTheThreshold() {
        QCOMPARE(metrics::leastCountWithError(0.95), 500);
        for (const double q : {0.5, 0.9, 0.95, 0.99}) {
            const int least = metrics::leastCountWithError(q);
            QVERIFY(metrics::quantileStandardError(series(1, static_cast<std::size_t>(least), 0), q) > 0);
            QCOMPARE(metrics::quantileStandardError(series(1, static_cast<std::size_t>(least) - 1, 0), q),
                     0.0);
        }
        QCOMPARE(metrics::leastCountWithError(1.0), 0);
    }
};

QTEST_APPLESS_MAIN(TestQuantileError)
#include "tst_quantile_error.moc"
