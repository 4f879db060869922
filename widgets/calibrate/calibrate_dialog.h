#pragma once

#include "calibrate/measurement_fit.h"
#include "calibrate/measurement_import.h"
#include "hardware/catalog.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace pipescope::widgets {

class ColumnMappingEditor;
class FitJob;
class FitResultsView;
class ResidualChart;

// Tools > Calibrate to Measurements: import a user's measurements (NeuronPerf CSV / JSON, the
// Pipescope CSV, or any CSV whose columns the user maps), pick the device parameters to refit
// (pre-ticked with the ones the rows identify), fit on a worker thread with progress and cancel,
// judge the result (parameter and row tables, residual chart) and keep it as a named device
// profile in the user's profiles file. All the work is the engine's (calibrate/measurement_*).
class CalibrateDialog : public QDialog {
    Q_OBJECT
public:
    explicit CalibrateDialog(hardware::Catalog catalog, QWidget* parent = nullptr);
    ~CalibrateDialog() override;

    // Reads and imports the file; false when it cannot be read or imported (the reason is shown).
    bool openFile(const QString& path);
    const std::optional<calibrate::MeasurementSet>& measurements() const { return m_measurements; }
    const std::optional<calibrate::MeasurementFitReport>& report() const { return m_report; }
    bool isFitting() const;
    // Where profiles are saved; DeviceProfileStore::defaultPath() unless set.
    void setProfilesPath(const QString& path) { m_profilesPath = path; }
    // "inferentia1 - loadtest 2026-12": the device, the file's base name and the month.
    static QString defaultProfileName(const QString& device, const QString& file, const QDate& date);

    // Widgets, for tests.
    QLabel* formatLabel() const { return m_format; }
    QLabel* messageLabel() const { return m_message; }
    QGroupBox* mappingGroup() const { return m_mappingGroup; }
    ColumnMappingEditor* mappingEditor() const { return m_mapping; }
    QComboBox* defaultInstanceBox() const { return m_defaultInstance; }
    QTableWidget* importedTable() const { return m_imported; }
    QTableWidget* skippedTable() const { return m_skipped; }
    QListWidget* parameterList() const { return m_parameters; }
    QSpinBox* requestsBox() const { return m_requests; }
    QCheckBox* leaveOneOutBox() const { return m_leaveOneOut; }
    QPushButton* fitButton() const { return m_fit; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* stageLabel() const { return m_stage; }
    FitResultsView* resultsView() const { return m_results; }
    ResidualChart* residualChart() const { return m_chart; }
    QLineEdit* profileNameEdit() const { return m_profileName; }
    QPushButton* saveButton() const { return m_save; }

public slots:
    void chooseFile();
    void startFit();
    void cancelFit();
    // Saves the fit as a device profile named as the name field says; false (after a message box)
    // when the profiles file cannot be read or written.
    bool saveProfile();

signals:
    void measurementsFitted(const pipescope::calibrate::MeasurementSet& measurements);
    void profileSaved(const QString& name);

protected:
    void reject() override; // Esc while fitting cancels the fit instead of closing

private:
    QWidget* buildImportSide();
    QWidget* buildFitControls();
    QWidget* buildResultsSide();
    void reimport();
    void showImport(const Result<calibrate::MeasurementSet>& imported);
    void fillRowTables();
    void fillParameters();
    void findIdentifiable();
    void onIdentified(const QStringList& keys);
    void onFitted(const calibrate::MeasurementFitReport& report);
    void onFitFailed(const QString& message);
    void onJobFinished();
    void setMessage(const QString& text, bool error);
    calibrate::ImportDefaults importDefaults() const;
    calibrate::MeasurementFitOptions fitOptions() const;
    QString measuredDevice() const;

    hardware::Catalog m_catalog;
    QString m_profilesPath;
    QString m_path;
    QByteArray m_data;
    QString m_detected; // detectMeasurementFormat(); "" = mapped
    std::optional<calibrate::MeasurementSet> m_measurements;
    std::optional<calibrate::MeasurementFitReport> m_report;
    FitJob* m_job = nullptr;
    bool m_identifying = false;     // the job running is the search for identifiable parameters
    bool m_identifyPending = false; // a newer import waits for that search to end

    QLineEdit* m_file = nullptr;
    QLabel* m_format = nullptr;
    QLabel* m_message = nullptr;
    QComboBox* m_defaultInstance = nullptr;
    QComboBox* m_defaultModel = nullptr;
    QSpinBox* m_defaultSequence = nullptr;
    QGroupBox* m_mappingGroup = nullptr;
    ColumnMappingEditor* m_mapping = nullptr;
    QTabWidget* m_rowTabs = nullptr;
    QTableWidget* m_imported = nullptr;
    QTableWidget* m_skipped = nullptr;
    QListWidget* m_parameters = nullptr;
    QSpinBox* m_requests = nullptr;
    QCheckBox* m_leaveOneOut = nullptr;
    QPushButton* m_fit = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_stage = nullptr;
    FitResultsView* m_results = nullptr;
    QComboBox* m_quantity = nullptr;
    ResidualChart* m_chart = nullptr;
    QLineEdit* m_profileName = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace pipescope::widgets
