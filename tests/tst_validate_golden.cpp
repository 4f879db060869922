// Golden test of `validate`: the shipped, calibrated catalog reproduces every published
// measurement within the accuracy targets (throughput 5%, p95 latency 10%) at 20,000 requests.
#include "calibrate/validation.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace pipescope;

class TestValidateGolden : public QObject {
    Q_OBJECT
private slots:
    void referenceIsTheSharedOne() {
        // The copy in resources/ must stay the published file (when the shared folder is there).
        QFile shared(QStringLiteral(PIPESCOPE_REFERENCE_DIR "/seed-measurements.csv"));
        if (!shared.open(QIODevice::ReadOnly))
            QSKIP("shared/reference is not next to this checkout");
        QFile embedded(QStringLiteral(":/pipescope/reference/seed-measurements.csv"));
        QVERIFY(embedded.open(QIODevice::ReadOnly));
        QCOMPARE(embedded.readAll(), shared.readAll());
    }

    void everyRowWithinTolerance() {
        const auto& reference = calibrate::builtInReference();
        QCOMPARE(reference.size(), std::size_t{6});
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
        QVERIFY(report->throughputMape <= 5.0);
        QVERIFY(report->p95Mape <= 10.0);
    }
};

QTEST_GUILESS_MAIN(TestValidateGolden)
#include "tst_validate_golden.moc"
