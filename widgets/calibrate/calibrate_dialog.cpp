// CalibrateDialog: layout and importing the measurements file.
#include "calibrate_dialog.h"
#include "busy_cursor.h"

#include "column_mapping_editor.h"
#include "fit_job.h"
#include "fit_results_view.h"
#include "model/presets.h"
#include "residual_chart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pipescope::widgets {
namespace {

QString formatName(const QString& format) {
    if (format == QLatin1String("pipescope-csv"))
        return QObject::tr("Pipescope CSV");
    if (format == QLatin1String("neuronperf-csv"))
        return QObject::tr("NeuronPerf CSV report");
    if (format == QLatin1String("neuronperf-json"))
        return QObject::tr("NeuronPerf JSON report");
    return QObject::tr("Unknown CSV: say which column holds what below");
}

QTableWidget* makeRowTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    return table;
}

// The engine's stage names ("sensitivity", "fit", "leave-one-out 2/3") as a sentence.
QString stageText(const QString& stage, double fraction) {
    QString what = stage;
    if (stage == QLatin1String("sensitivity"))
        what = QObject::tr("Measuring how each parameter moves the rows");
    else if (stage == QLatin1String("fit"))
        what = QObject::tr("Fitting the ticked parameters");
    else if (stage.startsWith(QLatin1String("leave-one-out")))
        what = QObject::tr("Refitting without each row (%1)").arg(stage.mid(14));
    else if (stage == QLatin1String("done"))
        what = QObject::tr("Done");
    return QStringLiteral("%1… %2%").arg(what).arg(qRound(fraction * 100));
}

} // namespace

CalibrateDialog::CalibrateDialog(hardware::Catalog catalog, QWidget* parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_job(new FitJob(this)) {
    setWindowTitle(tr("Calibrate to Measurements"));
    auto* layout = new QVBoxLayout(this);
    auto* fileRow = new QHBoxLayout;
    m_file = new QLineEdit(this);
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("NeuronPerf CSV / JSON report, Pipescope measurements CSV, or any CSV"));
    auto* browse = new QPushButton(tr("Open…"), this);
    connect(browse, &QPushButton::clicked, this, &CalibrateDialog::chooseFile);
    fileRow->addWidget(new QLabel(tr("Measurements"), this));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    layout->addLayout(fileRow);
    m_format = new QLabel(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The detected format and the import's outcome on lines of their own: side by side they read
    // as one run-on sentence.
    layout->addWidget(m_format);
    layout->addWidget(m_message);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildImportSide());
    split->addWidget(buildResultsSide());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(new QLabel(tr("Save as device profile"), this));
    m_profileName = new QLineEdit(this);
    m_profileName->setToolTip(tr("Name the deployment panel's Device box will offer"));
    saveRow->addWidget(m_profileName, 1);
    m_save = new QPushButton(tr("Save Profile"), this);
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &CalibrateDialog::saveProfile);
    saveRow->addWidget(m_save);
    auto* close = new QPushButton(tr("Close"), this);
    close->setAutoDefault(false);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    saveRow->addWidget(close);
    layout->addLayout(saveRow);

    connect(m_job, &FitJob::progress, this, [this](double fraction, const QString& stage) {
        m_progress->setValue(static_cast<int>(fraction * 1000));
        m_stage->setText(stageText(stage, fraction));
    });
    connect(m_job, &FitJob::identified, this, &CalibrateDialog::onIdentified);
    connect(m_job, &FitJob::fitted, this, &CalibrateDialog::onFitted);
    connect(m_job, &FitJob::failed, this, &CalibrateDialog::onFitFailed);
    connect(m_job, &FitJob::finished, this, &CalibrateDialog::onJobFinished);
    resize(1280, 820);
    setMessage({}, false);
}

CalibrateDialog::~CalibrateDialog() = default; // m_job (a child) cancels and waits for its thread

