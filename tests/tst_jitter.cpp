// The simulator's jitter factors come from tables (sim::Jitter) instead of std::exp: the same draw
// of the random stream must give std::exp's factor, and the factors must keep mean 1 and the
// log-sigma asked for.
#include "sim/jitter.h"

#include <QTest>

#include <cmath>

using namespace pipescope::sim;

class TestJitter : public QObject {
    Q_OBJECT
private slots:
    void tablesGiveStdExpOfTheSameDraw_data() {
        QTest::addColumn<double>("sigma");
        QTest::newRow("device 0.01") << 0.01;
        QTest::newRow("host 0.05") << 0.05;
        QTest::newRow("wide 0.5") << 0.5;
    }
    void tablesGiveStdExpOfTheSameDraw() {
        QFETCH(double, sigma);
        const Jitter jitter(sigma);
        Random tables(42), direct(42);
        double worst = 0;
        for (int i = 0; i < 200000; ++i) {
            const double got = jitter.draw(tables);
            const double want = std::exp(sigma * direct.normal() - 0.5 * sigma * sigma);
            worst = std::max(worst, std::abs(got / want - 1.0));
        }
        QVERIFY2(worst < 1e-14, qPrintable(QString::number(worst)));
    }

    // normalSum() adds two 16-bit fields per lane of one 64-bit add: it must be the plain sum of
    // the twelve fields of the same three words, extremes included.
    void normalSumIsTheSumOfTwelveFields() {
        const auto plain = [](Random& r) {
            std::uint64_t sum = 0;
            for (int word = 0; word < 3; ++word) {
                const std::uint64_t bits = r.next();
                for (int field = 0; field < 4; ++field)
                    sum += (bits >> (16 * field)) & 0xFFFF;
            }
            return sum;
        };
        Random lanes(11), fields(11);
        for (int i = 0; i < 100000; ++i)
            QCOMPARE(std::uint64_t{lanes.normalSum()}, plain(fields));
    }

    void extremesOfTheSumAreInTheTables() {
        const double sigma = 0.3;
        const Jitter jitter(sigma);
        // A stream whose sums hit 0 and the maximum cannot be forced, so check the formula's ends
        // through normalFromSum: the tables cover every sum from 0 to kNormalSumMax.
        QCOMPARE(Random::normalFromSum(0), 6.0 / 65536.0 - 6.0);
        QVERIFY(std::abs(Random::normalFromSum(Random::kNormalSumMax) - (6.0 - 6.0 / 65536.0)) < 1e-12);
        Random r(1);
        for (int i = 0; i < 1000; ++i) {
            const double f = jitter.draw(r);
            QVERIFY(f > std::exp(-6.0 * sigma - 0.5 * sigma * sigma) * 0.999);
            QVERIFY(f < std::exp(6.0 * sigma) * 1.001);
        }
    }

    void meanOneAndLogSigma() {
        const double sigma = 0.1;
        const Jitter jitter(sigma);
        Random r(3);
        const int n = 400000;
        double sum = 0, logSum = 0, logSquares = 0;
        for (int i = 0; i < n; ++i) {
            const double f = jitter.draw(r);
            sum += f;
            logSum += std::log(f);
            logSquares += std::log(f) * std::log(f);
        }
        const double mean = sum / n;
        const double logMean = logSum / n;
        const double logSd = std::sqrt(logSquares / n - logMean * logMean);
        QVERIFY2(std::abs(mean - 1.0) < 1e-3, qPrintable(QString::number(mean)));
        QVERIFY2(std::abs(logSd - sigma) < 2e-3, qPrintable(QString::number(logSd)));
    }

    // Without jitter the factor is 1 and the stream is not consumed, as the simulator relies on
    // for runs with jitter switched off to draw the same arrivals.
    void zeroSigmaDrawsNothing() {
        const Jitter none(0.0);
        Random a(9), b(9);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(none.draw(a), 1.0);
        QCOMPARE(a.next(), b.next());
    }
};

QTEST_GUILESS_MAIN(TestJitter)
#include "tst_jitter.moc"
