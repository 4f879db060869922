#include "profile_jobs.h"

#include "io/atomic_file.h"
#include "io/profile_reader.h"
#include "io/profile_writer.h"

#include <QPromise>
#include <QtConcurrent>

#include <algorithm>

namespace pipescope::app {
namespace {

// A RunControl whose progress 0..1 lands in [from, to] of the job's permille range.
sim::RunControl stageControl(QPromise<OpenedProfile>& promise, const std::atomic<bool>* cancel, double from,
                             double to) {
    sim::RunControl control;
    control.cancel = cancel;
    control.progress = [&promise, from, to](double fraction) {
        const double overall = from + (to - from) * std::clamp(fraction, 0.0, 1.0);
        promise.setProgressValue(static_cast<int>(overall * kJobProgressMax));
    };
    return control;
}

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load();
}

void openJob(QPromise<OpenedProfile>& promise, const QString& path, const std::atomic<bool>* cancel) {
    promise.setProgressRange(0, kJobProgressMax);
    OpenedProfile opened;
    // Decoding the runs (traces inflate here) is the first half; re-simulating runs saved
    // without a trace the second, when there are any.
    auto read = io::readProfileFile(path, {}, stageControl(promise, cancel, 0.0, 0.5));
    if (!read) {
        opened.cancelled = cancelled(cancel);
        opened.error = read.error();
    } else {
        opened.profile = std::move(read).value();
        auto runs = io::restoreRuns(opened.profile, stageControl(promise, cancel, 0.5, 1.0));
        if (runs) {
            opened.runs = std::move(runs).value();
        } else {
            opened.cancelled = cancelled(cancel);
            opened.error = makeError(runs.error().toString(), path);
        }
    }
    promise.setProgressValue(kJobProgressMax);
    promise.addResult(std::move(opened));
}

void saveJob(QPromise<SavedProfile>& promise, const QString& path, const io::Profile& profile,
             const std::atomic<bool>* cancel) {
    promise.setProgressRange(0, kJobProgressMax);
    SavedProfile saved;
    // Building the document (compressing every trace) is nearly all of the work; the file is
    // replaced atomically afterwards, so a cancel before that leaves the old file as it was.
    const QByteArray bytes = io::writeProfile(profile, {}, [&promise](double fraction) {
        promise.setProgressValue(static_cast<int>(fraction * kJobProgressMax * 9 / 10));
    });
    promise.setProgressValue(kJobProgressMax * 9 / 10);
    if (cancelled(cancel))
        saved.cancelled = true;
    else
        saved.error = io::writeFileAtomically(path, bytes);
    promise.setProgressValue(kJobProgressMax);
    promise.addResult(std::move(saved));
}

} // namespace

QFuture<OpenedProfile> startOpenProfile(const QString& path, const std::atomic<bool>* cancel) {
    return QtConcurrent::run(openJob, path, cancel);
}

QFuture<SavedProfile> startSaveProfile(const QString& path, io::Profile profile,
                                       const std::atomic<bool>* cancel) {
    return QtConcurrent::run(saveJob, path, std::move(profile), cancel);
}

} // namespace pipescope::app
