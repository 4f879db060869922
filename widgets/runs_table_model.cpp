#include "runs_table_model.h"

#include "calibrate/measured_run.h"
#include "compile/group_sizes.h"
#include "run_label.h"
#include "session.h"

#include <QColor>
#include <QFont>

#include <algorithm>

namespace pipescope::widgets {

RunsTableModel::RunsTableModel(Session* session, QObject* parent)
    : QAbstractTableModel(parent)
    , m_session(session) {
    m_rows = static_cast<int>(session->runs().size());
    findDuplicates();
    findMeasured();
    connect(session, &Session::runsChanged, this, &RunsTableModel::onRunsChanged);
    connect(session, &Session::measurementsChanged, this, &RunsTableModel::onMeasurementsChanged);
    connect(session, &Session::baselineChanged, this, &RunsTableModel::onBaselineChanged);
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical)
        return rowHeader(section, role);
    static const char* const titles[ColumnCount] = {
        "Model",         "Instance", "Batch",          "Mode",           "Groups",
        "Cores / model", "Workload", "Throughput /s",  "p95 ms",         "Cost / 1M USD",
        "Throughput ×",  "Cost ×",   "Throughput 90%", "p95 90% ms",     "Cost 90% USD",
        "Bound by",      "Workers",  "Measured /s",    "Measured p95 ms"};
    static const char* const tips[ColumnCount] = {
        "Model, compiled sequence length and data type",
        "Instance type",
        "Compiled batch size",
        "Data parallel, pipeline or GPU",
        "NEURONCORE_GROUP_SIZES",
        "NeuronCores one copy of the model runs on (--neuroncore-pipeline-cores)",
        "Closed loop: client threads; open loop: Poisson arrival rate",
        "Completed inferences per second",
        "95th percentile latency of one request (one batch)",
        "On-demand cost of one million inferences",
        "Throughput relative to the baseline run",
        "Cost per inference relative to the baseline run",
        "Range the measured throughput is expected in (about 90%), from the calibration's uncertainty",
        "Range the measured p95 latency is expected in (about 90%)",
        "Range the cost per 1M inferences is expected in (about 90%)",
        "The resource that limits throughput (host, DRAM, compute, GPU, clients or the offered load)",
        "Serving worker processes, each with its own interpreter lock",
        "Throughput you measured for this deployment (imported by Tools > Calibrate to Measurements)",
        "p95 latency you measured for this deployment"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromUtf8(titles[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromUtf8(tips[section]);
    return {};
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.model() != this || index.column() >= ColumnCount || !m_session)
        return {};
    const int row = index.row();
    if (row >= static_cast<int>(m_session->runs().size()) || !m_session->runs()[row])
        return {};
    if (index.column() >= MeasuredThroughput)
        return measuredValue(row, index.column(), role);
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= Batch && index.column() != Mode && index.column() != Groups &&
                       index.column() != BoundBy
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (duplicateOf(row) >= 0)
            return QColor(Qt::gray);
        return {};
    case Qt::FontRole:
        if (row == m_session->baselineIndex()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() >= ThroughputInterval)
            return explanationToolTip(row, index.column());
        if (index.column() == Groups && !m_session->runs()[row]->inputs.instance.isGpu())
            // The column shortens long groupings ("64×1"): the tooltip has them as set.
            return QStringLiteral("NEURONCORE_GROUP_SIZES=%1")
                .arg(compile::formatGroupSizes(m_session->runs()[row]->inputs.config.groupSizes));
        return runDescription(*m_session->runs()[row]) +
               (row == m_session->baselineIndex() ? QStringLiteral(" (baseline)") : QString()) +
               (duplicateOf(row) >= 0
                    ? tr("\nSame inputs as run %1: the same results").arg(duplicateOf(row) + 1)
                    : QString());
    default:
        return {};
    }
}

QVariant RunsTableModel::sortValue(int row, int column) const {
    const sim::Run& run = *m_session->runs()[row];
    const auto& summary = run.summary;
    const sim::Run* base = m_session->baselineRun().get();
    switch (column) {
    case Model:
        return runModelName(run);
    case Workload:
        return run.inputs.workload.kind == sim::Workload::Kind::ClosedLoop
                   ? static_cast<double>(run.inputs.workload.clients)
                   : run.inputs.workload.ratePerSecond;
    case Instance:
        // A run simulated with a device profile says so: its figures are not the catalog's.
        return run.inputs.instance.deviceProfile.isEmpty()
                   ? run.inputs.instance.name
                   : QStringLiteral("%1 · %2").arg(run.inputs.instance.name,
                                                   run.inputs.instance.deviceProfile);
    case Batch:
        return run.inputs.config.batch;
    case Mode:
        return runModeName(run);
    case Groups:
        return compile::shortGroupSizes(run.inputs.config.groupSizes);
    case CoresPerModel:
        return runCoresPerModel(run);
    case Throughput:
        return summary.throughputPerSecond;
    case P95:
        return summary.latencyMs.p95;
    case CostPerMillion:
        return summary.costPerMillionUsd;
    case ThroughputRatio:
        if (base && base->summary.throughputPerSecond > 0)
            return summary.throughputPerSecond / base->summary.throughputPerSecond;
        return {};
    case CostRatio:
        if (base && base->summary.costPerMillionUsd > 0)
            return summary.costPerMillionUsd / base->summary.costPerMillionUsd;
        return {};
    default:
        return explanationSortValue(row, column);
    }
}

QVariant RunsTableModel::displayValue(int row, int column) const {
    if (column >= ThroughputInterval)
        return explanationDisplayValue(row, column);
    const QVariant value = sortValue(row, column);
    if (!value.isValid())
        return {};
    switch (column) {
    case Workload:
        return runWorkloadLabel(*m_session->runs()[row]);
    case CoresPerModel:
        return value.toInt() > 0 ? value : QVariant(QStringLiteral("—"));
    case Throughput:
        return QString::number(value.toDouble(), 'f', 1);
    case P95:
        return QString::number(value.toDouble(), 'f', 2);
    case CostPerMillion:
        return QString::number(value.toDouble(), 'f', 3);
    case ThroughputRatio:
    case CostRatio:
        return QString::number(value.toDouble(), 'f', 2) + QStringLiteral("×");
    case Groups:
        return value.toString().isEmpty() ? QVariant(QStringLiteral("—")) : value;
    default:
        return value;
    }
}

QVariant RunsTableModel::rowHeader(int section, int role) const {
    // Rows are numbered as the charts label runs ("#3"); a duplicate says of which run.
    const int same = duplicateOf(section);
    if (role == Qt::DisplayRole)
        return same >= 0 ? QStringLiteral("%1 =%2").arg(section + 1).arg(same + 1)
                         : QString::number(section + 1);
    if (role == Qt::ToolTipRole && same >= 0)
        return tr("Run %1 has the same inputs as run %2, so the same results").arg(section + 1).arg(same + 1);
    return {};
}

int RunsTableModel::duplicateOf(int row) const {
    return row >= 0 && row < static_cast<int>(m_duplicateOf.size()) ? m_duplicateOf[row] : -1;
}

void RunsTableModel::findDuplicates() {
    m_duplicateOf.clear();
    if (!m_session)
        return;
    const auto& runs = m_session->runs();
    std::vector<QString> keys;
    for (const auto& run : runs) {
        const QString key = run ? runInputsKey(*run) : QString();
        const auto same = std::find(keys.begin(), keys.end(), key);
        m_duplicateOf.push_back(run && same != keys.end() ? static_cast<int>(same - keys.begin()) : -1);
        keys.push_back(key);
    }
}

void RunsTableModel::onRunsChanged() {
    // Runs are inserted and removed anywhere and Session does not say where; a reset is exact.
    beginResetModel();
    m_rows = m_session ? static_cast<int>(m_session->runs().size()) : 0;
    findDuplicates();
    findMeasured();
    endResetModel();
}

int RunsTableModel::measuredRow(int row) const {
    return row >= 0 && row < static_cast<int>(m_measuredRow.size()) ? m_measuredRow[row] : -1;
}

void RunsTableModel::findMeasured() {
    m_measuredRow.clear();
    if (!m_session)
        return;
    for (const auto& run : m_session->runs())
        m_measuredRow.push_back(run ? measuredRowFor(m_session->measurements(), run->inputs) : -1);
}

void RunsTableModel::onMeasurementsChanged() {
    findMeasured();
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

QVariant RunsTableModel::measuredValue(int row, int column, int role) const {
    const int measured = measuredRow(row);
    if (measured < 0 || measured >= static_cast<int>(m_session->measurements().rows.size()))
        return role == Qt::ToolTipRole ? tr("Not measured: no imported measurement has this deployment")
                                       : QVariant();
    const calibrate::Measurement& m = m_session->measurements().rows[measured];
    const double value = column == MeasuredThroughput ? m.throughputPerSecond : m.latencyP95Ms;
    switch (role) {
    case Qt::DisplayRole:
        // "measured" in the cell itself, so the mark survives a screenshot without tooltips.
        return value > 0 ? tr("measured %1").arg(value, 0, 'f', column == MeasuredThroughput ? 1 : 2)
                         : tr("measured —");
    case SortRole:
        return value;
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return measuredComparison(m, *m_session->runs()[row]);
    default:
        return {};
    }
}

void RunsTableModel::onBaselineChanged() {
    if (m_rows == 0)
        return;
    // Bold face moves to the new baseline row and every ratio changes.
    emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

} // namespace pipescope::widgets
