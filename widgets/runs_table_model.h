#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace pipescope::widgets {

class Session;

// The session's runs as the 2021 study tabulated them, with the model and the workload so that
// runs differing only in those can be told apart; one row per run in session order.
// Qt::DisplayRole gives formatted text, SortRole the raw number so a QSortFilterProxyModel sorts
// numerically. Ratios are against the session's baseline run and empty when there is none.
// Interval columns show the engine's ~90% prediction intervals ("low–high"), "—" for runs saved
// before intervals existed; their tooltips give the interval notes. "Bound by" names the resource
// that limits throughput, its tooltip the engine's reason.
class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Model,
        Instance,
        Batch,
        Mode,
        Groups,
        CoresPerModel,
        Workload,
        Throughput,
        P95,
        CostPerMillion,
        ThroughputRatio,
        CostRatio,
        // Explanation of each run (issue 9), appended so other columns keep their places.
        ThroughputInterval,
        P95Interval,
        CostInterval,
        BoundBy,
        Workers,
        // Issue 12: the user's measurement of the same deployment (Tools > Calibrate to Measurements).
        MeasuredThroughput,
        MeasuredP95,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunsTableModel(Session* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The earlier run with exactly the same inputs (so the same results: the simulator is
    // deterministic), or -1. Duplicates are marked in the row header and greyed.
    int duplicateOf(int row) const;
    // The row of the session's measurements that measured this run's deployment, or -1.
    int measuredRow(int row) const;

private:
    QVariant sortValue(int row, int column) const;
    QVariant displayValue(int row, int column) const;
    QVariant rowHeader(int section, int role) const;
    void findDuplicates();
    void findMeasured();
    void onMeasurementsChanged();
    QVariant measuredValue(int row, int column, int role) const;
    QVariant explanationSortValue(int row, int column) const;
    QVariant explanationDisplayValue(int row, int column) const;
    QVariant explanationToolTip(int row, int column) const;
    void onRunsChanged();
    void onBaselineChanged();

    QPointer<Session> m_session;
    int m_rows = 0;                 // rows announced to views; the session may already hold more or fewer
    std::vector<int> m_duplicateOf; // per row: earlier row with the same inputs, or -1
    std::vector<int> m_measuredRow; // per row: the session's measurement of the same deployment, or -1
};

} // namespace pipescope::widgets
