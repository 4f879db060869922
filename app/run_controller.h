#pragma once

#include "sim/run.h"
#include "timeline/timeline_model.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <deque>

namespace pipescope::app {

// Runs simulations one after another on a worker thread (QtConcurrent) so the window keeps
// painting. Progress from the simulating thread reaches the GUI thread as queued calls, at most
// one in flight at a time; finished runs arrive as immutable RunPtr on the GUI thread, with the
// timeline model the views show, built on the same worker.
class RunController : public QObject {
    Q_OBJECT
public:
    struct Job {
        sim::RunInputs inputs;
        bool baseline = false;   // make this run the session's baseline when it arrives
        bool defaultRun = false; // part of the default scenario, not the user's own edit
        bool select = true;      // show it when it arrives (else the selection stays where it is)
    };

    explicit RunController(QObject* parent = nullptr);
    // Cancels the run in progress and waits for the worker, so no callback outlives this object.
    ~RunController() override;

    void enqueue(Job job);
    // Stops the run in progress and drops the queued ones.
    void cancel();
    bool isRunning() const { return m_running; }
    int pending() const { return static_cast<int>(m_queue.size()) + (m_running ? 1 : 0); }

signals:
    void runningChanged(bool running);
    // The n-th of `total` queued runs has started (counts reset when the queue drains).
    void started(const QString& description, int n, int total);
    void progress(double fraction);
    void finished(pipescope::sim::RunPtr run, const pipescope::app::RunController::Job& job,
                  pipescope::widgets::TimelineModelPtr timeline);
    void failed(const QString& message);
    void cancelled();

private:
    struct Outcome {
        sim::RunPtr run;
        widgets::TimelineModelPtr timeline;
        QString error;
    };
    void startNext();
    void onWorkerFinished();
    void postProgress(double fraction); // called on the worker thread

    QFutureWatcher<Outcome> m_watcher;
    std::deque<Job> m_queue;
    Job m_current;
    bool m_running = false;
    int m_started = 0;
    int m_total = 0;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_progressPermille{0};
    std::atomic<bool> m_progressPending{false};
};

} // namespace pipescope::app
