#pragma once

#include "calibrate/measurement_import.h"

#include <QWidget>

#include <map>

class QComboBox;
class QFormLayout;

namespace pipescope::widgets {

// For a CSV Pipescope does not know: which of the file's columns holds which measurement field,
// one combo box per field (measurementFields()), each offering "(none)" and the file's columns.
// setColumns() pre-selects a likely column by name ("Concurrency" for clients, "p95 (ms)" for the
// p95 latency) so a typical load-test export needs at most a correction or two.
class ColumnMappingEditor : public QWidget {
    Q_OBJECT
public:
    explicit ColumnMappingEditor(QWidget* parent = nullptr);

    void setColumns(const QStringList& columns);
    calibrate::ColumnMapping mapping() const;
    QComboBox* fieldBox(const QString& field) const;

signals:
    void mappingChanged();

private:
    std::map<QString, QComboBox*> m_boxes; // field -> box
};

// The column a field most likely is, by the words its header uses; "" when none fits.
QString guessColumn(const QString& field, const QStringList& columns, const QStringList& taken);

} // namespace pipescope::widgets
