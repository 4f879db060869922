#include "runs_table_view.h"

#include "runs_table_model.h"
#include "session.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMouseEvent>
#include <QSortFilterProxyModel>

#include <utility>

namespace pipescope::widgets {

RunsTableView::RunsTableView(Session* session, QWidget* parent)
    : QTableView(parent)
    , m_session(session)
    , m_model(new RunsTableModel(session, this))
    , m_proxy(new QSortFilterProxyModel(this)) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsTableModel::SortRole);
    setModel(m_proxy);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder); // session order until the user clicks a header
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false); // a stretched ratio column pushes its numbers away
    // Each interval is appended to the model but shown next to the value it brackets.
    for (auto [value, interval] : {std::pair{RunsTableModel::Throughput, RunsTableModel::ThroughputInterval},
                                   std::pair{RunsTableModel::P95, RunsTableModel::P95Interval},
                                   std::pair{RunsTableModel::CostPerMillion, RunsTableModel::CostInterval}})
        horizontalHeader()->moveSection(horizontalHeader()->visualIndex(interval),
                                        horizontalHeader()->visualIndex(value) + 1);
    // Measured figures right after the simulated ones and their intervals.
    for (auto [value, measured] :
         {std::pair{RunsTableModel::ThroughputInterval, RunsTableModel::MeasuredThroughput},
          std::pair{RunsTableModel::P95Interval, RunsTableModel::MeasuredP95}})
        horizontalHeader()->moveSection(horizontalHeader()->visualIndex(measured),
                                        horizontalHeader()->visualIndex(value) + 1);

    // Measured columns only once there are measurements: empty columns are noise for most users.
    auto showMeasured = [this, session] {
        for (int column : {RunsTableModel::MeasuredThroughput, RunsTableModel::MeasuredP95})
            setColumnHidden(column, session->measurements().rows.empty());
    };
    showMeasured();
    connect(session, &Session::measurementsChanged, this, showMeasured);

    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsTableView::onRowSelected);
    connect(session, &Session::selectionChanged, this, &RunsTableView::onSessionSelectionChanged);
    // A model reset clears the view's selection; put the session's selection back.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsTableView::onSessionSelectionChanged);
    onSessionSelectionChanged();
}

int RunsTableView::currentRunIndex() const {
    const QModelIndex current = currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void RunsTableView::setCurrentAsBaseline() {
    const int run = currentRunIndex();
    if (m_session && run >= 0)
        m_session->setBaselineIndex(run);
}

void RunsTableView::contextMenuEvent(QContextMenuEvent* event) {
    const QModelIndex at = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    if (!at.isValid() || !m_session)
        return;
    selectRow(at.row());
    const int run = m_proxy->mapToSource(at).row();
    QMenu menu(this);
    QAction* edit = menu.addAction(tr("Edit as new run"));
    edit->setToolTip(tr("Load this run's deployment and workload into the panel"));
    QAction* baseline = menu.addAction(tr("Set as baseline"));
    baseline->setCheckable(true);
    baseline->setChecked(run == m_session->baselineIndex());
    QAction* remove = menu.addAction(tr("Delete run"));
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == edit)
        emit editRequested(run);
    else if (chosen == baseline)
        m_session->setBaselineIndex(run == m_session->baselineIndex() ? -1 : run);
    else if (chosen == remove)
        emit deleteRequested(run);
}

void RunsTableView::mouseDoubleClickEvent(QMouseEvent* event) {
    QTableView::mouseDoubleClickEvent(event);
    const QModelIndex at = indexAt(event->position().toPoint());
    if (at.isValid())
        emit editRequested(m_proxy->mapToSource(at).row());
}

void RunsTableView::onSessionSelectionChanged() {
    if (m_syncing || !m_session)
        return;
    m_syncing = true;
    const int run = m_session->selectedIndex();
    const QModelIndex source = run >= 0 && run < m_model->rowCount() ? m_model->index(run, 0) : QModelIndex();
    const QModelIndex proxy = m_proxy->mapFromSource(source);
    if (proxy.isValid()) {
        selectionModel()->setCurrentIndex(proxy,
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        scrollTo(proxy);
    } else {
        selectionModel()->clearSelection();
    }
    m_syncing = false;
}

void RunsTableView::onRowSelected() {
    if (m_syncing || !m_session)
        return;
    m_syncing = true;
    m_session->setSelectedIndex(currentRunIndex());
    m_syncing = false;
}

} // namespace pipescope::widgets