QWidget* CalibrateDialog::buildImportSide() {
    auto* side = new QWidget(this);
    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* defaults = new QGroupBox(tr("What the file does not say"), side);
    auto* form = new QFormLayout(defaults);
    m_defaultInstance = new QComboBox(defaults);
    m_defaultInstance->addItem(tr("(from the file)"), QString());
    for (const hardware::InstanceSpec& spec : m_catalog.instances())
        m_defaultInstance->addItem(spec.name, spec.name);
    m_defaultInstance->setToolTip(tr("The instance the rows were measured on when the file has no instance "
                                     "column (NeuronPerf reports have none)"));
    form->addRow(tr("Instance"), m_defaultInstance);
    m_defaultModel = new QComboBox(defaults);
    m_defaultModel->setEditable(true);
    m_defaultModel->addItems(model::presetNames());
    m_defaultModel->setCurrentText(QStringLiteral("bert-base-uncased"));
    form->addRow(tr("Model"), m_defaultModel);
    m_defaultSequence = new QSpinBox(defaults);
    m_defaultSequence->setRange(1, 4096);
    m_defaultSequence->setValue(128);
    form->addRow(tr("Sequence length"), m_defaultSequence);
    layout->addWidget(defaults);
    connect(m_defaultInstance, &QComboBox::currentIndexChanged, this, &CalibrateDialog::reimport);
    connect(m_defaultModel, &QComboBox::currentTextChanged, this, &CalibrateDialog::reimport);
    connect(m_defaultSequence, &QSpinBox::valueChanged, this, &CalibrateDialog::reimport);

    m_mappingGroup = new QGroupBox(tr("Columns"), side);
    auto* mappingLayout = new QVBoxLayout(m_mappingGroup);
    auto* scroll = new QScrollArea(m_mappingGroup);
    m_mapping = new ColumnMappingEditor(scroll);
    scroll->setWidget(m_mapping);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    mappingLayout->addWidget(scroll);
    m_mappingGroup->hide();
    connect(m_mapping, &ColumnMappingEditor::mappingChanged, this, &CalibrateDialog::reimport);
    layout->addWidget(m_mappingGroup, 3);

    m_rowTabs = new QTabWidget(side);
    m_imported = makeRowTable(
        {tr("Line"), tr("Deployment"), tr("Throughput /s"), tr("p50 ms"), tr("p95 ms"), tr("p99 ms")},
        m_rowTabs);
    m_skipped = makeRowTable({tr("Line"), tr("Why it was skipped")}, m_rowTabs);
    m_rowTabs->addTab(m_imported, tr("Imported"));
    m_rowTabs->addTab(m_skipped, tr("Skipped"));
    layout->addWidget(m_rowTabs, 2);
    layout->addWidget(buildFitControls(), 2);
    return side;
}

QWidget* CalibrateDialog::buildFitControls() {
    auto* box = new QGroupBox(tr("Fit"), this);
    auto* layout = new QVBoxLayout(box);
    m_parameters = new QListWidget(box);
    m_parameters->setToolTip(tr("Device parameters to refit; the others keep their values. Pre-ticked: the "
                                "ones these measurements can tell apart"));
    m_parameters->setMaximumHeight(190); // a dozen parameters scroll; the rows and columns need the room
    layout->addWidget(m_parameters, 1);
    auto* options = new QHBoxLayout;
    options->addWidget(new QLabel(tr("Requests per row"), box));
    m_requests = new QSpinBox(box);
    m_requests->setRange(100, 1000000);
    m_requests->setValue(3000);
    m_requests->setSingleStep(500);
    m_requests->setToolTip(tr("Simulated requests per row and evaluation: fewer is faster and noisier"));
    options->addWidget(m_requests);
    m_leaveOneOut = new QCheckBox(tr("Leave-one-out"), box);
    m_leaveOneOut->setChecked(true);
    m_leaveOneOut->setToolTip(
        tr("Refit without each row and predict it: the honest error for deployments you "
           "have not measured (one more fit per row)"));
    options->addWidget(m_leaveOneOut);
    options->addStretch(1);
    layout->addLayout(options);
    auto* run = new QHBoxLayout;
    m_fit = new QPushButton(tr("Fit"), box);
    m_fit->setEnabled(false);
    m_fit->setDefault(true);
    connect(m_fit, &QPushButton::clicked, this, &CalibrateDialog::startFit);
    m_cancel = new QPushButton(tr("Cancel"), box);
    m_cancel->setToolTip(tr("Stop the fit (Esc)"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &CalibrateDialog::cancelFit);
    m_progress = new QProgressBar(box);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    run->addWidget(m_fit);
    run->addWidget(m_cancel);
    run->addWidget(m_progress, 1);
    layout->addLayout(run);
    m_stage = new QLabel(box);
    m_stage->setWordWrap(true);
    layout->addWidget(m_stage);
    return box;
}

QWidget* CalibrateDialog::buildResultsSide() {
    auto* split = new QSplitter(Qt::Vertical, this);
    auto* chartSide = new QWidget(split);
    auto* chartLayout = new QVBoxLayout(chartSide);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    m_quantity = new QComboBox(chartSide);
    m_quantity->addItem(tr("Throughput"));
    m_quantity->addItem(tr("p95 latency"));
    auto* quantityRow = new QHBoxLayout;
    quantityRow->addWidget(new QLabel(tr("Compare"), chartSide));
    quantityRow->addWidget(m_quantity);
    quantityRow->addStretch(1);
    chartLayout->addLayout(quantityRow);
    m_chart = new ResidualChart(chartSide);
    chartLayout->addWidget(m_chart, 1);
    connect(m_quantity, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_chart->setQuantity(index == 0 ? ResidualChart::Quantity::Throughput
                                        : ResidualChart::Quantity::P95Latency);
    });
    m_results = new FitResultsView(split);
    split->addWidget(chartSide);
    split->addWidget(m_results);
    // The chart is what the user judges the fit by: it gets the larger share.
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_chart->setMinimumHeight(300);
    return split;
}

