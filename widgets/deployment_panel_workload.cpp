// DeploymentPanel: closed-loop sanity (a client count that fills the deployment) and loading a
// finished run's deployment back into the fields.
#include "deployment_panel.h"

#include "compile/group_sizes.h"
#include "sweep/load_curve.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace pipescope::widgets {
namespace {

// Model copies serving requests at once: one per NeuronCore group, one per GPU.
int modelCopies(const sim::RunInputs& inputs) {
    if (inputs.instance.isGpu())
        return std::max(1, inputs.instance.chips);
    return static_cast<int>(inputs.config.groupSizes.size());
}

} // namespace

void DeploymentPanel::updateClientsHint() {
    const bool closedLoop =
        m_loop->currentData().toInt() == static_cast<int>(sim::Workload::Kind::ClosedLoop);
    // A closed loop fills a deployment with one request in every pipeline stage of every copy (the
    // sweep's closed-loop point); fewer leave stages idle, more only queue on the host.
    m_suggestedClients = m_inputs ? sweep::closedLoopClients(*m_inputs) : 0;
    const bool show = closedLoop && m_suggestedClients > 0;
    m_clientsHint->setVisible(show);
    m_useClients->setVisible(show);
    if (!show) {
        m_clientsHint->clear();
        return;
    }
    const int clients = m_clients->value();
    const int copies = modelCopies(*m_inputs);
    m_useClients->setText(tr("Use %1").arg(m_suggestedClients));
    m_useClients->setEnabled(clients != m_suggestedClients);
    QString text;
    bool warning = false;
    const QString use = QStringLiteral("<a href=\"use\">%1</a>").arg(tr("Use %1").arg(m_suggestedClients));
    if (clients < copies) {
        warning = true;
        text = tr("%1 client(s) for %2 model copies: %3 copies and their cores sit idle. %4 clients fill the "
                  "deployment. %5")
                   .arg(clients)
                   .arg(copies)
                   .arg(copies - clients)
                   .arg(m_suggestedClients)
                   .arg(use);
    } else if (clients < m_suggestedClients) {
        text = tr("%1 clients keep %1 of %2 pipeline stages busy; %2 fill the deployment. %3")
                   .arg(clients)
                   .arg(m_suggestedClients)
                   .arg(use);
    } else if (clients > m_suggestedClients) {
        text = tr("More clients than stages (%1): the extra requests queue on the host.")
                   .arg(m_suggestedClients);
    } else {
        text = tr("%1 clients: one request in every stage of every copy.").arg(clients);
    }
    m_clientsHint->setText(text);
    m_clientsHint->setProperty("warning", warning);
    updateClientsHintColour();
}

void DeploymentPanel::updateClientsHintColour() {
    // An amber that reads on light and dark windows for the warning; the window's text otherwise.
    QPalette pal = palette();
    if (m_clientsHint->property("warning").toBool()) {
        const bool dark = pal.color(QPalette::Window).lightness() < 128;
        pal.setColor(QPalette::WindowText, dark ? QColor(255, 190, 90) : QColor(170, 90, 0));
    }
    m_clientsHint->setPalette(pal);
}

void DeploymentPanel::useSuggestedClients() {
    if (m_suggestedClients > 0)
        m_clients->setValue(m_suggestedClients); // revalidates
}

void DeploymentPanel::setRunInputs(const sim::RunInputs& inputs) {
    sim::Scenario s;
    // Presets are found by name; a model read from a file is opened from that file again.
    s.model = inputs.model.source.contains(QLatin1Char('/')) ? inputs.model.source : inputs.model.name;
    s.instance = inputs.instance.name;
    s.groupSizes =
        inputs.instance.isGpu() ? m_groups->text() : compile::formatGroupSizes(inputs.config.groupSizes);
    s.pipelineCores = inputs.config.pipelineCores;
    s.batch = inputs.config.batch;
    s.sequenceLength = inputs.config.sequenceLength;
    s.dataType = inputs.config.dataType;
    s.priceSet = inputs.priceSet;
    s.deviceProfile = inputs.instance.deviceProfile; // the profile that produced the run
    s.workload = inputs.workload;
    setScenario(s);
}

} // namespace pipescope::widgets
