#pragma once

#include "sim/run.h"
#include "timeline/time_range_widget.h"
#include "timeline/timeline_geometry.h"
#include "timeline/timeline_layout.h"
#include "timeline/timeline_model.h"

#include <QColor>

#include <optional>
#include <tuple>

class QScrollBar;

namespace pipescope::widgets {

// Per-core timeline of one run, drawn from its TimelineModel: a lane per NeuronCore grouped under
// its chip, the GPU, the host's serving workers, a time axis on top. Paints ten million events
// within a frame: geometry is culled, merged per pixel column and cached (timeline_geometry.h).
// Lanes keep a readable height and scroll vertically when they do not fit; a group (chip) folds
// into one row showing how busy its lanes are (click its header; right-click for all).
// Keys: W/S zoom, A/D or Left/Right pan, Up/Down/PageUp/PageDown scroll, F fits.
class TimelineView : public TimeRangeWidget {
    Q_OBJECT
public:
    enum class ColorMode { ByStage, ByRequest };
    struct Hit {
        int lane = -1; // index into Trace::lanes
        std::size_t index = 0;
        bool operator==(const Hit&) const = default;
    };
    // What a folded row holds in the pixel column under a point.
    struct FoldedHit {
        int group = -1;
        std::size_t events = 0; // events of the group's lanes overlapping the column
        double busy = 0;        // mean busy fraction of its lanes over the column
        qint64 begin = 0, end = 0;
    };

    explicit TimelineView(QWidget* parent = nullptr);

    // Null shows an empty view with a hint. A new model is fitted and the highlight cleared; the
    // fold state is kept when the new run has the same groups.
    void setModel(TimelineModelPtr model);
    const TimelineModelPtr& model() const { return m_model; }
    // Builds the model here, on the calling thread: for tests and one-off renders.
    void setRun(sim::RunPtr run);
    sim::RunPtr run() const { return m_model ? m_model->run() : nullptr; }
    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_colorMode; }
    // Draws that request's events undimmed and outlined in every lane, the others dimmed; -1 none.
    void setHighlightedRequest(int request);
    int highlightedRequest() const { return m_highlight; }

    void setGroupFolded(int group, bool folded);
    bool isGroupFolded(int group) const;
    void setAllFolded(bool folded);
    int verticalScroll() const;
    void setVerticalScroll(int pixels);
    const TimelineLayout& currentLayout() const { return layoutFor(size()); }

    // The event under a point in widget coordinates (2 px of slack around thin events).
    std::optional<Hit> hitTest(QPoint pos) const;
    std::optional<FoldedHit> foldedHitTest(QPoint pos) const;
    // The group whose header (or folded row) is at a point, -1 if none.
    int groupAt(QPoint pos) const;
    // Where a lane / a group's header or folded row is drawn at the current size and scroll
    // (empty if folded away or scrolled out of view).
    QRect laneRect(int lane) const;
    QRect groupRect(int group) const;
    // The tooltip shown at a point (empty: none).
    QString toolTipAt(QPoint pos) const;
    // Paints the whole view as it would look at the given size; the benchmark and screenshots use it.
    void paintTo(QPainter& painter, QSize size);
    // Bytes held by the geometry cache and the model's indexes (for the benchmark's memory figure).
    std::size_t cacheBytes() const;
    std::size_t cachedRectCount() const { return m_geometry.rectCount(); }

    QSize sizeHint() const override { return {900, 360}; }
    QSize minimumSizeHint() const override { return {300, 120}; }

signals:
    // Emitted on a click: the clicked event's request, or -1 when the click hit no event.
    void requestClicked(int request);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void clicked(QPoint pos) override;
    bool otherKey(QKeyEvent* event) override;

private:
    using Key = std::tuple<qint64, qint64, int, int, int, int, int, int, int, int>;
    const TimelineLayout& layoutFor(QSize size) const;
    void invalidateLayout();
    void updateScrollBar();
    void ensureGeometry(QSize size);
    void updateColours();
    void paintEvents(QPainter& p) const;
    void paintAxis(QPainter& p, QSize size, const TimeMapping& m, qint64 step) const;
    void paintLabels(QPainter& p, QSize size) const;
    QString toolTipFor(const Hit& hit) const;
    QString toolTipFor(const FoldedHit& hit) const;

    TimelineModelPtr m_model;
    ColorMode m_colorMode = ColorMode::ByStage;
    int m_highlight = -1;
    std::vector<std::pair<int, std::size_t>> m_highlightEvents;
    std::vector<bool> m_folded; // per group of m_model
    int m_scroll = 0;
    int m_foldGeneration = 0;
    QScrollBar* m_scrollBar = nullptr;

    mutable TimelineLayout m_layout;
    mutable std::optional<std::tuple<QSize, int, int>> m_layoutKey; // size, scroll, fold generation
    TimelineGeometry m_geometry;
    std::optional<Key> m_key;
    int m_paletteGeneration = 0;
    std::vector<QColor> m_bucketColours; // per bucket
    QColor m_hatchColour;
};

} // namespace pipescope::widgets
