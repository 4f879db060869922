#include "deployment_panel.h"

#include "model/presets.h"
#include "wheel_guard.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace pipescope::widgets {

DeploymentPanel::DeploymentPanel(hardware::Catalog catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(std::move(catalog)) {
    buildUi();
    connectFields();
    fillDeviceProfiles({});
    onInstanceChanged();
    revalidate();
}

void DeploymentPanel::buildUi() {
    // The fields scroll; the validation message and Run / Cancel stay below them, always in view
    // however short the dock and however long the message.
    auto* fields = new QWidget;
    auto* fieldsLayout = new QVBoxLayout(fields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addWidget(buildModelBox());
    fieldsLayout->addWidget(buildInstanceBox());
    fieldsLayout->addWidget(buildCoresBox());
    fieldsLayout->addWidget(buildWorkloadBox());
    fieldsLayout->addStretch(1);
    m_fieldsArea = new QScrollArea(this);
    m_fieldsArea->setWidget(fields);
    m_fieldsArea->setWidgetResizable(true);
    m_fieldsArea->setFrameShape(QFrame::NoFrame);
    m_fieldsArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_fieldsArea->setMinimumWidth(fields->sizeHint().width() +
                                  m_fieldsArea->verticalScrollBar()->sizeHint().width());
    ignoreWheelUnlessFocused(fields);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_fieldsArea, 1);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("validationMessage"));
    layout->addWidget(m_message);
    // Whether the clients fill the deployment is about the run Run would start: in view with it.
    m_clientsHint = new QLabel(this);
    m_clientsHint->setWordWrap(true);
    m_clientsHint->setObjectName(QStringLiteral("clientsHint"));
    connect(m_clientsHint, &QLabel::linkActivated, this, &DeploymentPanel::useSuggestedClients);
    layout->addWidget(m_clientsHint);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"), this);
    m_run->setToolTip(tr("Simulate this deployment (Ctrl+R)"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the simulation in progress (Esc)"));
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    connect(m_run, &QPushButton::clicked, this, &DeploymentPanel::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &DeploymentPanel::cancelRequested);
    updateMessageColors();
}

QWidget* DeploymentPanel::buildModelBox() {
    auto* box = new QGroupBox(tr("Model"), this);
    auto* form = new QFormLayout(box);
    m_model = new QComboBox(box);
    m_model->addItems(model::presetNames());
    m_model->setCurrentText(QStringLiteral("bert-base-uncased"));
    m_model->setToolTip(tr("Built-in model, built from its published architecture"));
    m_openModel = new QToolButton(box);
    m_openModel->setText(tr("Open…"));
    m_openModel->setToolTip(tr("Open a model: an .onnx file or a Hugging Face config.json / model folder"));
    connect(m_openModel, &QToolButton::clicked, this, &DeploymentPanel::openModelFile);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_openModel);
    form->addRow(tr("Model"), modelRow);
    m_sequenceLength = new QSpinBox(box);
    m_sequenceLength->setRange(1, 4096);
    m_sequenceLength->setValue(128);
    m_sequenceLength->setToolTip(tr("Compiled sequence length (fixed ahead of time)"));
    form->addRow(tr("Sequence length"), m_sequenceLength);
    m_batch = new QSpinBox(box);
    m_batch->setRange(1, 4096);
    m_batch->setToolTip(tr("Compiled batch size (fixed ahead of time)"));
    form->addRow(tr("Batch"), m_batch);
    m_dataType = new QComboBox(box);
    for (compile::DataType type : {compile::DataType::BF16, compile::DataType::FP16, compile::DataType::INT8})
        m_dataType->addItem(compile::dataTypeName(type), static_cast<int>(type));
    m_dataType->setToolTip(tr("Type the model is compiled to; a GPU runs it with FP16 autocast"));
    form->addRow(tr("Data type"), m_dataType);
    return box;
}

QWidget* DeploymentPanel::buildInstanceBox() {
    auto* box = new QGroupBox(tr("Instance"), this);
    auto* form = new QFormLayout(box);
    m_instance = new QComboBox(box);
    for (const auto& spec : m_catalog.instances())
        m_instance->addItem(spec.name);
    form->addRow(tr("Type"), m_instance);
    m_instanceInfo = new QLabel(box);
    m_instanceInfo->setWordWrap(true);
    form->addRow(QString(), m_instanceInfo);
    m_deviceProfile = new QComboBox(box);
    m_deviceProfile->setObjectName(QStringLiteral("deviceProfile"));
    // Profile names are the user's and can be long: they must not widen the dock.
    m_deviceProfile->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_deviceProfile->setMinimumContentsLength(16);
    m_deviceProfile->setToolTip(
        tr("Device parameters to simulate with: the catalog's (fitted to the published "
           "study) or a profile fitted to your own measurements "
           "(Tools > Calibrate to Measurements)"));
    form->addRow(tr("Device"), m_deviceProfile);
    m_priceSet = new QComboBox(box);
    for (const auto& set : m_catalog.priceSets()) {
        m_priceSet->addItem(QStringLiteral("%1 (%2)").arg(set.id, set.date), set.id);
        m_priceSet->setItemData(m_priceSet->count() - 1, set.label + QStringLiteral(": ") + set.source,
                                Qt::ToolTipRole);
    }
    form->addRow(tr("Prices"), m_priceSet);
    return box;
}

QWidget* DeploymentPanel::buildCoresBox() {
    auto* box = new QGroupBox(tr("NeuronCores"), this);
    auto* form = new QFormLayout(box);
    m_groups = new QLineEdit(box);
    m_groups->setPlaceholderText(QStringLiteral("1,1,1,1"));
    m_groups->setText(QStringLiteral("1,1,1,1"));
    m_groups->setToolTip(tr("NEURONCORE_GROUP_SIZES: one size per group; each group runs one copy of "
                            "the model"));
    form->addRow(tr("Group sizes"), m_groups);
    auto* choices = new QHBoxLayout;
    auto addChoice = [&](const QString& text, const QString& tip, void (DeploymentPanel::*slot)()) {
        auto* button = new QToolButton(box);
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(false);
        connect(button, &QToolButton::clicked, this, slot);
        choices->addWidget(button);
        return button;
    };
    m_dataParallel = addChoice(tr("Data parallel"), tr("One model copy per NeuronCore (1,1,...,1)"),
                               &DeploymentPanel::chooseDataParallel);
    m_pipelineAll = addChoice(tr("One pipeline"), tr("One pipeline over all NeuronCores"),
                              &DeploymentPanel::choosePipelineOverAll);
    m_pipelinePerChip = addChoice(tr("Per chip"), tr("One 4-core pipeline per chip (4,4,...)"),
                                  &DeploymentPanel::choosePipelinePerChip);
    choices->addStretch(1);
    form->addRow(QString(), choices);
    auto* cores = new QHBoxLayout;
    m_pipelineCores = new QSpinBox(box);
    m_pipelineCores->setRange(1, 64);
    m_pipelineCores->setToolTip(tr("--neuroncore-pipeline-cores the model is compiled with"));
    cores->addWidget(m_pipelineCores);
    m_suggestion = new QLabel(box);
    m_suggestion->setToolTip(tr("Published rule of thumb: 4 × round(weights / 2e7). A starting point; "
                                "the simulation is what to act on."));
    cores->addWidget(m_suggestion, 1);
    m_useSuggestion = new QToolButton(box);
    m_useSuggestion->setText(tr("Use"));
    m_useSuggestion->setToolTip(tr("Compile for the suggested pipeline cores"));
    connect(m_useSuggestion, &QToolButton::clicked, this, &DeploymentPanel::useSuggestedPipelineCores);
    cores->addWidget(m_useSuggestion);
    form->addRow(tr("Pipeline cores"), cores);
    m_workers = new QSpinBox(box);
    m_workers->setRange(0, 4096); // the engine says what the instance and groups allow
    m_workers->setObjectName(QStringLiteral("workers"));
    m_workers->setToolTip(tr("Serving worker processes, each with its own interpreter lock; groups are "
                             "shared out among them. 0 = one per NeuronCore group, as the study ran it"));
    form->addRow(tr("Workers"), m_workers);
    return box;
}

QWidget* DeploymentPanel::buildWorkloadBox() {
    auto* box = new QGroupBox(tr("Workload"), this);
    auto* form = new QFormLayout(box);
    m_loop = new QComboBox(box);
    m_loop->addItem(tr("Closed loop (clients)"), static_cast<int>(sim::Workload::Kind::ClosedLoop));
    m_loop->addItem(tr("Open loop (Poisson rate)"), static_cast<int>(sim::Workload::Kind::OpenLoop));
    form->addRow(tr("Arrivals"), m_loop);
    m_clients = new QSpinBox(box);
    m_clients->setRange(1, 100000);
    m_clients->setValue(4);
    m_clients->setToolTip(tr("Client threads, each sending one request and waiting for its answer"));
    auto* clientsRow = new QHBoxLayout;
    clientsRow->addWidget(m_clients);
    m_useClients = new QToolButton(box);
    m_useClients->setToolTip(tr("Use the client count that keeps every stage of every model copy busy"));
    connect(m_useClients, &QToolButton::clicked, this, &DeploymentPanel::useSuggestedClients);
    clientsRow->addWidget(m_useClients);
    clientsRow->addStretch(1);
    form->addRow(tr("Clients"), clientsRow);

    m_rate = new QDoubleSpinBox(box);
    m_rate->setRange(0.1, 1e7);
    m_rate->setDecimals(1);
    m_rate->setValue(500);
    m_rate->setSuffix(tr(" req/s"));
    form->addRow(tr("Rate"), m_rate);
    m_requests = new QSpinBox(box);
    m_requests->setRange(1, 10000000);
    m_requests->setValue(2000);
    m_requests->setToolTip(tr("Measured requests (one batch each), after the warm-up"));
    form->addRow(tr("Requests"), m_requests);
    m_warmup = new QSpinBox(box);
    m_warmup->setRange(0, 10000000);
    m_warmup->setValue(100);
    m_warmup->setToolTip(tr("Requests completed first and left out of the statistics"));
    form->addRow(tr("Warm-up"), m_warmup);
    m_seed = new QSpinBox(box);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(1);
    m_seed->setToolTip(tr("Same inputs and seed give the same results"));
    form->addRow(tr("Seed"), m_seed);
    return box;
}

void DeploymentPanel::connectFields() {
    auto changed = [this] { revalidate(); };
    for (QComboBox* box : {m_model, m_dataType, m_priceSet, m_loop, m_deviceProfile})
        connect(box, &QComboBox::currentIndexChanged, this, changed);
    for (QSpinBox* spin :
         {m_sequenceLength, m_batch, m_pipelineCores, m_workers, m_clients, m_requests, m_warmup, m_seed})
        connect(spin, &QSpinBox::valueChanged, this, changed);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_groups, &QLineEdit::textChanged, this, changed);
    connect(m_instance, &QComboBox::currentIndexChanged, this, [this] {
        fillDeviceProfiles(m_deviceProfile->currentData().toString());
        onInstanceChanged();
        revalidate();
    });
}

void DeploymentPanel::openModelFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), QString(),
                                                      tr("Models (*.onnx config.json);;All files (*)"));
    if (!path.isEmpty())
        addModelFile(path);
}

void DeploymentPanel::addModelFile(const QString& path) {
    int index = m_model->findData(path);
    if (index < 0) {
        const QFileInfo info(path);
        // A config.json is named after its folder, which is what names the model.
        const QString name =
            info.fileName() == QLatin1String("config.json") ? info.dir().dirName() : info.fileName();
        m_model->addItem(name, path);
        index = m_model->count() - 1;
        m_model->setItemData(index, path, Qt::ToolTipRole);
    }
    m_model->setCurrentIndex(index); // revalidates: the loader's message shows if it cannot read it
}

void DeploymentPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateMessageColors();
        if (m_clientsHint)
            updateClientsHintColour();
    }
}

} // namespace pipescope::widgets
