#include "session.h"

#include <QThreadPool>

#include <algorithm>

namespace pipescope::widgets {

Session::Session(QObject* parent)
    : QObject(parent)
    , m_viewRange(new ViewRange(this)) {
    connect(m_viewRange, &ViewRange::changed, this, &Session::viewRangeChanged);
}

Session::ModelFuture Session::timelineFor(const sim::RunPtr& run, TimelineModelPtr timeline) {
    auto promise = std::make_shared<std::promise<TimelineModelPtr>>();
    ModelFuture future = promise->get_future().share();
    if (timeline && timeline->run() == run) {
        promise->set_value(std::move(timeline));
        return future;
    }
    // The worker holds the run and the promise, nothing of the session, so it may outlive it.
    QThreadPool::globalInstance()->start([promise, run] { promise->set_value(TimelineModel::build(run)); });
    return future;
}

TimelineModelPtr Session::timelineModel(int index) const {
    if (index < 0 || index >= static_cast<int>(m_timelines.size()))
        return nullptr;
    return m_timelines[static_cast<std::size_t>(index)].get();
}

sim::RunPtr Session::selectedRun() const {
    return m_selected >= 0 && m_selected < static_cast<int>(m_runs.size()) ? m_runs[m_selected] : nullptr;
}

sim::RunPtr Session::baselineRun() const {
    return m_baseline >= 0 && m_baseline < static_cast<int>(m_runs.size()) ? m_runs[m_baseline] : nullptr;
}

void Session::addRun(sim::RunPtr run, TimelineModelPtr timeline) {
    insertRun(static_cast<int>(m_runs.size()), std::move(run), std::move(timeline));
}

void Session::insertRun(int index, sim::RunPtr run, TimelineModelPtr timeline) {
    index = std::clamp(index, 0, static_cast<int>(m_runs.size()));
    m_timelines.insert(m_timelines.begin() + index, timelineFor(run, std::move(timeline)));
    m_runs.insert(m_runs.begin() + index, std::move(run));
    if (m_baseline >= index)
        ++m_baseline;
    emit runsChanged();
    setModified(true);
    m_selected = -1; // force the signal: the row at `index` is new
    setSelectedIndex(index);
}

sim::RunPtr Session::takeRun(int index) {
    if (index < 0 || index >= static_cast<int>(m_runs.size()))
        return nullptr;
    sim::RunPtr run = m_runs[index];
    m_runs.erase(m_runs.begin() + index);
    m_timelines.erase(m_timelines.begin() + index);
    if (m_baseline == index)
        m_baseline = -1;
    else if (m_baseline > index)
        --m_baseline;
    const int count = static_cast<int>(m_runs.size());
    const int selected = m_selected >= count ? count - 1 : m_selected;
    emit runsChanged();
    emit baselineChanged(m_baseline);
    setModified(true);
    m_selected = -2;
    setSelectedIndex(selected);
    return run;
}

void Session::setSelectedIndex(int index) {
    if (index < -1 || index >= static_cast<int>(m_runs.size()))
        index = -1;
    if (index == m_selected)
        return;
    m_selected = index;
    emit selectionChanged(selectedRun());
}

void Session::setBaselineIndex(int index) {
    if (index < -1 || index >= static_cast<int>(m_runs.size()))
        index = -1;
    if (index == m_baseline)
        return;
    m_baseline = index;
    emit baselineChanged(index);
    setModified(true);
}

void Session::reset(std::vector<sim::RunPtr> runs, int selected, int baseline,
                    std::vector<TimelineModelPtr> timelines) {
    m_runs = std::move(runs);
    m_timelines.clear();
    timelines.resize(m_runs.size());
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        m_timelines.push_back(timelineFor(m_runs[i], std::move(timelines[i])));
    m_baseline = baseline >= 0 && baseline < static_cast<int>(m_runs.size()) ? baseline : -1;
    emit runsChanged();
    emit baselineChanged(m_baseline);
    m_selected = -2;
    setSelectedIndex(selected);
    setModified(false);
}

void Session::setModified(bool modified) {
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void Session::setFilePath(const QString& path) {
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void Session::setViewRange(qint64 begin, qint64 end) {
    m_viewRange->setRange(begin, end);
}

void Session::setMeasurements(calibrate::MeasurementSet measurements) {
    m_measurements = std::move(measurements);
    emit measurementsChanged();
}

} // namespace pipescope::widgets
