#pragma once

#include "compile/placement.h"
#include "model/model_graph.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace pipescope::widgets {

class OperatorTableModel;
class StageBars;

// The model inspector: totals, the pipeline rule of thumb, one bar per pipeline stage (time share,
// weights in SRAM or not) and a sortable table of operators. Standalone; the main window embeds it.
class ModelInspectorView : public QWidget {
    Q_OBJECT

public:
    explicit ModelInspectorView(QWidget* parent = nullptr);

    // Copies what it shows; `placement` may be null (no stage columns or bars then).
    void setModel(const model::ModelGraph& graph, const compile::Placement* placement = nullptr);

    QTableView* table() const { return m_table; }
    StageBars* stageBars() const { return m_bars; }
    QString totalsText() const;
    OperatorTableModel* operatorModel() const { return m_model; }

private:
    QLabel* m_totals = nullptr;
    QLabel* m_warnings = nullptr;
    StageBars* m_bars = nullptr;
    QTableView* m_table = nullptr;
    OperatorTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

} // namespace pipescope::widgets
