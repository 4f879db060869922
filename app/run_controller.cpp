#include "run_controller.h"

#include "run_label.h"
#include "sim/simulator.h"

#include "calibrate/prediction_interval.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pipescope::app {

RunController::RunController(QObject* parent)
    : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &RunController::onWorkerFinished);
}

RunController::~RunController() {
    m_queue.clear();
    m_cancel = true;
    m_watcher.waitForFinished();
}

void RunController::enqueue(Job job) {
    m_queue.push_back(std::move(job));
    ++m_total;
    if (!m_running)
        startNext();
}

void RunController::cancel() {
    if (!m_running && m_queue.empty())
        return;
    m_queue.clear();
    m_cancel = true; // the worker stops at its next check and returns an error we report as cancelled
}

void RunController::postProgress(double fraction) {
    m_progressPermille = static_cast<int>(fraction * 1000);
    // One queued update at a time: a fast simulation must not flood the GUI thread's event queue.
    if (m_progressPending.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_progressPending = false;
            if (m_running)
                emit progress(m_progressPermille / 1000.0);
        },
        Qt::QueuedConnection);
}

void RunController::startNext() {
    if (m_queue.empty()) {
        m_started = m_total = 0;
        if (m_running) {
            m_running = false;
            emit runningChanged(false);
        }
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_cancel = false;
    m_progressPermille = 0;
    ++m_started;
    if (!m_running) {
        m_running = true;
        emit runningChanged(true);
    }
    sim::Run described;
    described.inputs = m_current.inputs;
    emit started(widgets::runDescription(described), m_started, m_total);
    emit progress(0);
    // The worker gets its own copy of the inputs; it touches nothing else of ours but the atomics
    // and postProgress, both of which outlive it (the destructor waits).
    m_watcher.setFuture(QtConcurrent::run([this, inputs = m_current.inputs]() -> Outcome {
        // The run takes most of the bar; its prediction intervals (a dozen short re-runs) the rest.
        sim::RunControl control;
        control.cancel = &m_cancel;
        control.progress = [this](double fraction) { postProgress(0.8 * fraction); };
        Result<std::shared_ptr<sim::Run>> result = sim::simulateRun(inputs, control);
        if (!result)
            return {nullptr, nullptr, result.error().toString()};
        control.progress = [this](double fraction) { postProgress(0.8 + 0.2 * fraction); };
        auto summary = calibrate::withPredictionIntervals(inputs, result.value()->summary,
                                                          calibrate::builtInReference(), control);
        if (!summary)
            return {nullptr, nullptr, summary.error().toString()};
        result.value()->summary = std::move(summary).value();
        const sim::RunPtr run(std::move(result).value());
        // The views' indexes over the trace, here rather than on the GUI thread at selection.
        return {run, widgets::TimelineModel::build(run), {}};
    }));
}

void RunController::onWorkerFinished() {
    const Outcome outcome = m_watcher.result();
    const bool wasCancelled = m_cancel.load();
    if (outcome.run)
        emit finished(outcome.run, m_current, outcome.timeline);
    else if (wasCancelled)
        emit cancelled();
    else
        emit failed(outcome.error);
    startNext();
}

} // namespace pipescope::app
