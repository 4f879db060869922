#pragma once

#include "calibrate/measurement_fit.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace pipescope::widgets {

// A measurement fit's outcome as tables: each parameter (before, after, 95% interval, whether the
// measurements pin it down) and each row (measured, and the simulator's error before the fit,
// after it and held out), with the fit's notes above them; a held-out fit that got worse is shown
// as a warning, since it means the fitted profile should not be trusted for new deployments.
class FitResultsView : public QWidget {
    Q_OBJECT
public:
    explicit FitResultsView(QWidget* parent = nullptr);

    void setReport(const calibrate::MeasurementFitReport& report);
    void clear();

    QTableWidget* parameterTable() const { return m_parameters; }
    QTableWidget* rowTable() const { return m_rows; }
    QLabel* notesLabel() const { return m_notes; }
    QLabel* warningLabel() const { return m_warning; }

private:
    void fillParameters(const calibrate::MeasurementFitReport& report);
    void fillRows(const calibrate::MeasurementFitReport& report);

    QLabel* m_warning = nullptr;
    QLabel* m_notes = nullptr;
    QTableWidget* m_parameters = nullptr;
    QTableWidget* m_rows = nullptr;
};

// "+4.1%" for simulated against measured; "—" when either is missing.
QString percentError(double simulated, double measured);

} // namespace pipescope::widgets
