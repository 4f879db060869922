// CalibrateDialog: choosing parameters, fitting on a worker thread, showing and saving the result.
#include "calibrate_dialog.h"

#include "calibrate/device_parameters.h"
#include "calibrate/measurement_report.h"
#include "fit_job.h"
#include "fit_results_view.h"
#include "hardware/device_profile.h"
#include "residual_chart.h"

#include <QCheckBox>
#include <QDate>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

namespace pipescope::widgets {

QString CalibrateDialog::defaultProfileName(const QString& device, const QString& file, const QDate& date) {
    return QStringLiteral("%1 - %2 %3")
        .arg(device, QFileInfo(file).completeBaseName(), date.toString(u"yyyy-MM"));
}

bool CalibrateDialog::isFitting() const {
    return m_job->isRunning() && !m_identifying;
}

QString CalibrateDialog::measuredDevice() const {
    if (!m_measurements || m_measurements->rows.empty())
        return {};
    const hardware::InstanceSpec* spec = m_catalog.find(m_measurements->rows.front().scenario.instance);
    return spec ? spec->device : QString();
}

calibrate::MeasurementFitOptions CalibrateDialog::fitOptions() const {
    calibrate::MeasurementFitOptions options;
    options.requests = m_requests->value();
    options.leaveOneOut = m_leaveOneOut->isChecked();
    for (int i = 0; i < m_parameters->count(); ++i)
        if (m_parameters->item(i)->checkState() == Qt::Checked)
            options.parameters.push_back(m_parameters->item(i)->data(Qt::UserRole).toString());
    return options;
}

void CalibrateDialog::fillParameters() {
    m_parameters->clear();
    m_fit->setEnabled(false);
    const QString device = measuredDevice();
    if (device.isEmpty())
        return;
    for (const calibrate::FittedParameter& p : calibrate::calibratedParameters(m_catalog.instances())) {
        if (p.device != device)
            continue;
        auto* item = new QListWidgetItem(p.key, m_parameters);
        item->setData(Qt::UserRole, p.key);
        item->setToolTip(p.why);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    findIdentifiable();
}

void CalibrateDialog::findIdentifiable() {
    // Which parameters these rows can tell apart takes a few simulations: off the GUI thread. A
    // search still running for an earlier import is cancelled, its answer dropped, and this one
    // starts when it ends (onJobFinished).
    m_stage->setText(tr("Finding the parameters these measurements can identify…"));
    if (m_job->isRunning()) {
        m_job->cancel();
        m_identifyPending = true;
        return;
    }
    m_identifyPending = false;
    m_identifying = m_job->findIdentifiable(m_catalog, *m_measurements, fitOptions());
}

void CalibrateDialog::onIdentified(const QStringList& keys) {
    if (m_identifyPending)
        return; // for an earlier import
    int ticked = 0;
    for (int i = 0; i < m_parameters->count(); ++i) {
        QListWidgetItem* item = m_parameters->item(i);
        const bool identified = keys.contains(item->data(Qt::UserRole).toString());
        item->setCheckState(identified ? Qt::Checked : Qt::Unchecked);
        item->setText(identified ? tr("%1  (identifiable)").arg(item->data(Qt::UserRole).toString())
                                 : item->data(Qt::UserRole).toString());
        ticked += identified ? 1 : 0;
    }
    m_stage->setText(tr("%n parameter(s) these measurements can pin down are ticked; the others keep their "
                        "values unless you tick them.",
                        nullptr, ticked));
}

void CalibrateDialog::startFit() {
    if (!m_measurements || m_job->isRunning())
        return;
    const calibrate::MeasurementFitOptions options = fitOptions();
    if (options.parameters.isEmpty()) {
        m_stage->setText(tr("Tick at least one parameter to fit."));
        return;
    }
    if (!m_job->startFit(m_catalog, *m_measurements, options))
        return;
    m_identifying = false;
    m_report.reset();
    m_results->clear();
    m_chart->setReport({});
    m_save->setEnabled(false);
    m_fit->setEnabled(false);
    m_cancel->setEnabled(true);
    m_parameters->setEnabled(false);
    m_progress->setValue(0);
    m_stage->setText(tr("Starting the fit…"));
}

void CalibrateDialog::cancelFit() {
    if (!isFitting())
        return;
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_stage->setText(tr("Cancelling…"));
}

void CalibrateDialog::reject() {
    if (isFitting()) {
        cancelFit();
        return;
    }
    QDialog::reject();
}

void CalibrateDialog::onFitted(const calibrate::MeasurementFitReport& report) {
    m_report = report;
    m_results->setReport(report);
    m_chart->setReport(report);
    m_progress->setValue(m_progress->maximum());
    m_stage->setText(
        tr("Fitted %1 to %n row(s).", nullptr, static_cast<int>(report.rows.size())).arg(report.device));
    m_profileName->setText(defaultProfileName(report.device, m_path, QDate::currentDate()));
    m_save->setEnabled(true);
    if (m_measurements)
        emit measurementsFitted(*m_measurements);
}

void CalibrateDialog::onFitFailed(const QString& message) {
    if (m_identifyPending)
        return;
    if (m_identifying) {
        // Nothing pre-ticked: the user ticks what to fit.
        m_stage->setText(tr("Could not tell which parameters these rows identify: %1").arg(message));
        return;
    }
    m_progress->setValue(0);
    m_stage->setText(message.contains(QLatin1String("cancel"), Qt::CaseInsensitive)
                         ? tr("Fit cancelled.")
                         : tr("Fit failed: %1").arg(message));
}

void CalibrateDialog::onJobFinished() {
    m_identifying = false;
    m_cancel->setEnabled(false);
    m_parameters->setEnabled(true);
    m_fit->setEnabled(m_measurements.has_value() && m_parameters->count() > 0);
    if (m_identifyPending && m_measurements && m_parameters->count() > 0)
        findIdentifiable();
}

bool CalibrateDialog::saveProfile() {
    if (!m_report)
        return false;
    const QString name = m_profileName->text().trimmed();
    if (name.isEmpty()) {
        QMessageBox::warning(this, tr("Save Device Profile"), tr("Give the profile a name."));
        return false;
    }
    const QString path =
        m_profilesPath.isEmpty() ? hardware::DeviceProfileStore::defaultPath() : m_profilesPath;
    Result<hardware::DeviceProfileStore> store = hardware::DeviceProfileStore::load(path);
    if (!store) {
        QMessageBox::critical(this, tr("Save Device Profile"),
                              tr("Cannot read the device profiles in %1: %2\nNothing was saved.")
                                  .arg(path, store.error().toString()));
        return false;
    }
    hardware::DeviceProfileStore profiles = std::move(store).value();
    if (profiles.find(name) &&
        QMessageBox::question(this, tr("Save Device Profile"), tr("Replace the profile '%1'?").arg(name)) !=
            QMessageBox::Yes)
        return false;
    profiles.put(calibrate::deviceProfileFromFit(*m_report, name));
    if (const std::optional<Error> error = profiles.save(path)) {
        QMessageBox::critical(this, tr("Save Device Profile"),
                              tr("Cannot save the device profile to %1: %2\nThe previous file is unchanged.")
                                  .arg(path, error->toString()));
        return false;
    }
    m_stage->setText(tr("Saved device profile '%1' in %2.").arg(name, path));
    emit profileSaved(name);
    return true;
}

} // namespace pipescope::widgets
