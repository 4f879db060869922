#include "explore/explore_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace pipescope::widgets {
namespace {

// "1, 2, 4" -> {1, 2, 4}; empty -> {} (the engine's defaults). The error names the bad entry.
std::vector<int> parseBatches(const QString& text, QString* error) {
    std::vector<int> batches;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int batch = part.trimmed().toInt(&ok);
        if (!ok || batch < 1 || batch > 4096) {
            *error = QObject::tr("Batches: '%1' is not a whole number from 1 to 4096").arg(part.trimmed());
            return {};
        }
        if (std::find(batches.begin(), batches.end(), batch) == batches.end())
            batches.push_back(batch);
    }
    return batches;
}

} // namespace

ExploreForm::ExploreForm(const hardware::Catalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog) {
    buildUi();
    checkInstances(defaultInstances());
    updateSweepButton();
}

QStringList ExploreForm::defaultInstances() {
    return {QStringLiteral("inf1.xlarge"), QStringLiteral("inf1.2xlarge"), QStringLiteral("inf1.6xlarge"),
            QStringLiteral("inf1.24xlarge"), QStringLiteral("g4dn.xlarge")};
}

void ExploreForm::buildUi() {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_instances = new QListWidget(this);
    m_instances->setToolTip(tr("Instance types to sweep: every NeuronCore grouping of each"));
    for (const auto& spec : m_catalog.instances()) {
        auto* item = new QListWidgetItem(spec.name, m_instances);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    m_instances->setMaximumHeight(m_instances->sizeHintForRow(0) * 7 + 6);
    m_batches = new QLineEdit(this);
    m_batches->setPlaceholderText(tr("1, 2, 4, 6, 8, 16 (GPU up to 128)"));
    m_batches->setToolTip(
        tr("Batch sizes, comma-separated; empty: 1, 2, 4, 6, 8, 16 (a GPU adds 32, 64, 128)"));
    // From the fewest whose p95 has a known sampling error; a step of that many is about a quarter
    // of the default's time.
    const int least = sweep::leastRequestsPerPoint();
    m_requests = new QSpinBox(this);
    m_requests->setRange(least, 1'000'000);
    m_requests->setSingleStep(least);
    m_requests->setGroupSeparatorShown(true);
    m_requests->setValue(sweep::LoadCurveOptions{}.requests);
    m_requests->setToolTip(tr("Simulated requests per load point (and for the closed loop): %L1 gives a "
                              "quick look, more narrows each p95's sampling noise and takes longer")
                               .arg(least));
    m_load = new QDoubleSpinBox(this);
    m_load->setRange(0, 1e7);
    m_load->setDecimals(0);
    m_load->setSuffix(tr(" /s"));
    m_load->setSpecialValueText(tr("max throughput"));
    m_load->setValue(1000);
    m_load->setToolTip(tr("Inferences per second to serve (machines are whole); 0: one machine at its best"));
    m_maxP95 = new QDoubleSpinBox(this);
    m_maxP95->setRange(0, 1e5);
    m_maxP95->setDecimals(1);
    m_maxP95->setSuffix(tr(" ms"));
    m_maxP95->setSpecialValueText(tr("none"));
    m_maxP95->setValue(20);
    m_maxP95->setToolTip(tr("Latency target: p95 per request (drag the line in the scatter too)"));
    m_priceSet = new QComboBox(this);
    for (const auto& set : m_catalog.priceSets())
        m_priceSet->addItem(set.label.isEmpty() ? set.id : set.label, set.id);
    form->addRow(tr("Instances"), m_instances);
    form->addRow(tr("Batches"), m_batches);
    form->addRow(tr("Requests/point"), m_requests);
    form->addRow(tr("Target load"), m_load);
    form->addRow(tr("Max p95"), m_maxP95);
    form->addRow(tr("Prices"), m_priceSet);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_sweep = new QPushButton(tr("Sweep"), this);
    m_sweep->setToolTip(tr("Simulate every deployment's latency-vs-load curve"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the sweep (Esc)"));
    m_cancel->setEnabled(false);
    buttons->addWidget(m_sweep);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_sweep, &QPushButton::clicked, this, &ExploreForm::sweepRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ExploreForm::cancelRequested);
    connect(m_instances, &QListWidget::itemChanged, this, &ExploreForm::updateSweepButton);
    connect(m_batches, &QLineEdit::textChanged, this, &ExploreForm::updateSweepButton);
    connect(m_load, &QDoubleSpinBox::valueChanged, this, &ExploreForm::criteriaChanged);
    connect(m_maxP95, &QDoubleSpinBox::valueChanged, this, &ExploreForm::criteriaChanged);
    connect(m_priceSet, &QComboBox::currentIndexChanged, this, &ExploreForm::criteriaChanged);
}

void ExploreForm::checkInstances(const QStringList& names) {
    const QSignalBlocker block(m_instances);
    for (int i = 0; i < m_instances->count(); ++i)
        m_instances->item(i)->setCheckState(names.contains(m_instances->item(i)->text()) ? Qt::Checked
                                                                                         : Qt::Unchecked);
    updateSweepButton();
}

QString ExploreForm::problem() const {
    QString error;
    parseBatches(m_batches->text(), &error);
    if (!error.isEmpty())
        return error;
    if (space().instances.isEmpty())
        return tr("Choose at least one instance to sweep");
    return {};
}

void ExploreForm::updateSweepButton() {
    const QString why = problem();
    m_sweep->setEnabled(!m_running && why.isEmpty());
    m_sweep->setToolTip(why.isEmpty() ? tr("Simulate every deployment's latency-vs-load curve") : why);
    if (!m_running)
        setMessage(why);
}

sweep::SweepSpace ExploreForm::space() const {
    sweep::SweepSpace s;
    for (int i = 0; i < m_instances->count(); ++i)
        if (m_instances->item(i)->checkState() == Qt::Checked)
            s.instances << m_instances->item(i)->text();
    QString error;
    s.batches = parseBatches(m_batches->text(), &error);
    s.priceSet = m_priceSet->currentData().toString();
    return s;
}

sweep::LoadCurveOptions ExploreForm::curveOptions() const {
    return sweep::curveOptions(m_requests->value(), sweep::LoadCurveOptions{}.points);
}

ExploreTargets ExploreForm::criteria() const {
    ExploreTargets c;
    c.maxP95Ms = m_maxP95->value();
    c.loadPerSecond = m_load->value();
    c.priceSet = m_priceSet->currentData().toString();
    return c;
}

void ExploreForm::setCriteria(const ExploreTargets& criteria) {
    const QSignalBlocker b1(m_maxP95), b2(m_load), b3(m_priceSet);
    m_maxP95->setValue(criteria.maxP95Ms);
    m_load->setValue(criteria.loadPerSecond);
    if (const int index = m_priceSet->findData(criteria.priceSet); index >= 0)
        m_priceSet->setCurrentIndex(index);
}

void ExploreForm::setRequestsPerPoint(int requests) {
    if (requests >= m_requests->minimum() && requests <= m_requests->maximum())
        m_requests->setValue(requests);
}

void ExploreForm::setSpace(const sweep::SweepSpace& space) {
    if (!space.instances.isEmpty())
        checkInstances(space.instances);
    QStringList batches;
    for (int b : space.batches)
        batches << QString::number(b);
    m_batches->setText(batches.join(QStringLiteral(", ")));
}

void ExploreForm::setRunning(bool running) {
    m_running = running;
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    if (running)
        m_progress->setRange(0, 0); // busy until the first deployment is done
    updateSweepButton();
}

void ExploreForm::setProgress(int done, int total) {
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1 of %2 deployments").arg(done).arg(total));
}

void ExploreForm::setMessage(const QString& text) {
    m_message->setText(text);
}

QVariantMap ExploreForm::saveState() const {
    const sweep::SweepSpace s = space();
    return {{QStringLiteral("instances"), s.instances},        {QStringLiteral("batches"), m_batches->text()},
            {QStringLiteral("requests"), m_requests->value()}, {QStringLiteral("load"), m_load->value()},
            {QStringLiteral("maxP95"), m_maxP95->value()},     {QStringLiteral("prices"), s.priceSet}};
}

void ExploreForm::restoreState(const QVariantMap& state) {
    if (state.contains(QStringLiteral("instances")))
        checkInstances(state.value(QStringLiteral("instances")).toStringList());
    if (state.contains(QStringLiteral("batches")))
        m_batches->setText(state.value(QStringLiteral("batches")).toString());
    if (state.contains(QStringLiteral("requests")))
        m_requests->setValue(state.value(QStringLiteral("requests")).toInt());
    ExploreTargets c = criteria();
    c.loadPerSecond = state.value(QStringLiteral("load"), c.loadPerSecond).toDouble();
    c.maxP95Ms = state.value(QStringLiteral("maxP95"), c.maxP95Ms).toDouble();
    c.priceSet = state.value(QStringLiteral("prices"), c.priceSet).toString();
    setCriteria(c);
}

} // namespace pipescope::widgets
