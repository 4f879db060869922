// conv_efficiency: fitted to AWS's published ResNet-50 rows (the study has no convolution network),
// so that a convolution network does not come out twice as fast as published figures.
#include "calibrate/convolution_fit.h"

#include <QTest>

#include <cmath>

using namespace pipescope;

class TestConvolutionFit : public QObject {
    Q_OBJECT
private slots:
    void shippedCatalogKeepsResNetWithinAFactorOfTwo() {
        std::vector<calibrate::PublishedFigure> rows;
        for (const auto& f : calibrate::builtInPublishedFigures())
            if (calibrate::isConvolutionFigure(f))
                rows.push_back(f);
        QVERIFY(rows.size() >= 1);
        const auto report = calibrate::checkPublishedFigures(rows, hardware::Catalog::builtIn(), 1000, 1);
        for (const auto& check : report.rows) {
            QVERIFY2(check.simulated, qPrintable(check.failure));
            const auto* thr = check.find(QStringLiteral("throughput_per_s"));
            QVERIFY(thr);
            const double ratio = thr->predicted / thr->published;
            QVERIFY2(ratio > 0.5 && ratio < 2.0,
                     qPrintable(check.figure.label() + QStringLiteral(": %1").arg(ratio)));
        }
        const QString source = hardware::Catalog::builtIn()
                                   .find(QStringLiteral("inf1.xlarge"))
                                   ->sources.at(QStringLiteral("neuron.conv_efficiency"));
        QVERIFY2(source.contains(QLatin1String("ResNet-50")), qPrintable(source));
    }

    void fitMovesTowardsThePublishedThroughput() {
        const auto fit = calibrate::fitConvolutionEfficiency(hardware::Catalog::builtIn(),
                                                             calibrate::builtInPublishedFigures(), 600, 1);
        QVERIFY2(fit.ok(), qPrintable(fit.ok() ? QString() : fit.error().toString()));
        QVERIFY(fit->efficiency > 0.01 && fit->efficiency < 1.0);
        QCOMPARE(fit->rows, static_cast<int>(fit->rowLabels.size()));
        // Refitting the shipped value changes it little: it is already the fixed point.
        const double shipped =
            hardware::Catalog::builtIn().find(QStringLiteral("inf1.xlarge"))->neuron.convEfficiency;
        QVERIFY2(std::abs(std::log(fit->efficiency / shipped)) < 0.15,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fit->efficiency).arg(shipped)));
    }

    void noConvolutionRowIsAnError() {
        const auto fit = calibrate::fitConvolutionEfficiency(hardware::Catalog::builtIn(), {}, 600, 1);
        QVERIFY(!fit.ok());
        QVERIFY(fit.error().toString().contains(QLatin1String("no published convolution-network figure")));
    }
};

QTEST_GUILESS_MAIN(TestConvolutionFit)
#include "tst_convolution_fit.moc"
