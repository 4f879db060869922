// DeploymentPanel: reading and writing the fields, validation through the engine, saved state.
#include "deployment_panel.h"

#include "compile/group_sizes.h"
#include "model/pipeline_rule.h"
#include "model/presets.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

#include <limits>

namespace pipescope::widgets {

const hardware::InstanceSpec* DeploymentPanel::currentInstance() const {
    return m_catalog.find(m_instance->currentText());
}

sim::Scenario DeploymentPanel::scenario() const {
    sim::Scenario s;
    // Presets are listed by name; opened files carry their path as item data.
    const QVariant path = m_model->currentData();
    s.model = path.isValid() ? path.toString() : m_model->currentText();
    s.instance = m_instance->currentText();
    s.groupSizes = m_groups->text();
    s.pipelineCores = m_pipelineCores->value();
    s.workers = m_workers->value();
    s.batch = m_batch->value();
    s.sequenceLength = m_sequenceLength->value();
    s.dataType = static_cast<compile::DataType>(m_dataType->currentData().toInt());
    s.priceSet = m_priceSet->currentData().toString();
    s.deviceProfile = m_deviceProfile->currentData().toString();
    s.workload.kind = static_cast<sim::Workload::Kind>(m_loop->currentData().toInt());
    s.workload.clients = m_clients->value();
    s.workload.ratePerSecond = m_rate->value();
    s.workload.requests = m_requests->value();
    s.workload.warmup = m_warmup->value();
    s.workload.seed = static_cast<std::uint64_t>(m_seed->value());
    return s;
}

void DeploymentPanel::setScenario(const sim::Scenario& s) {
    m_loading = true;
    auto pick = [](QComboBox* box, const QVariant& data, const QString& text) {
        const int i = data.isValid() ? box->findData(data) : box->findText(text);
        if (i >= 0)
            box->setCurrentIndex(i);
    };
    if (m_model->findText(s.model) >= 0 && !m_model->itemData(m_model->findText(s.model)).isValid())
        pick(m_model, {}, s.model);
    else if (s.model.contains(QLatin1Char('/')))
        addModelFile(s.model); // a file opened earlier (saved settings, a run's inputs)
    pick(m_instance, {}, s.instance);
    fillDeviceProfiles(s.deviceProfile);
    m_groups->setText(s.groupSizes);
    m_pipelineCores->setValue(s.pipelineCores);
    m_workers->setValue(s.workers);
    m_batch->setValue(s.batch);
    m_sequenceLength->setValue(s.sequenceLength);
    pick(m_dataType, static_cast<int>(s.dataType), {});
    pick(m_priceSet, s.priceSet, {});
    pick(m_loop, static_cast<int>(s.workload.kind), {});
    m_clients->setValue(s.workload.clients);
    if (s.workload.ratePerSecond > 0)
        m_rate->setValue(s.workload.ratePerSecond);
    m_requests->setValue(s.workload.requests);
    m_warmup->setValue(s.workload.warmup);
    m_seed->setValue(
        static_cast<int>(std::min<std::uint64_t>(s.workload.seed, std::numeric_limits<int>::max())));
    m_loading = false;
    onInstanceChanged();
    revalidate();
}

void DeploymentPanel::onInstanceChanged() {
    const hardware::InstanceSpec* spec = currentInstance();
    const bool gpu = spec && spec->isGpu();
    // Groups, pipeline depth and the compiled data type are Neuron SDK settings; a GPU runs the
    // traced model with FP16 autocast, so those fields say so and stay out of the way.
    for (QWidget* w : std::initializer_list<QWidget*>{m_groups, m_dataParallel, m_pipelineAll,
                                                      m_pipelinePerChip, m_pipelineCores, m_dataType})
        w->setEnabled(!gpu);
    if (gpu) {
        const QSignalBlocker blockCores(m_pipelineCores);
        const QSignalBlocker blockType(m_dataType);
        m_pipelineCores->setValue(1);
        m_dataType->setCurrentIndex(m_dataType->findData(static_cast<int>(compile::DataType::FP16)));
    }
    if (!spec) {
        m_instanceInfo->clear();
        return;
    }
    const QString priceSet = m_priceSet->currentData().toString();
    const double price = spec->price(priceSet);
    const QString priceText = price >= 0 ? tr("$%1/h").arg(price, 0, 'f', 3) : tr("no price in this set");
    const QString units = gpu ? (spec->chips == 1 ? tr("1 GPU") : tr("%1 GPUs").arg(spec->chips))
                              : (spec->chips == 1 ? tr("1 chip") : tr("%1 chips").arg(spec->chips));
    if (gpu)
        m_instanceInfo->setText(tr("%1, %2 vCPUs, %3").arg(units).arg(spec->vcpus).arg(priceText));
    else
        m_instanceInfo->setText(
            tr("%1, %2 NeuronCores, %3").arg(units).arg(spec->totalCores()).arg(priceText));
}

void DeploymentPanel::fillDeviceProfiles(const QString& wanted) {
    // Only profiles fitted for this instance's device apply; a profile that is gone falls back to
    // the catalog rather than failing every run.
    const QSignalBlocker block(m_deviceProfile);
    m_deviceProfile->clear();
    m_deviceProfile->addItem(tr("catalog (published study fit)"), QString());
    const hardware::InstanceSpec* spec = currentInstance();
    for (const hardware::DeviceProfile& profile : m_catalog.deviceProfiles()) {
        if (!spec || profile.baseDevice != spec->device)
            continue;
        m_deviceProfile->addItem(profile.name, profile.name);
        const QString measured = profile.provenance.value(QStringLiteral("measurements")).toString();
        m_deviceProfile->setItemData(m_deviceProfile->count() - 1,
                                     tr("Fitted to %1 (%2)")
                                         .arg(measured.isEmpty() ? tr("your measurements") : measured,
                                              profile.provenance.value(QStringLiteral("date")).toString()),
                                     Qt::ToolTipRole);
    }
    const int index = m_deviceProfile->findData(wanted);
    m_deviceProfile->setCurrentIndex(index >= 0 ? index : 0);
}

void DeploymentPanel::setDeviceProfiles(std::vector<hardware::DeviceProfile> profiles) {
    m_catalog.setDeviceProfiles(std::move(profiles));
    fillDeviceProfiles(m_deviceProfile->currentData().toString());
    revalidate();
}

void DeploymentPanel::chooseDataParallel() {
    const hardware::InstanceSpec* spec = currentInstance();
    if (!spec || spec->isGpu())
        return;
    m_loading = true;
    m_groups->setText(compile::formatGroupSizes(std::vector<int>(spec->totalCores(), 1)));
    m_pipelineCores->setValue(1);
    m_loading = false;
    revalidate();
}

void DeploymentPanel::choosePipelineOverAll() {
    const hardware::InstanceSpec* spec = currentInstance();
    if (!spec || spec->isGpu())
        return;
    m_loading = true;
    m_groups->setText(QString::number(spec->totalCores()));
    m_pipelineCores->setValue(spec->totalCores());
    m_loading = false;
    revalidate();
}

void DeploymentPanel::choosePipelinePerChip() {
    const hardware::InstanceSpec* spec = currentInstance();
    if (!spec || spec->isGpu())
        return;
    m_loading = true;
    m_groups->setText(compile::formatGroupSizes(std::vector<int>(spec->chips, spec->neuron.coresPerChip)));
    m_pipelineCores->setValue(spec->neuron.coresPerChip);
    m_loading = false;
    revalidate();
}

void DeploymentPanel::revalidate() {
    if (m_loading)
        return;
    onInstanceChanged(); // the price shown follows the price set
    const bool closedLoop =
        m_loop->currentData().toInt() == static_cast<int>(sim::Workload::Kind::ClosedLoop);
    m_clients->setEnabled(closedLoop);
    m_rate->setEnabled(!closedLoop);
    const bool wasValid = isValid();
    Result<sim::RunInputs> inputs = sim::buildInputs(scenario(), m_catalog);
    if (inputs) {
        m_inputs = std::move(inputs).value();
        m_error.clear();
    } else {
        m_inputs.reset();
        m_error = inputs.error().toString();
    }
    m_message->setText(m_error);
    m_message->setVisible(!m_error.isEmpty());
    m_run->setEnabled(isValid());
    // Mark the group field itself when the engine blames the groups.
    const bool groupsWrong =
        !isValid() && inputs.error().where.contains(QLatin1String("NEURONCORE_GROUP_SIZES"));
    m_groups->setProperty("invalid", groupsWrong);
    m_workers->setProperty("invalid", !isValid() && inputs.error().where == QLatin1String("workers"));
    updateMessageColors();
    updateSuggestion();
    updateClientsHint();
    updateWorkersDefault();
    if (wasValid != isValid())
        emit validityChanged(isValid());
    emit inputsChanged();
}

void DeploymentPanel::updateSuggestion() {
    // The rule needs only the model's weight count; build the graph when the inputs are invalid
    // for some other reason, so the suggestion stays visible while the user fixes them.
    std::int64_t parameters = 0;
    if (m_inputs) {
        parameters = m_inputs->model.parameters();
    } else if (Result<model::ModelGraph> graph =
                   model::buildPreset(m_model->currentText(), m_sequenceLength->value(),
                                      compile::dataTypeBytes(scenario().dataType))) {
        parameters = graph->parameters();
    }
    m_suggestedCores = model::suggestedPipelineCores(parameters);
    const hardware::InstanceSpec* spec = currentInstance();
    const bool gpu = spec && spec->isGpu();
    if (gpu)
        m_suggestion->setText(tr("(Inferentia only)"));
    else if (m_suggestedCores > 0)
        m_suggestion->setText(tr("rule of thumb: %1").arg(m_suggestedCores));
    else
        m_suggestion->setText(tr("rule of thumb: no pipeline"));
    QString tip = tr("4 × round(%L1 weights / 2e7) = %2. A starting point; the simulation is what to act on.")
                      .arg(parameters)
                      .arg(m_suggestedCores);
    // The rule knows only the model: say when this instance cannot hold what it suggests.
    const bool fits = spec && m_suggestedCores <= spec->totalCores();
    if (spec && !gpu && !fits)
        tip += tr(" %1 has %2 NeuronCores: a pipeline of %3 does not fit; take a larger instance or fewer "
                  "cores.")
                   .arg(spec->name)
                   .arg(spec->totalCores())
                   .arg(m_suggestedCores);
    m_suggestion->setToolTip(tip);
    m_useSuggestion->setToolTip(fits ? tr("Compile for the suggested pipeline cores") : tip);
    m_useSuggestion->setEnabled(!gpu && fits && m_suggestedCores > 0 &&
                                m_suggestedCores != m_pipelineCores->value());
}

void DeploymentPanel::useSuggestedPipelineCores() {
    const hardware::InstanceSpec* spec = currentInstance();
    if (!spec || spec->isGpu() || m_suggestedCores <= 0)
        return;
    m_loading = true;
    const int cores = m_suggestedCores;
    // As many copies as fit; when not even one does, the engine's message says so.
    const int copies = std::max(1, spec->totalCores() / cores);
    m_groups->setText(compile::formatGroupSizes(std::vector<int>(copies, cores)));
    m_pipelineCores->setValue(cores);
    m_loading = false;
    revalidate();
}

void DeploymentPanel::updateMessageColors() {
    if (!m_message)
        return;
    // A red that keeps contrast on both light and dark windows.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QColor error = dark ? QColor(255, 130, 120) : QColor(180, 20, 20);
    QPalette pal = m_message->palette();
    pal.setColor(QPalette::WindowText, error);
    m_message->setPalette(pal);
    QPalette edit = palette();
    if (m_groups->property("invalid").toBool())
        edit.setColor(QPalette::Text, error);
    m_groups->setPalette(edit);
    QPalette workers = palette();
    if (m_workers->property("invalid").toBool())
        workers.setColor(QPalette::Text, error);
    m_workers->setPalette(workers);
}

void DeploymentPanel::updateWorkersDefault() {
    // 0 reads as what it means for the current groups, so the default says how many processes run.
    const hardware::InstanceSpec* spec = currentInstance();
    const bool gpu = spec && spec->isGpu();
    const Result<std::vector<int>> groups = compile::parseGroupSizes(m_groups->text());
    if (gpu)
        m_workers->setSpecialValueText(tr("one (GPU)"));
    else if (groups)
        m_workers->setSpecialValueText(tr("one per group (%1)").arg(groups->size()));
    else
        m_workers->setSpecialValueText(tr("one per group"));
}

void DeploymentPanel::setRunning(bool running) {
    m_cancel->setEnabled(running);
}

QVariantMap DeploymentPanel::saveState() const {
    const sim::Scenario s = scenario();
    return {{QStringLiteral("model"), s.model},
            {QStringLiteral("instance"), s.instance},
            {QStringLiteral("groups"), s.groupSizes},
            {QStringLiteral("pipelineCores"), s.pipelineCores},
            {QStringLiteral("workers"), s.workers},
            {QStringLiteral("batch"), s.batch},
            {QStringLiteral("sequenceLength"), s.sequenceLength},
            {QStringLiteral("dataType"), compile::dataTypeName(s.dataType)},
            {QStringLiteral("priceSet"), s.priceSet},
            {QStringLiteral("deviceProfile"), s.deviceProfile},
            {QStringLiteral("openLoop"), s.workload.kind == sim::Workload::Kind::OpenLoop},
            {QStringLiteral("clients"), s.workload.clients},
            {QStringLiteral("rate"), s.workload.ratePerSecond},
            {QStringLiteral("requests"), s.workload.requests},
            {QStringLiteral("warmup"), s.workload.warmup},
            {QStringLiteral("seed"), QVariant::fromValue<qulonglong>(s.workload.seed)}};
}

void DeploymentPanel::restoreState(const QVariantMap& state) {
    sim::Scenario s = scenario(); // keys that are missing keep the current value
    auto text = [&](const char* key, QString* out) {
        if (state.contains(QLatin1String(key)))
            *out = state.value(QLatin1String(key)).toString();
    };
    auto number = [&](const char* key, int* out) {
        bool ok = false;
        const int v = state.value(QLatin1String(key)).toInt(&ok);
        if (ok)
            *out = v;
    };
    text("model", &s.model);
    text("instance", &s.instance);
    text("groups", &s.groupSizes);
    text("priceSet", &s.priceSet);
    text("deviceProfile", &s.deviceProfile);
    number("pipelineCores", &s.pipelineCores);
    number("workers", &s.workers);
    number("batch", &s.batch);
    number("sequenceLength", &s.sequenceLength);
    number("clients", &s.workload.clients);
    number("requests", &s.workload.requests);
    number("warmup", &s.workload.warmup);
    compile::parseDataType(state.value(QStringLiteral("dataType")).toString(), &s.dataType);
    if (state.contains(QStringLiteral("openLoop")))
        s.workload.kind = state.value(QStringLiteral("openLoop")).toBool() ? sim::Workload::Kind::OpenLoop
                                                                           : sim::Workload::Kind::ClosedLoop;
    if (state.contains(QStringLiteral("rate")))
        s.workload.ratePerSecond = state.value(QStringLiteral("rate")).toDouble();
    if (state.contains(QStringLiteral("seed")))
        s.workload.seed = state.value(QStringLiteral("seed")).toULongLong();
    setScenario(s);
}

} // namespace pipescope::widgets
