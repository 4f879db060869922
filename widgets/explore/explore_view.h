#pragma once

#include "explore/explore_model.h"
#include "hardware/catalog.h"
#include "io/profile.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QSplitter;

namespace pipescope::widgets {

class DeploymentScatter;
class ExploreForm;
class LoadCurveChart;
class SweepJob;

// The Explore tab: the sweep form on the left; right of it the deployments scatter with the
// recommendation above it and the selected deployment's load curve below. Sweeps run on a
// worker (SweepJob); moving a target re-ranks the stored curves and never simulates.
// Double-clicking a deployment asks the window to simulate it in full (simulateRequested).
class ExploreView : public QWidget {
    Q_OBJECT
public:
    explicit ExploreView(const hardware::Catalog& catalog, QWidget* parent = nullptr);
    ~ExploreView() override;

    // Completes a sweep's space with what the form does not ask (model, sequence length, data
    // type); the window passes the deployment panel's. Without one: bert-base-uncased.
    using SpaceSource = std::function<void(sweep::SweepSpace*)>;
    void setSpaceSource(SpaceSource source) { m_spaceSource = std::move(source); }
    // Load-curve options for the next sweeps instead of the form's Requests/point (tests and
    // screenshots keep them small).
    void setCurveOptions(const sweep::LoadCurveOptions& options) { m_curveOptions = options; }

    // Starts a sweep of the form's space (or of `space`, which the form then shows); false when
    // one is running or the form's fields are not valid.
    bool startSweep();
    bool startSweep(const sweep::SweepSpace& space);
    void cancelSweep();
    bool isSweeping() const;

    // Shows a finished or saved sweep, ranked against `criteria` (the form shows them too).
    void showSweep(const io::SavedSweep& sweep);
    void clearSweep();
    // The sweep shown, as a profile keeps it; nothing when there is none.
    std::optional<io::SavedSweep> savedSweep() const;

    void setCriteria(const ExploreTargets& criteria); // re-ranks: no simulation
    void selectEntry(int entry);
    int selectedEntry() const { return m_selected; }
    void activateEntry(int entry); // emits simulateRequested for it

    const ExploreModel& model() const { return m_model; }
    ExploreForm* form() const { return m_form; }
    DeploymentScatter* scatter() const { return m_scatter; }
    LoadCurveChart* loadCurveChart() const { return m_curveChart; }
    SweepJob* job() const { return m_job; }
    QLabel* summaryLabel() const { return m_summary; }

signals:
    void simulateRequested(const pipescope::sim::RunInputs& inputs);
    void sweepShown(); // a new sweep arrived: the session has something new to save
    void runningChanged(bool running);
    void statusMessage(const QString& text, int timeoutMs);

private:
    void buildUi();
    void connectParts();
    void refresh(bool keepRanges);
    void updateSummary();
    void updateCurveChart();
    void onSweepFinished(std::shared_ptr<const sweep::SweepResult> result);

    hardware::Catalog m_catalog;
    ExploreModel m_model;
    sweep::SweepSpace m_space;                             // of the sweep shown
    sweep::SweepSpace m_pendingSpace;                      // of the sweep running
    std::optional<sweep::LoadCurveOptions> m_curveOptions; // else the form's
    SpaceSource m_spaceSource;
    int m_selected = -1;

    ExploreForm* m_form = nullptr;
    DeploymentScatter* m_scatter = nullptr;
    LoadCurveChart* m_curveChart = nullptr;
    QLabel* m_summary = nullptr;
    SweepJob* m_job = nullptr;
};

} // namespace pipescope::widgets
