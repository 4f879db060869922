#pragma once

#include "hardware/catalog.h"
#include "sweep/sweep.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace pipescope::widgets {

// Runs one design-space sweep on a worker thread (which the engine widens to a pool of every
// core), so the window keeps painting. Progress reaches the GUI thread as queued calls, at most
// one in flight; the result arrives on the GUI thread, shared and immutable.
class SweepJob : public QObject {
    Q_OBJECT
public:
    explicit SweepJob(QObject* parent = nullptr);
    // Cancels a sweep in progress and waits for it: no callback outlives this object.
    ~SweepJob() override;

    // False when a sweep is already running.
    bool start(const sweep::SweepSpace& space, const sweep::LoadCurveOptions& options,
               const hardware::Catalog& catalog);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    int sweepsStarted() const { return m_started; }

signals:
    void progress(int done, int total);
    void finished(std::shared_ptr<const pipescope::sweep::SweepResult> result);
    void failed(const QString& message);
    void cancelled();

private:
    void onThreadFinished();
    void postProgress(int done, int total); // called on a worker thread

    QThread* m_thread = nullptr;
    std::optional<Result<sweep::SweepResult>> m_outcome; // written by the worker, read after it ends
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_done{0};
    std::atomic<int> m_total{0};
    std::atomic<bool> m_progressPending{false};
    int m_started = 0;
};

} // namespace pipescope::widgets
