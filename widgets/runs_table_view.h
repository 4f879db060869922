#pragma once

#include <QPointer>
#include <QTableView>

class QSortFilterProxyModel;

namespace pipescope::widgets {

class RunsTableModel;
class Session;

// The runs table: sortable, selecting a row selects that run in the session (so every view shows
// it), and a context menu sets the baseline, asks to edit a run as a new one (double-click does
// too) or to delete it. Deleting goes through the
// window's undo stack, so the view only asks for it.
class RunsTableView : public QTableView {
    Q_OBJECT
public:
    explicit RunsTableView(Session* session, QWidget* parent = nullptr);

    RunsTableModel* runsModel() const { return m_model; }
    QSortFilterProxyModel* proxyModel() const { return m_proxy; }
    // Session index of the run in the current row, or -1.
    int currentRunIndex() const;

public slots:
    void setCurrentAsBaseline();

signals:
    void deleteRequested(int runIndex);
    // "Edit as new run": load this run's deployment into the panel.
    void editRequested(int runIndex);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void onSessionSelectionChanged();
    void onRowSelected();

    QPointer<Session> m_session;
    RunsTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    bool m_syncing = false; // guards the session <-> view selection round trip
};

} // namespace pipescope::widgets
