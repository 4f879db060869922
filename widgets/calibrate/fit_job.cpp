#include "fit_job.h"

#include <QMetaObject>

#include <memory>

namespace pipescope::widgets {

FitJob::FitJob(QObject* parent)
    : QObject(parent) {}

FitJob::~FitJob() {
    m_cancel = true;
    join();
}

void FitJob::join() {
    if (m_thread.joinable())
        m_thread.join();
}

template <typename Work> bool FitJob::start(Work work) {
    if (m_running)
        return false;
    join(); // the previous job has posted its result and is ending
    m_cancel = false;
    m_running = true;
    m_thread = std::thread([this, work = std::move(work)]() mutable {
        // Results come back as queued calls on this object: dropped if it is gone, and only
        // ever touching it on the GUI thread.
        std::function<void()> report = work();
        QMetaObject::invokeMethod(
            this,
            [this, report = std::move(report)] {
                m_running = false;
                report();
                emit finished();
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool FitJob::findIdentifiable(hardware::Catalog catalog, calibrate::MeasurementSet measurements,
                              calibrate::MeasurementFitOptions options) {
    options.cancel = &m_cancel;
    options.progress = nullptr;
    return start([this, catalog = std::move(catalog), measurements = std::move(measurements),
                  options = std::move(options)]() -> std::function<void()> {
        Result<QStringList> keys = calibrate::identifiableParameters(catalog, measurements, options);
        if (!keys)
            return [this, message = keys.error().toString()] { emit failed(message); };
        return [this, list = *keys] { emit identified(list); };
    });
}

bool FitJob::startFit(hardware::Catalog catalog, calibrate::MeasurementSet measurements,
                      calibrate::MeasurementFitOptions options) {
    options.cancel = &m_cancel;
    options.progress = [this](double fraction, const QString& stage) {
        QMetaObject::invokeMethod(
            this, [this, fraction, stage] { emit progress(fraction, stage); }, Qt::QueuedConnection);
    };
    return start([this, catalog = std::move(catalog), measurements = std::move(measurements),
                  options = std::move(options)]() -> std::function<void()> {
        Result<calibrate::MeasurementFitReport> report =
            calibrate::fitMeasurements(catalog, measurements, options);
        if (!report)
            return [this, message = report.error().toString()] { emit failed(message); };
        auto shared = std::make_shared<calibrate::MeasurementFitReport>(std::move(report).value());
        return [this, shared] { emit fitted(*shared); };
    });
}

} // namespace pipescope::widgets
