#pragma once

#include "compile/placement.h"
#include "model/model_graph.h"

#include <QAbstractTableModel>

#include <vector>

namespace pipescope::widgets {

// The operators of a model graph, one row each, with the stage and core the placement assigns.
// Display text is formatted; Qt::UserRole gives the raw number so that sorting is numeric.
class OperatorTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Index, Name, Type, Engine, Flops, WeightBytes, ActivationBytes, Stage, Core, ColumnCount };

    explicit OperatorTableModel(QObject* parent = nullptr);

    void setGraph(const model::ModelGraph& graph, const compile::Placement* placement);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        model::Operator op;
        int stage = -1;
        int core = -1;
    };
    std::vector<Row> m_rows;
};

} // namespace pipescope::widgets
