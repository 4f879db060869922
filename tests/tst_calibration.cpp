// Calibration: the least-squares solver on a problem with a known answer, and the fit of the
// unpublished parameters to the reference rows starting from the priors.
#include "calibrate/calibration.h"
#include "calibrate/levenberg_marquardt.h"
#include "calibrate/validation.h"

#include <QJsonDocument>
#include <QTest>

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

    // Start every calibrated parameter at its prior (forgetting the shipped values), fit, and
    // check the fitted catalog meets the accuracy targets on the rows it was fitted to.
    void fitFromPriorsMeetsTargets() {
        const auto& base = hardware::Catalog::builtIn();
        QJsonObject doc = base.toJson();
        QJsonObject devices = doc.value(QStringLiteral("devices")).toObject();
        for (const auto& p : calibrate::calibratedParameters(base)) {
            QJsonObject device = devices.value(p.device).toObject();
            const QJsonObject entry{{QStringLiteral("value"), p.prior},
                                    {QStringLiteral("source"), QStringLiteral("prior")}};
            if (p.key.startsWith(QLatin1String("host."))) {
                QJsonObject host = device.value(QStringLiteral("host")).toObject();
                host[p.key.mid(5)] = entry;
                device[QStringLiteral("host")] = host;
            } else {
                device[p.key] = entry;
            }
            devices[p.device] = device;
        }
        doc[QStringLiteral("devices")] = devices;
        const auto start = hardware::Catalog::fromJson(QJsonDocument(doc).toJson(), QStringLiteral("priors"));
        QVERIFY(start.ok());

        calibrate::CalibrationOptions options;
        options.requests = 1500;
        const auto result = calibrate::calibrate(start.value(), calibrate::builtInReference(), options);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        for (const auto& p : result->parameters) {
            QVERIFY(p.value >= p.min && p.value <= p.max);
            QVERIFY2(p.value != p.prior || p.key.contains(QLatin1String("jitter")), qPrintable(p.key));
        }
        const auto fitted =
            hardware::Catalog::fromJson(QJsonDocument(result->catalog).toJson(), QStringLiteral("fit"));
        QVERIFY(fitted.ok());
        QVERIFY(fitted->find(QStringLiteral("inf1.xlarge"))
                    ->sources.at(QStringLiteral("neuron.sram_bytes"))
                    .startsWith(QLatin1String("calibrated: Levenberg-Marquardt")));
        const auto report =
            calibrate::validateAgainst(calibrate::builtInReference(), fitted.value(), 1500, 1);
        QVERIFY(report.ok());
        for (const auto& row : report->rows) {
            QVERIFY2(std::abs(row.throughputErrorPercent) <= 5.0, qPrintable(row.reference.label()));
            QVERIFY2(std::abs(row.p95ErrorPercent) <= 10.0, qPrintable(row.reference.label()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