void CalibrateDialog::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Measurements"), QString(),
                                                      tr("Measurements (*.csv *.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool CalibrateDialog::openFile(const QString& path) {
    if (isFitting())
        return false;
    m_path = path;
    m_file->setText(path);
    const BusyCursor busy;
    Result<QByteArray> data = calibrate::readMeasurementsData(path);
    if (!data) {
        m_data.clear();
        m_measurements.reset();
        m_format->clear();
        m_mappingGroup->hide();
        fillRowTables();
        fillParameters();
        setMessage(data.error().toString(), true);
        return false;
    }
    m_data = std::move(data).value();
    m_detected = calibrate::detectMeasurementFormat(m_data);
    m_format->setText(tr("Format: %1").arg(formatName(m_detected)));
    m_mappingGroup->setVisible(m_detected.isEmpty());
    if (m_detected.isEmpty())
        m_mapping->setColumns(calibrate::csvColumns(m_data)); // re-imports via mappingChanged
    else
        reimport();
    return m_measurements.has_value();
}

calibrate::ImportDefaults CalibrateDialog::importDefaults() const {
    calibrate::ImportDefaults defaults;
    defaults.instance = m_defaultInstance->currentData().toString();
    defaults.model = m_defaultModel->currentText().trimmed();
    defaults.sequenceLength = m_defaultSequence->value();
    defaults.requests = m_requests ? m_requests->value() : defaults.requests;
    return defaults;
}

void CalibrateDialog::reimport() {
    if (m_data.isEmpty() || isFitting())
        return;
    const QString origin = QFileInfo(m_path).fileName();
    const BusyCursor busy;
    if (m_detected.isEmpty())
        showImport(
            calibrate::importMappedCsv(m_data, origin, m_mapping->mapping(), m_catalog, importDefaults()));
    else
        showImport(calibrate::importMeasurements(m_data, origin, m_catalog, importDefaults()));
}

void CalibrateDialog::showImport(const Result<calibrate::MeasurementSet>& imported) {
    m_report.reset();
    m_results->clear();
    m_chart->setReport({});
    m_save->setEnabled(false);
    if (imported) {
        m_measurements = *imported;
        setMessage(tr("%n row(s) imported", nullptr, static_cast<int>(m_measurements->rows.size())) +
                       (m_measurements->skipped.empty()
                            ? QString()
                            : tr(", %n skipped (see Skipped)", nullptr,
                                 static_cast<int>(m_measurements->skipped.size()))),
                   false);
    } else {
        m_measurements.reset();
        setMessage(imported.error().toString(), true);
    }
    fillRowTables();
    fillParameters();
}

void CalibrateDialog::fillRowTables() {
    const auto number = [](double v, int digits) {
        return v > 0 ? QString::number(v, 'f', digits) : QStringLiteral("—");
    };
    const std::size_t rows = m_measurements ? m_measurements->rows.size() : 0;
    m_imported->setRowCount(static_cast<int>(rows));
    for (std::size_t i = 0; i < rows; ++i) {
        const calibrate::Measurement& m = m_measurements->rows[i];
        const QStringList cells = {QString::number(m.line),          m.label(),
                                   number(m.throughputPerSecond, 1), number(m.latencyP50Ms, 2),
                                   number(m.latencyP95Ms, 2),        number(m.latencyP99Ms, 2)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c == 1 ? Qt::AlignLeft | Qt::AlignVCenter
                                          : Qt::AlignRight | Qt::AlignVCenter);
            m_imported->setItem(static_cast<int>(i), c, item);
        }
    }
    const std::size_t skipped = m_measurements ? m_measurements->skipped.size() : 0;
    m_skipped->setRowCount(static_cast<int>(skipped));
    for (std::size_t i = 0; i < skipped; ++i) {
        const calibrate::SkippedRow& row = m_measurements->skipped[i];
        auto* line = new QTableWidgetItem(QString::number(row.line));
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_skipped->setItem(static_cast<int>(i), 0, line);
        auto* reason = new QTableWidgetItem(row.reason);
        reason->setToolTip(row.reason);
        m_skipped->setItem(static_cast<int>(i), 1, reason);
    }
    m_rowTabs->setTabText(0, tr("Imported (%1)").arg(rows));
    m_rowTabs->setTabText(1, tr("Skipped (%1)").arg(skipped));
}

void CalibrateDialog::setMessage(const QString& text, bool error) {
    m_message->setText(text);
    // A red that keeps contrast on light and dark palettes.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette pal = palette();
    if (error)
        pal.setColor(QPalette::WindowText, dark ? QColor(255, 130, 120) : QColor(180, 20, 20));
    m_message->setPalette(pal);
}

} // namespace pipescope::widgets
