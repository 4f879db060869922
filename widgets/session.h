#pragma once

#include "sim/run.h"

#include <QObject>
#include <QString>

#include <vector>

namespace pipescope::widgets {

// The runs of one profiling session and what the user is looking at. The single source of truth
// that the views, the runs table and profile files share; every change is announced by a signal.
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);

    const std::vector<sim::RunPtr>& runs() const { return m_runs; }
    int selectedIndex() const { return m_selected; }
    sim::RunPtr selectedRun() const;
    int baselineIndex() const { return m_baseline; } // -1: none
    sim::RunPtr baselineRun() const;

    void addRun(sim::RunPtr run); // appends and selects it
    void insertRun(int index, sim::RunPtr run);
    sim::RunPtr takeRun(int index);
    void setSelectedIndex(int index);
    void setBaselineIndex(int index);
    // Replaces everything at once, as when a profile is opened; not a modification.
    void reset(std::vector<sim::RunPtr> runs, int selected, int baseline);

    bool isModified() const { return m_modified; }
    void setModified(bool modified);
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);

    // Visible time range of the timeline in ns (begin == end: fit everything), kept in profiles.
    qint64 viewBegin() const { return m_viewBegin; }
    qint64 viewEnd() const { return m_viewEnd; }
    void setViewRange(qint64 begin, qint64 end);

signals:
    void runsChanged();
    void selectionChanged(pipescope::sim::RunPtr run);
    void baselineChanged(int index);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);
    void viewRangeChanged(qint64 begin, qint64 end);

private:
    std::vector<sim::RunPtr> m_runs;
    int m_selected = -1;
    int m_baseline = -1;
    bool m_modified = false;
    QString m_filePath;
    qint64 m_viewBegin = 0;
    qint64 m_viewEnd = 0;
};

} // namespace pipescope::widgets
