// MainWindow: Tools > Calibrate to Measurements, and the device profiles it saves.
#include "main_window.h"

#include "calibrate/calibrate_dialog.h"
#include "deployment_panel.h"
#include "hardware/device_profile.h"
#include "session.h"

#include <QStatusBar>

namespace pipescope::app {

void MainWindow::openCalibrateDialog() {
    // One dialog, not modal: the user may look at runs while a fit runs.
    if (!m_calibrate) {
        m_calibrate = new widgets::CalibrateDialog(m_catalog, this);
        m_calibrate->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_calibrate, &widgets::CalibrateDialog::measurementsFitted, m_session,
                &widgets::Session::setMeasurements);
        connect(m_calibrate, &widgets::CalibrateDialog::profileSaved, this, [this](const QString& name) {
            reloadDeviceProfiles();
            statusBar()->showMessage(
                tr("Device profile '%1' saved; pick it in the deployment panel's Device box").arg(name),
                10000);
        });
    }
    m_calibrate->show();
    m_calibrate->raise();
    m_calibrate->activateWindow();
}

void MainWindow::reloadDeviceProfiles() {
    Result<hardware::DeviceProfileStore> store = hardware::DeviceProfileStore::load();
    if (!store) {
        statusBar()->showMessage(tr("Device profiles not reloaded: %1").arg(store.error().toString()), 10000);
        return;
    }
    m_catalog.setDeviceProfiles(store->profiles());
    m_panel->setDeviceProfiles(store->profiles());
}

} // namespace pipescope::app
