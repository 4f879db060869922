#include "model_inspector_view.h"

#include "operator_table_model.h"
#include "stage_bars.h"

#include "model/pipeline_rule.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace pipescope::widgets {

ModelInspectorView::ModelInspectorView(QWidget* parent)
    : QWidget(parent)
    , m_totals(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_bars(new StageBars(this))
    , m_table(new QTableView(this))
    , m_model(new OperatorTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this)) {
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #b06000"));
    m_warnings->hide();
    // Sort on the raw numbers, not on the formatted text ("1.2 G" < "900 M" as strings).
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OperatorTableModel::Index, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(OperatorTableModel::Name, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addWidget(m_warnings);
    layout->addWidget(m_bars);
    layout->addWidget(m_table, 1);
}

void ModelInspectorView::setModel(const model::ModelGraph& graph, const compile::Placement* placement) {
    m_model->setGraph(graph, placement);
    m_bars->setPlacement(graph, placement);
    m_bars->setVisible(placement != nullptr);
    const bool staged = placement && !placement->groups.empty();
    m_table->setColumnHidden(OperatorTableModel::Stage, !staged);
    m_table->setColumnHidden(OperatorTableModel::Core, !staged);
    m_table->resizeColumnsToContents();

    const QLocale locale;
    m_totals->setText(
        tr("<b>%1</b> (%2) · %3 operators · %4M parameters · %5 GFLOP per sample at length %6 · "
           "%7 of weights · rule of thumb: %8 pipeline cores")
            .arg(graph.name.toHtmlEscaped(), graph.family.toHtmlEscaped())
            .arg(graph.ops.size())
            .arg(graph.parameters() / 1e6, 0, 'f', 2)
            .arg(graph.flopsPerSample() / 1e9, 0, 'f', 2)
            .arg(graph.sequenceLength)
            .arg(locale.formattedDataSize(graph.weightBytes(), 1, QLocale::DataSizeSIFormat))
            .arg(model::suggestedPipelineCores(graph.parameters())));
    m_warnings->setText(graph.warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!graph.warnings.isEmpty());
}

QString ModelInspectorView::totalsText() const {
    return m_totals->text();
}

} // namespace pipescope::widgets
