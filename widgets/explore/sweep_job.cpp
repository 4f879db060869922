#include "explore/sweep_job.h"

#include <QThread>

namespace pipescope::widgets {

SweepJob::SweepJob(QObject* parent)
    : QObject(parent) {}

SweepJob::~SweepJob() {
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool SweepJob::start(const sweep::SweepSpace& space, const sweep::LoadCurveOptions& options,
                     const hardware::Catalog& catalog) {
    if (m_thread)
        return false;
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_outcome.reset();
    ++m_started;
    // The worker owns copies of everything it reads; it touches only the atomics and m_outcome,
    // which the destructor waits for.
    m_thread = QThread::create([this, space, options, catalog] {
        sweep::SweepControl control;
        control.cancel = &m_cancel;
        control.progress = [this](int done, int total) { postProgress(done, total); };
        m_outcome = sweep::runSweep(space, options, catalog, control);
    });
    connect(m_thread, &QThread::finished, this, &SweepJob::onThreadFinished);
    m_thread->start();
    return true;
}

void SweepJob::cancel() {
    m_cancel = true;
}

void SweepJob::postProgress(int done, int total) {
    m_done = done;
    m_total = total;
    // One queued update at a time: hundreds of fast deployments must not flood the event queue.
    if (m_progressPending.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_progressPending = false;
            if (m_thread)
                emit progress(m_done, m_total);
        },
        Qt::QueuedConnection);
}

void SweepJob::onThreadFinished() {
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    std::optional<Result<sweep::SweepResult>> outcome = std::move(m_outcome);
    m_outcome.reset();
    if (m_cancel.load())
        emit cancelled();
    else if (!outcome || !*outcome)
        emit failed(outcome ? outcome->error().toString() : tr("the sweep stopped without a result"));
    else
        emit finished(std::make_shared<const sweep::SweepResult>(std::move(*outcome).value()));
}

} // namespace pipescope::widgets
