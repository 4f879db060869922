// The window's side of calibrating to measurements: Tools > Calibrate to Measurements opens the
// dialog, a fit's measurements reach the session (so the runs table can mark measured runs), and
// a saved profile is offered by the deployment panel without restarting.
#include "calibrate/calibrate_dialog.h"
#include "deployment_panel.h"
#include "hardware/device_profile.h"
#include "main_window.h"
#include "session.h"

#include <QAction>
#include <QComboBox>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pipescope;

class WindowCalibrateTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void menuOpensTheDialog();
    void savedProfileReachesThePanel();

private:
    QTemporaryDir m_dir;
};

void WindowCalibrateTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QVERIFY(m_dir.isValid());
    qputenv("PIPESCOPE_DEVICE_PROFILES", m_dir.filePath(QStringLiteral("device-profiles.json")).toUtf8());
}

void WindowCalibrateTest::menuOpensTheDialog() {
    app::MainWindow window;
    QAction* action = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text().startsWith(QStringLiteral("&Calibrate to Measurements")))
            action = a;
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    action->trigger();
    auto* dialog = window.findChild<widgets::CalibrateDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    action->trigger(); // one dialog, raised again
    QCOMPARE(window.findChildren<widgets::CalibrateDialog*>().size(), 1);

    calibrate::MeasurementSet set;
    set.rows.emplace_back();
    emit dialog->measurementsFitted(set);
    QCOMPARE(window.session()->measurements().rows.size(), std::size_t(1));
}

void WindowCalibrateTest::savedProfileReachesThePanel() {
    app::MainWindow window;
    window.deploymentPanel()->instanceBox()->setCurrentText(QStringLiteral("inf1.xlarge"));
    const QString name = QStringLiteral("inferentia1 - window test 2026-12");
    QCOMPARE(window.deploymentPanel()->deviceProfileBox()->findData(name), -1);

    hardware::DeviceProfile profile;
    profile.name = name;
    profile.baseDevice = QStringLiteral("inferentia1");
    profile.device = hardware::Catalog::builtIn()
                         .toJson()
                         .value(QStringLiteral("devices"))
                         .toObject()
                         .value(QStringLiteral("inferentia1"))
                         .toObject();
    hardware::DeviceProfileStore store;
    store.put(profile);
    QVERIFY(!store.save());
    window.reloadDeviceProfiles();
    QVERIFY(window.deploymentPanel()->deviceProfileBox()->findData(name) > 0);
}

QTEST_MAIN(WindowCalibrateTest)
#include "tst_window_calibrate.moc"
