#pragma once

#include "core/result.h"
#include "hardware/catalog.h"
#include "sim/run.h"
#include "sim/scenario.h"

#include <QVariantMap>
#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QToolButton;

namespace pipescope::widgets {

// The deployment a user wants to simulate: model, instance, NeuronCore groups, pipeline depth and
// workload. Every edit is resolved and validated by the engine (sim::buildInputs, which calls
// compile::validate); while the engine rejects the deployment its message shows under the fields
// and Run is disabled. The panel only assembles inputs; it never simulates.
class DeploymentPanel : public QWidget {
    Q_OBJECT
public:
    explicit DeploymentPanel(hardware::Catalog catalog, QWidget* parent = nullptr);

    sim::Scenario scenario() const;
    void setScenario(const sim::Scenario& scenario);
    // The engine's inputs for the current fields, or why there are none.
    bool isValid() const { return m_inputs.has_value(); }
    std::optional<sim::RunInputs> inputs() const { return m_inputs; }
    QString validationMessage() const { return m_error; }
    const hardware::Catalog& catalog() const { return m_catalog; }

    // While a run is in progress Run stays available (runs queue) and Cancel is enabled.
    void setRunning(bool running);

    // The fields as plain values for QSettings; restoreState ignores keys it does not know.
    QVariantMap saveState() const;
    void restoreState(const QVariantMap& state);

    // Widgets, for tests and for other panels that add entries (e.g. "Open model...").
    QComboBox* modelBox() const { return m_model; }
    QComboBox* instanceBox() const { return m_instance; }
    // "catalog (published study fit)" (data "") and the user's device profiles for the instance's device.
    QComboBox* deviceProfileBox() const { return m_deviceProfile; }
    QLineEdit* groupsEdit() const { return m_groups; }
    QSpinBox* pipelineCoresBox() const { return m_pipelineCores; }
    QSpinBox* workersBox() const { return m_workers; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* suggestionLabel() const { return m_suggestion; }
    QToolButton* useSuggestionButton() const { return m_useSuggestion; }
    int suggestedPipelineCores() const { return m_suggestedCores; }
    // Closed loop: clients that keep every stage of every model copy busy (0 when unknown), and
    // the hint under the field (a warning when fewer clients than copies leave cores idle).
    int suggestedClients() const { return m_suggestedClients; }
    QLabel* clientsHintLabel() const { return m_clientsHint; }
    QSpinBox* clientsBox() const { return m_clients; }
    QScrollArea* fieldsArea() const { return m_fieldsArea; }

public slots:
    void chooseDataParallel();
    void choosePipelineOverAll();
    void choosePipelinePerChip();
    // Applies the published rule of thumb: pipeline cores and as many such groups as fit.
    void useSuggestedPipelineCores();
    void useSuggestedClients();
    // Loads a run's deployment and workload into the fields ("Edit as new run").
    void setRunInputs(const sim::RunInputs& inputs);
    // Adds a model file or folder (ONNX, Hugging Face config.json or folder) to the model list and
    // selects it; the engine's loader reads it when the inputs are validated.
    void addModelFile(const QString& path);
    void openModelFile(); // asks for the file, then addModelFile
    // The user's device profiles changed (one was saved): offer them, keeping the current choice.
    void setDeviceProfiles(std::vector<hardware::DeviceProfile> profiles);

signals:
    void validityChanged(bool valid);
    void inputsChanged(); // any field changed and was re-validated
    void runRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    QWidget* buildModelBox();
    QWidget* buildInstanceBox();
    QWidget* buildCoresBox();
    QWidget* buildWorkloadBox();
    void connectFields();
    void onInstanceChanged();
    void fillDeviceProfiles(const QString& wanted);
    void revalidate();
    void updateSuggestion();
    void updateClientsHint();
    void updateClientsHintColour();
    void updateWorkersDefault();
    void updateMessageColors();
    const hardware::InstanceSpec* currentInstance() const;

    hardware::Catalog m_catalog;
    std::optional<sim::RunInputs> m_inputs;
    QString m_error;
    bool m_loading = false; // setScenario in progress: validate once at the end

    QComboBox* m_model = nullptr;
    QToolButton* m_openModel = nullptr;
    QSpinBox* m_sequenceLength = nullptr;
    QSpinBox* m_batch = nullptr;
    QComboBox* m_dataType = nullptr;
    QComboBox* m_instance = nullptr;
    QLabel* m_instanceInfo = nullptr;
    QComboBox* m_deviceProfile = nullptr;
    QComboBox* m_priceSet = nullptr;
    QLineEdit* m_groups = nullptr;
    QToolButton* m_dataParallel = nullptr;
    QToolButton* m_pipelineAll = nullptr;
    QToolButton* m_pipelinePerChip = nullptr;
    QSpinBox* m_pipelineCores = nullptr;
    QLabel* m_suggestion = nullptr;
    QToolButton* m_useSuggestion = nullptr;
    int m_suggestedCores = 0;
    QSpinBox* m_workers = nullptr; // 0 = one worker process per NeuronCore group (the study's layout)
    QComboBox* m_loop = nullptr;
    QSpinBox* m_clients = nullptr;
    QToolButton* m_useClients = nullptr;
    QLabel* m_clientsHint = nullptr;
    int m_suggestedClients = 0;
    QDoubleSpinBox* m_rate = nullptr;
    QSpinBox* m_requests = nullptr;
    QSpinBox* m_warmup = nullptr;
    QSpinBox* m_seed = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QScrollArea* m_fieldsArea = nullptr;
};

} // namespace pipescope::widgets
