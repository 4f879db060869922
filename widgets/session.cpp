#include "session.h"

#include <algorithm>

namespace pipescope::widgets {

Session::Session(QObject* parent)
    : QObject(parent) {}

sim::RunPtr Session::selectedRun() const {
    return m_selected >= 0 && m_selected < static_cast<int>(m_runs.size()) ? m_runs[m_selected] : nullptr;
}

sim::RunPtr Session::baselineRun() const {
    return m_baseline >= 0 && m_baseline < static_cast<int>(m_runs.size()) ? m_runs[m_baseline] : nullptr;
}

void Session::addRun(sim::RunPtr run) {
    insertRun(static_cast<int>(m_runs.size()), std::move(run));
}

void Session::insertRun(int index, sim::RunPtr run) {
    index = std::clamp(index, 0, static_cast<int>(m_runs.size()));
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

void Session::reset(std::vector<sim::RunPtr> runs, int selected, int baseline) {
    m_runs = std::move(runs);
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
    if (begin == m_viewBegin && end == m_viewEnd)
        return;
    m_viewBegin = begin;
    m_viewEnd = end;
    emit viewRangeChanged(begin, end);
}

} // namespace pipescope::widgets
