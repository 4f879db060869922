// Calibration: the least-squares solver on a problem with a known answer, and the fit of the
// unpublished parameters to the reference rows starting from the priors.
#include "calibrate/calibration.h"
#include "calibrate/cross_validation.h"
#include "calibrate/levenberg_marquardt.h"
#include "calibrate/validation.h"

#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace pipescope;

class TestCalibration : public QObject {
    Q_OBJECT
private slots:
    void solverRecoversKnownParameters() {
        // y = a * exp(-b t) sampled without noise; start far from (a, b) = (3, 0.5).
        Eigen::VectorXd t = Eigen::VectorXd::LinSpaced(20, 0.0, 5.0);
        Eigen::VectorXd y = (3.0 * (-0.5 * t.array()).exp()).matrix();
        auto residuals = [&](const Eigen::VectorXd& x) {
            return Eigen::VectorXd((x[0] * (-x[1] * t.array()).exp()).matrix() - y);
        };
        calibrate::LmOptions options;
        options.step = 1e-6;
        options.tolerance = 1e-14;
        options.maxIterations = 200;
        const auto fit =
            calibrate::levenbergMarquardt(residuals, Eigen::Vector2d(1.0, 2.0), Eigen::Vector2d(0.0, 0.0),
                                          Eigen::Vector2d(10.0, 10.0), options);
        QVERIFY2(std::abs(fit.x[0] - 3.0) < 1e-4, qPrintable(QString::number(fit.x[0])));
        QVERIFY2(std::abs(fit.x[1] - 0.5) < 1e-4, qPrintable(QString::number(fit.x[1])));
        QVERIFY(fit.cost < 1e-8);
    }

    void solverRespectsBounds() {
        auto residuals = [](const Eigen::VectorXd& x) { return Eigen::VectorXd((x.array() - 5.0).matrix()); };
        const auto fit =
            calibrate::levenbergMarquardt(residuals, Eigen::VectorXd::Zero(1),
                                          Eigen::VectorXd::Constant(1, -1), Eigen::VectorXd::Constant(1, 2));
        QCOMPARE(fit.x[0], 2.0);
    }

    // Start every calibrated parameter at its prior (forgetting the shipped values), fit all ten
    // rows, and check the fitted catalog meets the accuracy targets on the rows it was fitted to.
    void fitFromPriorsMeetsTargets() {
        const auto start = calibrate::catalogAtPriors(hardware::Catalog::builtIn());
        QVERIFY2(start.ok(), qPrintable(start.ok() ? QString() : start.error().toString()));
        calibrate::CalibrationOptions options;
        options.requests = 1500;
        int progressCalls = 0;
        options.progress = [&](double) { ++progressCalls; };
        const auto result = calibrate::calibrate(start.value(), calibrate::builtInReference(), options);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QVERIFY(progressCalls > 0);
        QCOMPARE(result->fits.size(), std::size_t{2});
        for (const auto& p : result->parameters) {
            QVERIFY(p.value >= p.min && p.value <= p.max);
            QVERIFY(p.logSigma > 0);
        }
        const auto fitted =
            hardware::Catalog::fromJson(QJsonDocument(result->catalog).toJson(), QStringLiteral("fit"));
        QVERIFY2(fitted.ok(), qPrintable(fitted.ok() ? QString() : fitted.error().toString()));
        const auto* spec = fitted->find(QStringLiteral("inf1.xlarge"));
        QVERIFY(spec->sources.at(QStringLiteral("neuron.sram_bytes"))
                    .startsWith(QLatin1String("calibrated: Levenberg-Marquardt")));
        QCOMPARE(spec->uncertainty.rows, 8);
        const auto report =
            calibrate::validateAgainst(calibrate::builtInReference(), fitted.value(), 1500, 1);
        QVERIFY(report.ok());
        for (const auto& row : report->rows) {
            QVERIFY2(std::abs(row.throughputErrorPercent) <= 6.0, qPrintable(row.reference.label()));
            QVERIFY2(std::abs(row.p95ErrorPercent) <= 10.0, qPrintable(row.reference.label()));
        }
    }

    void cancelledFitSaysSo() {
        std::atomic<bool> cancel{true};
        calibrate::CalibrationOptions options;
        options.requests = 300;
        options.cancel = &cancel;
        const auto result =
            calibrate::calibrate(hardware::Catalog::builtIn(), calibrate::builtInReference(), options);
        QVERIFY(!result.ok());
        QVERIFY(result.error().toString().contains(QLatin1String("cancelled")));
    }

    // Cross-validation by instance type: each fold predicts only rows of the instance it left out.
    void crossValidationPredictsTheRowsItLeftOut() {
        calibrate::CrossValidationOptions options;
        options.fit.requests = 300;
        options.fit.maxIterations = 2;
        options.predictRequests = 600;
        options.rowFolds = false;
        const auto cv =
            calibrate::crossValidate(hardware::Catalog::builtIn(), calibrate::builtInReference(), options);
        QVERIFY2(cv.ok(), qPrintable(cv.ok() ? QString() : cv.error().toString()));
        QCOMPARE(cv->fits, 2);
        QCOMPARE(cv->rows.size(), std::size_t{8});
        for (const auto& row : cv->rows) {
            QCOMPARE(row.kind, QStringLiteral("instance"));
            const QString instance = row.fold.mid(QStringLiteral("without ").size());
            QVERIFY2(row.row.startsWith(instance + QLatin1Char(' ')),
                     qPrintable(row.fold + QLatin1String(" / ") + row.row));
            QVERIFY(row.predictedThroughput > 0 && row.predictedP95 > 0);
        }
        QVERIFY(std::isfinite(cv->throughputMape) && cv->throughputMape > 0);
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
