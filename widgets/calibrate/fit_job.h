#pragma once

#include "calibrate/measurement_fit.h"

#include <QObject>

#include <atomic>
#include <thread>

namespace pipescope::widgets {

// Runs the engine's measurement fit (and the cheaper search for identifiable parameters) on a
// worker thread, one job at a time, and reports back on the GUI thread. cancel() sets the flag
// the fit polls; the destructor cancels and waits, so a dialog closed mid-fit leaves no thread.
class FitJob : public QObject {
    Q_OBJECT
public:
    explicit FitJob(QObject* parent = nullptr);
    ~FitJob() override;

    bool isRunning() const { return m_running; }
    // Both refuse (return false) while a job runs. `options.progress` and `cancel` are set here.
    bool findIdentifiable(hardware::Catalog catalog, calibrate::MeasurementSet measurements,
                          calibrate::MeasurementFitOptions options);
    bool startFit(hardware::Catalog catalog, calibrate::MeasurementSet measurements,
                  calibrate::MeasurementFitOptions options);
    void cancel() { m_cancel = true; }

signals:
    void progress(double fraction, const QString& stage);
    void identified(const QStringList& keys);
    void fitted(const pipescope::calibrate::MeasurementFitReport& report);
    void failed(const QString& message); // includes a cancelled fit ("cancelled")
    void finished();                     // after identified / fitted / failed

private:
    template <typename Work> bool start(Work work);
    void join();

    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    bool m_running = false; // GUI thread only
};

} // namespace pipescope::widgets
