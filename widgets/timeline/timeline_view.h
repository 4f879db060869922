#pragma once

#include "sim/run.h"
#include "timeline/time_range_widget.h"
#include "timeline/timeline_geometry.h"

#include <QColor>

#include <optional>
#include <tuple>

namespace pipescope::widgets {

// Per-core timeline of one run: a lane per NeuronCore grouped under its chip, a lane for the GPU,
// a time axis on top. Paints ten million events within a frame: geometry is culled, merged per
// pixel column and cached (see timeline_geometry.h), then filled one brush at a time.
class TimelineView : public TimeRangeWidget {
    Q_OBJECT
public:
    enum class ColorMode { ByStage, ByRequest };
    struct Hit {
        int lane = -1; // index into Trace::lanes
        std::size_t index = 0;
        bool operator==(const Hit&) const = default;
    };

    explicit TimelineView(QWidget* parent = nullptr);

    // Null shows an empty view with a hint. A new run is fitted and the highlight cleared.
    void setRun(sim::RunPtr run);
    sim::RunPtr run() const { return m_run; }
    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_colorMode; }
    // Draws that request's events undimmed and outlined in every lane, the others dimmed; -1 none.
    void setHighlightedRequest(int request);
    int highlightedRequest() const { return m_highlight; }

    // The event under a point in widget coordinates (2 px of slack around thin events).
    std::optional<Hit> hitTest(QPoint pos) const;
    // Where a lane is drawn at the current size (empty if the lane does not exist).
    QRect laneRect(int lane) const;
    // Paints the whole view as it would look at the given size; the benchmark and screenshots use it.
    void paintTo(QPainter& painter, QSize size);
    // Bytes held by the geometry cache (for the benchmark's memory figure).
    std::size_t cacheBytes() const;
    std::size_t cachedRectCount() const { return m_geometry.rectCount(); }

    QSize sizeHint() const override { return {900, 360}; }
    QSize minimumSizeHint() const override { return {300, 120}; }

signals:
    // Emitted on a click: the clicked event's request, or -1 when the click hit no event.
    void requestClicked(int request);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void clicked(QPoint pos) override;

private:
    using Key = std::tuple<qint64, qint64, int, int, int, int, int, int>;
    const TimelineLayout& layoutFor(QSize size) const;
    void ensureGeometry(QSize size);
    void updateColours();
    void paintAxis(QPainter& p, QSize size, const TimeMapping& m, qint64 step) const;
    void paintLabels(QPainter& p, QSize size) const;
    QString toolTipFor(const Hit& hit) const;

    sim::RunPtr m_run;
    ColorMode m_colorMode = ColorMode::ByStage;
    int m_highlight = -1;
    std::vector<std::pair<int, std::size_t>> m_highlightEvents;
    std::vector<LaneSummary> m_summaries; // per lane of m_run

    mutable TimelineLayout m_layout;
    mutable QSize m_layoutSize;
    TimelineGeometry m_geometry;
    std::optional<Key> m_key;
    int m_paletteGeneration = 0;
    std::vector<QColor> m_bucketColours; // per bucket
    QColor m_hatchColour;
};

} // namespace pipescope::widgets
