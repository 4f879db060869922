#pragma once

#include "calibrate/measurement.h"
#include "sim/run.h"
#include "timeline/timeline_model.h"
#include "timeline/view_range.h"

#include <QObject>
#include <QString>

#include <future>
#include <vector>

namespace pipescope::widgets {

// The runs of one profiling session and what the user is looking at. The single source of truth
// that the views, the runs table and profile files share; every change is announced by a signal.
// Next to each run it holds the run's timeline model, built off the GUI thread (by whoever made
// the run, or here on a worker for a run that came without one), and it owns the visible time
// range that every time view follows.
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);

    const std::vector<sim::RunPtr>& runs() const { return m_runs; }
    int selectedIndex() const { return m_selected; }
    sim::RunPtr selectedRun() const;
    int baselineIndex() const { return m_baseline; } // -1: none
    sim::RunPtr baselineRun() const;

    // The timeline model of runs()[index]; waits for its build if that is still running (only
    // right after a run arrived without one). Null for an index out of range.
    TimelineModelPtr timelineModel(int index) const;
    TimelineModelPtr selectedTimelineModel() const { return timelineModel(m_selected); }

    // `timeline`, when given, must be built from `run`; without one it is built on a worker.
    void addRun(sim::RunPtr run, TimelineModelPtr timeline = {}); // appends and selects it
    void insertRun(int index, sim::RunPtr run, TimelineModelPtr timeline = {});
    sim::RunPtr takeRun(int index);
    void setSelectedIndex(int index);
    void setBaselineIndex(int index);
    // Replaces everything at once, as when a profile is opened; not a modification.
    // `timelines`, when given, are the runs' models built by the caller's worker (by index).
    void reset(std::vector<sim::RunPtr> runs, int selected, int baseline,
               std::vector<TimelineModelPtr> timelines = {});

    bool isModified() const { return m_modified; }
    void setModified(bool modified);
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);

    // The visible time range every time view follows, kept in profiles. setViewRange(b, e) with
    // b >= e fits everything.
    ViewRange* viewRange() const { return m_viewRange; }
    qint64 viewBegin() const { return m_viewRange->begin(); }
    qint64 viewEnd() const { return m_viewRange->end(); }
    void setViewRange(qint64 begin, qint64 end);

    // The user's measurements of the last calibration (Tools > Calibrate to Measurements), so the
    // runs table can show measured next to simulated; not saved in profiles.
    const calibrate::MeasurementSet& measurements() const { return m_measurements; }
    void setMeasurements(calibrate::MeasurementSet measurements);

signals:
    void runsChanged();
    void selectionChanged(pipescope::sim::RunPtr run);
    void baselineChanged(int index);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);
    void viewRangeChanged(qint64 begin, qint64 end);
    void measurementsChanged();

private:
    using ModelFuture = std::shared_future<TimelineModelPtr>;
    static ModelFuture timelineFor(const sim::RunPtr& run, TimelineModelPtr timeline);

    std::vector<sim::RunPtr> m_runs;
    std::vector<ModelFuture> m_timelines; // per run
    int m_selected = -1;
    int m_baseline = -1;
    bool m_modified = false;
    QString m_filePath;
    ViewRange* m_viewRange = nullptr;
    calibrate::MeasurementSet m_measurements;
};

} // namespace pipescope::widgets
