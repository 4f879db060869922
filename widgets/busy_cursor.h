#pragma once

#include <QGuiApplication>

namespace pipescope::widgets {

// The wait cursor while a short piece of work runs on the GUI thread (reading and importing a
// measurements file: up to a second or two for the largest the importer accepts or refuses), so
// the window does not look hung. Work that can take longer runs on a worker with progress and
// Cancel instead (SweepJob, FitJob).
class BusyCursor {
public:
    BusyCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QGuiApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};

} // namespace pipescope::widgets
