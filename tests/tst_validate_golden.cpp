// Golden test of `validate`: the shipped, calibrated catalog reproduces all ten rows of the 2021
// study within the accuracy targets (throughput 5%, p95 latency 10%; mean errors 3% and 6%) at
// 20,000 requests, and the study's headline comes out: PP16 at batch 1 on inf1.6xlarge between
// 10x and 14x a g4dn.xlarge.
#include "calibrate/study_claims.h"
#include "calibrate/validation.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace pipescope;

class TestValidateGolden : public QObject {
    Q_OBJECT
private slots:
    void referenceIsTheSharedOne_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("xlarge and g4dn") << "seed-measurements.csv";
        QTest::newRow("6xlarge") << "seed-measurements-6xlarge.csv";
    }
    void referenceIsTheSharedOne() {
        // The copies in resources/ must stay the published files (when the shared folder is there).
        QFETCH(QString, file);
        QFile shared(QStringLiteral(PIPESCOPE_REFERENCE_DIR "/") + file);
        if (!shared.open(QIODevice::ReadOnly))
            QSKIP("shared/reference is not next to this checkout");
        QFile embedded(QStringLiteral(":/pipescope/reference/") + file);
        QVERIFY(embedded.open(QIODevice::ReadOnly));
        QCOMPARE(embedded.readAll(), shared.readAll());
    }

    void everyRowWithinTolerance() {
        const auto& reference = calibrate::builtInReference();
        QCOMPARE(reference.size(), std::size_t{10});
        const auto report = calibrate::validateAgainst(reference, hardware::Catalog::builtIn(), 20000, 1);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().toString()));
        for (const auto& row : report->rows) {
            const QString what = QStringLiteral("%1: throughput %2 vs %3, p95 %4 vs %5")
                                     .arg(row.reference.label())
                                     .arg(row.simulated.throughputPerSecond)
                                     .arg(row.reference.throughputPerSecond)
                                     .arg(row.simulated.latencyMs.p95)
                                     .arg(row.reference.latencyP95Ms);
            QVERIFY2(std::abs(row.throughputErrorPercent) <= 5.0, qPrintable(what));
            QVERIFY2(std::abs(row.p95ErrorPercent) <= 10.0, qPrintable(what));
        }
        QVERIFY2(report->throughputMape <= 3.0, qPrintable(QString::number(report->throughputMape)));
        QVERIFY2(report->p95Mape <= 6.0, qPrintable(QString::number(report->p95Mape)));

        const auto claims = calibrate::studyClaims(report.value());
        QVERIFY(claims.front().found);
        QVERIFY2(claims.front().simulated >= 10.0 && claims.front().simulated <= 14.0,
                 qPrintable(QString::number(claims.front().simulated)));
    }
};

QTEST_GUILESS_MAIN(TestValidateGolden)
#include "tst_validate_golden.moc"
