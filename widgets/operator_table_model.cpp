#include "operator_table_model.h"

#include <QLocale>

namespace pipescope::widgets {
namespace {

QString humanBytes(double bytes) {
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

QString humanFlops(double flops) {
    if (flops >= 1e9)
        return QStringLiteral("%1 G").arg(flops / 1e9, 0, 'f', 2);
    if (flops >= 1e6)
        return QStringLiteral("%1 M").arg(flops / 1e6, 0, 'f', 2);
    if (flops >= 1e3)
        return QStringLiteral("%1 k").arg(flops / 1e3, 0, 'f', 1);
    return QString::number(flops, 'f', 0);
}

} // namespace

OperatorTableModel::OperatorTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void OperatorTableModel::setGraph(const model::ModelGraph& graph, const compile::Placement* placement) {
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(graph.ops.size());
    for (const auto& op : graph.ops)
        m_rows.push_back({op, -1, -1});
    // The first group is representative: every group of a deployment runs the same partition.
    if (placement && !placement->groups.empty()) {
        const auto& stages = placement->groups.front().stages;
        for (std::size_t s = 0; s < stages.size(); ++s)
            for (int i = std::max(0, stages[s].firstOp);
                 i < stages[s].endOp && i < static_cast<int>(m_rows.size()); ++i) {
                m_rows[i].stage = static_cast<int>(s);
                m_rows[i].core = stages[s].core;
            }
    }
    endResetModel();
}

int OperatorTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OperatorTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OperatorTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()) || index.column() >= ColumnCount)
        return {};
    const Row& r = m_rows[index.row()];
    const double activation = static_cast<double>(r.op.activationOutBytes);
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Index:
            return index.row();
        case Name:
            return r.op.name;
        case Type:
            return r.op.type;
        case Engine:
            return model::engineKindName(r.op.engine);
        case Flops:
            return r.op.flops;
        case WeightBytes:
            return static_cast<qlonglong>(r.op.weightBytes);
        case ActivationBytes:
            return activation;
        case Stage:
            return r.stage;
        case Core:
            return r.core;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Flops || index.column() == Index
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == WeightBytes)
        return tr("%1 parameters; %2 read per inference")
            .arg(r.op.parameters)
            .arg(humanBytes(static_cast<double>(r.op.weightReadBytes)));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Index:
        return index.row();
    case Name:
        return r.op.name;
    case Type:
        return r.op.type;
    case Engine:
        return model::engineKindName(r.op.engine);
    case Flops:
        return humanFlops(r.op.flops);
    case WeightBytes:
        return r.op.weightBytes > 0 ? humanBytes(static_cast<double>(r.op.weightBytes)) : QString();
    case ActivationBytes:
        return humanBytes(activation);
    case Stage:
        return r.stage >= 0 ? QVariant(r.stage) : QVariant(QString());
    case Core:
        return r.core >= 0 ? QVariant(r.core) : QVariant(QString());
    default:
        return {};
    }
}

QVariant OperatorTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Index:
        return tr("#");
    case Name:
        return tr("Operator");
    case Type:
        return tr("Type");
    case Engine:
        return tr("Engine");
    case Flops:
        return tr("FLOPs / sample");
    case WeightBytes:
        return tr("Weights");
    case ActivationBytes:
        return tr("Activations out");
    case Stage:
        return tr("Stage");
    case Core:
        return tr("Core");
    default:
        return {};
    }
}

} // namespace pipescope::widgets
