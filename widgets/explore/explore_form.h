#pragma once

#include "explore/explore_model.h"
#include "hardware/catalog.h"
#include "sweep/load_curve.h"

#include <QVariantMap>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace pipescope::widgets {

// What to sweep and what to ask of it: the instances to include, the batch sizes, how many requests
// each load point simulates, the load to serve, the latency target and the price set; Sweep and
// Cancel with a progress bar. Editing a
// target re-ranks the sweep shown (criteriaChanged); only Sweep simulates.
class ExploreForm : public QWidget {
    Q_OBJECT
public:
    explicit ExploreForm(const hardware::Catalog& catalog, QWidget* parent = nullptr);

    // The instances and batches chosen, or why they cannot be swept (empty when they can).
    QString problem() const;
    sweep::SweepSpace space() const; // model, sequence length and data type left at their defaults
    ExploreTargets criteria() const;
    // Each curve's runs: the requests per point chosen, 8 adaptive points (sweep::curveOptions).
    sweep::LoadCurveOptions curveOptions() const;
    // Shows targets set elsewhere (the dragged SLA line, an opened profile) without re-announcing.
    void setCriteria(const ExploreTargets& criteria);
    void setSpace(const sweep::SweepSpace& space);
    // Shows the requests per point a sweep shown took, when the field can hold it (a sweep the
    // form could have asked for): sweeping again then repeats it.
    void setRequestsPerPoint(int requests);

    void setRunning(bool running);
    void setProgress(int done, int total);
    void setMessage(const QString& text);

    // The fields as plain values for QSettings; restoreState ignores keys it does not know.
    QVariantMap saveState() const;
    void restoreState(const QVariantMap& state);

    static QStringList defaultInstances(); // the four inf1 sizes and g4dn.xlarge

    QListWidget* instanceList() const { return m_instances; }
    QLineEdit* batchesEdit() const { return m_batches; }
    QSpinBox* requestsBox() const { return m_requests; }
    QDoubleSpinBox* loadBox() const { return m_load; }
    QDoubleSpinBox* maxP95Box() const { return m_maxP95; }
    QComboBox* priceSetBox() const { return m_priceSet; }
    QPushButton* sweepButton() const { return m_sweep; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    void sweepRequested();
    void cancelRequested();
    void criteriaChanged();

private:
    void buildUi();
    void checkInstances(const QStringList& names);
    void updateSweepButton();

    hardware::Catalog m_catalog;
    QListWidget* m_instances = nullptr;
    QLineEdit* m_batches = nullptr;
    QSpinBox* m_requests = nullptr;
    QDoubleSpinBox* m_load = nullptr;
    QDoubleSpinBox* m_maxP95 = nullptr;
    QComboBox* m_priceSet = nullptr;
    QPushButton* m_sweep = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
    bool m_running = false;
};

} // namespace pipescope::widgets
