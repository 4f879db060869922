#include "explore/deployment_scatter.h"

#include "explore/label_placement.h"
#include "explore/log_ticks.h"

#include <QFontMetrics>
#include <QMouseEvent>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace pipescope::widgets {
namespace {

constexpr double kPickPixels = 9;
constexpr double kSlaGrabPixels = 5;
constexpr int kTextMargin = 3; // around a recommendation's name, inside its backing

// Marker size grows with the batch: batch 1 is 6 px, each doubling adds 2 px.
double markerSize(int batch) {
    return 6 + 2 * std::log2(std::max(1, batch));
}

QPainterPath trianglePath() {
    // Drawn scaled by size / 6 around the point (QCPScatterStyle::ssCustom).
    QPainterPath path;
    path.moveTo(0, -3.6);
    path.lineTo(3.4, 2.4);
    path.lineTo(-3.4, 2.4);
    path.closeSubpath();
    return path;
}

QCPScatterStyle markerStyle(DeploymentKind kind, const QColor& color, bool filled, double size) {
    QPen pen(color, 1.6);
    pen.setCosmetic(true); // a custom path is scaled with its size; its outline should not be
    QColor fill = color;
    fill.setAlpha(170);
    const QBrush brush = filled ? QBrush(fill) : QBrush(Qt::NoBrush);
    switch (kind) {
    case DeploymentKind::Pipeline:
        return QCPScatterStyle(trianglePath(), pen, brush, size * 1.15);
    case DeploymentKind::Gpu:
        return QCPScatterStyle(QCPScatterStyle::ssSquare, pen, brush, size * 0.9);
    case DeploymentKind::DataParallel:
        break;
    }
    return QCPScatterStyle(QCPScatterStyle::ssCircle, pen, brush, size);
}

} // namespace

DeploymentScatter::DeploymentScatter(QWidget* parent)
    : ChartBase(tr("Deployments: p95 at the target load vs cost"), parent) {
    xAxis->setLabel(tr("cost per million inferences (USD, log)"));
    yAxis->setLabel(tr("p95 latency at the target load (ms, log)"));
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setRange(0.1, 100);
        setOneTwoFiveTicks(axis);
    }
    legend->setVisible(true);
    // Once the axis rect has its size for this replot, and before anything is drawn.
    connect(this, &QCustomPlot::afterLayout, this, &DeploymentScatter::placeRecommendationLabels);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    legend->setFont(small);
    // The legend sits in its own column right of the plot, so it never hides a point; an empty
    // element under it takes the spare height so its rows stay together at the top.
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(1, 1, side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, legend);
    side->addElement(1, 0, new QCPLayoutElement(this));
    side->setRowStretchFactor(0, 0.001);
    side->setRowStretchFactor(1, 1);
    legend->setMargins(QMargins(6, 4, 6, 4));
    setMouseTracking(true);
    setEmptyMessage(tr("No sweep yet: choose instances and press Sweep"));
    applyPalette();
}

void DeploymentScatter::setModel(const ExploreModel* model, bool keepRanges) {
    m_model = model;
    rebuild(keepRanges);
}

void DeploymentScatter::setSelectedEntry(int entry) {
    m_selected = entry;
    rebuild(true);
}

QColor DeploymentScatter::instanceColor(const QString& instance) const {
    return seriesColor(m_model ? static_cast<int>(m_model->instances().indexOf(instance)) : 0);
}

void DeploymentScatter::rebuild(bool keepRanges) {
    const QCPRange x = xAxis->range(), y = yAxis->range();
    clearGraphs();
    for (int i = itemCount() - 1; i >= 0; --i)
        if (item(i)->property("explore").toBool())
            removeItem(i);
    m_sla = nullptr;
    m_slaLabel = nullptr;
    m_recommendationLabels.clear();
    const bool empty = !m_model || m_model->isEmpty();
    setEmptyMessage(empty ? tr("No sweep yet: choose instances and press Sweep") : QString());
    legend->setVisible(!empty);
    if (!empty) {
        addPointGraphs();
        addFront();
        addLegendEntries(m_model->instances());
        const int cheapest = m_model->cheapest(), fastest = m_model->fastest();
        if (cheapest >= 0)
            addRecommendation(cheapest, cheapest == fastest ? tr("Cheapest and fastest") : tr("Cheapest"),
                              true);
        if (fastest >= 0 && fastest != cheapest)
            addRecommendation(fastest, tr("Fastest"), false);
        addSlaLine();
        if (keepRanges && x.lower > 0 && y.lower > 0) {
            xAxis->setRange(x);
            yAxis->setRange(y);
        } else {
            fitRanges();
        }
    }
    queueReplot();
}

void DeploymentScatter::addPointGraphs() {
    // One graph per look (instance, kind, batch, meets the target): a graph has one marker style.
    using Key = std::tuple<QString, int, int, bool>;
    std::map<Key, QCPGraph*> graphs;
    for (const ScatterPoint& p : m_model->points()) {
        if (!p.plotted)
            continue;
        const Key key{p.instance, static_cast<int>(p.kind), p.batch, p.meetsSla};
        QCPGraph*& graph = graphs[key];
        if (!graph) {
            graph = addGraph();
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(
                markerStyle(p.kind, instanceColor(p.instance), p.meetsSla, markerSize(p.batch)));
            graph->removeFromLegend();
        }
        graph->addData(p.costPerMillionUsd, p.p95Ms);
    }
    if (const ScatterPoint* selected =
            m_selected >= 0 && m_selected < static_cast<int>(m_model->points().size())
                ? &m_model->points()[static_cast<std::size_t>(m_selected)]
                : nullptr;
        selected && selected->plotted) {
        QCPGraph* ring = addGraph();
        ring->setLineStyle(QCPGraph::lsNone);
        ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(textColor(), 1.5, Qt::DotLine),
                                              Qt::NoBrush, markerSize(selected->batch) + 12));
        ring->addData(selected->costPerMillionUsd, selected->p95Ms);
        ring->removeFromLegend();
    }
}

void DeploymentScatter::addFront() {
    const std::vector<QPointF> steps = m_model->paretoStepLine();
    if (steps.empty())
        return;
    QCPGraph* front = addGraph();
    front->setName(tr("Pareto front"));
    front->setLineStyle(QCPGraph::lsLine);
    QPen pen(textColor(), 1.3, Qt::DashLine);
    front->setPen(pen);
    // Parametric: the staircase goes back in x at no point, but vertical steps repeat a key.
    auto curve = QSharedPointer<QCPGraphDataContainer>::create();
    for (const QPointF& s : steps)
        curve->add(QCPGraphData(s.x(), s.y())); // keys never decrease: appended in this order
    front->setData(curve);
}

void DeploymentScatter::addLegendEntries(const QStringList& instances) {
    // Data-less graphs: one legend row per colour, per marker and for hollow markers.
    const auto proxy = [this](const QString& name, const QCPScatterStyle& style) {
        QCPGraph* g = addGraph();
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(style);
    };
    for (const QString& instance : instances)
        proxy(instance, markerStyle(DeploymentKind::DataParallel, instanceColor(instance), true, 9));
    const QColor neutral = palette().color(QPalette::PlaceholderText);
    for (DeploymentKind kind : {DeploymentKind::DataParallel, DeploymentKind::Pipeline, DeploymentKind::Gpu})
        proxy(deploymentKindName(kind), markerStyle(kind, neutral, true, 9));
    proxy(tr("hollow: misses the target"), markerStyle(DeploymentKind::DataParallel, neutral, false, 9));
    proxy(tr("larger: bigger batch"), markerStyle(DeploymentKind::DataParallel, neutral, false, 14));
}

// Ringed and named; where the name goes is decided after each layout (placeRecommendationLabels).
void DeploymentScatter::addRecommendation(int entry, const QString& title, bool beside) {
    const ScatterPoint& p = m_model->points()[static_cast<std::size_t>(entry)];
    QCPGraph* ring = addGraph();
    ring->setLineStyle(QCPGraph::lsNone);
    ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(textColor(), 2.2), Qt::NoBrush,
                                          markerSize(p.batch) + 9));
    ring->addData(p.costPerMillionUsd, p.p95Ms);
    ring->removeFromLegend();
    auto* label = new QCPItemText(this);
    label->setProperty("explore", true);
    // Placed in pixels beside its point after each layout (placeRecommendationLabels).
    label->position->setType(QCPItemPosition::ptAbsolute);
    QFont bold = font();
    bold.setBold(true);
    label->setFont(bold);
    label->setColor(textColor());
    // On a dense plot no side is free of markers: the text keeps a backing of the plot's colour
    // (a little see-through, so the markers under it still show).
    QColor backing = palette().color(QPalette::Base);
    backing.setAlpha(215);
    label->setBrush(QBrush(backing));
    label->setPadding(QMargins(kTextMargin, kTextMargin, kTextMargin, kTextMargin));
    label->setText(tr("%1\n%2\n$%3 per million · p95 %4 ms")
                       .arg(title, m_model->label(entry))
                       .arg(p.costPerMillionUsd, 0, 'f', p.costPerMillionUsd < 1 ? 3 : 2)
                       .arg(p.p95Ms, 0, 'f', 1));
    m_recommendationLabels.push_back(
        RecommendationLabel{label, beside, QPointF(p.costPerMillionUsd, p.p95Ms)});
}

// The names go around their points (the cheapest's by preference left, right, below, above; the
// fastest's below, above, right, left; then the corners), inside the plot, clear of each other,
// then of the latency target's line and its label (the cheapest usually sits on that line), then
// of as many deployments' markers as can be. Run after each layout: ranges, zoom and the widget's
// size all move the points.
void DeploymentScatter::placeRecommendationLabels() {
    if (m_recommendationLabels.empty())
        return;
    const QRectF plot = axisRect()->rect();
    std::vector<LabelRequest> requests;
    for (const auto& [label, beside, at] : m_recommendationLabels) {
        const QFontMetrics metrics(label->font());
        const QStringList lines = label->text().split(QLatin1Char('\n'));
        int width = 0;
        for (const QString& line : lines)
            width = std::max(width, metrics.horizontalAdvance(line));
        requests.push_back(LabelRequest{
            QPointF(xAxis->coordToPixel(at.x()), yAxis->coordToPixel(at.y())),
            QSizeF(width + 2 * kTextMargin,
                   metrics.lineSpacing() * static_cast<int>(lines.size()) + 2 * kTextMargin),
            beside
                ? std::vector<LabelSide>{kLabelLeft, kLabelRight, kLabelBelow, kLabelAbove, kLabelAboveLeft,
                                         kLabelAboveRight, kLabelBelowLeft, kLabelBelowRight}
                : std::vector<LabelSide>{kLabelBelow, kLabelAbove, kLabelRight, kLabelLeft, kLabelAboveRight,
                                         kLabelAboveLeft, kLabelBelowRight, kLabelBelowLeft}});
    }
    std::vector<QRectF> obstacles;
    if (m_sla) {
        // The line with a pixel either side, and its label (right-aligned above the line).
        const double y = slaPixelY();
        obstacles.emplace_back(plot.left(), y - 2, plot.width(), 4);
        obstacles.push_back(
            slaLabelBox(QPointF(plot.left() + plot.width() * 0.995, y), Qt::AlignRight | Qt::AlignBottom));
    }
    std::vector<QPointF> markers;
    for (const ScatterPoint& p : m_model->points())
        if (p.plotted)
            markers.push_back(pixelOf(p.entry));
    const std::vector<std::size_t> choice = placeLabels(plot, requests, obstacles, markers);
    std::vector<QRectF> placed;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        // The text's box (its backing) where the side's padded box puts the text: moved off the
        // point by the padding rather than padded, so the backing does not cover the point.
        const LabelSide& side = requests[i].sides[choice[i]];
        const QRectF box =
            labelBox(requests[i].at, requests[i].text, side).marginsRemoved(QMarginsF(side.padding));
        QCPItemText* label = m_recommendationLabels[i].text;
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setCoords(box.topLeft());
        label->setTextAlignment(side.alignment & Qt::AlignRight  ? Qt::AlignRight
                                : side.alignment & Qt::AlignLeft ? Qt::AlignLeft
                                                                 : Qt::AlignHCenter);
        placed.push_back(box);
    }
    placeSlaLabel(placed, markers);
}

// The latency target's label: see placeLineLabel().
void DeploymentScatter::placeSlaLabel(const std::vector<QRectF>& names, const std::vector<QPointF>& markers) {
    if (!m_slaLabel)
        return;
    const LineLabelSpot spot =
        placeLineLabel(axisRect()->rect(), slaPixelY(), slaLabelSize(), names, markers);
    m_slaLabel->position->setCoords(spot.ratio, m_model->criteria().maxP95Ms);
    m_slaLabel->setPositionAlignment(spot.alignment);
}

QSizeF DeploymentScatter::slaLabelSize() const {
    const QFontMetrics metrics(m_slaLabel->font());
    return QSizeF(metrics.horizontalAdvance(m_slaLabel->text()), metrics.height());
}

QRectF DeploymentScatter::slaLabelBox(const QPointF& anchor, Qt::Alignment alignment) const {
    return labelBox(anchor, slaLabelSize(), LabelSide{alignment, QMargins()});
}

QRectF DeploymentScatter::slaLabelRect() const {
    return m_slaLabel ? slaLabelBox(m_slaLabel->position->pixelPosition(), m_slaLabel->positionAlignment())
                      : QRectF();
}

void DeploymentScatter::addSlaLine() {
    const double target = m_model->criteria().maxP95Ms;
    if (target <= 0)
        return;
    m_sla = new QCPItemStraightLine(this);
    m_sla->setProperty("explore", true);
    QColor red = isDark() ? QColor(255, 120, 110) : QColor(200, 40, 30);
    m_sla->setPen(QPen(red, 1.6));
    m_sla->point1->setCoords(1, target);
    m_sla->point2->setCoords(2, target);
    m_slaLabel = new QCPItemText(this);
    m_slaLabel->setProperty("explore", true);
    m_slaLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_slaLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
    m_slaLabel->position->setCoords(0.995, target);
    m_slaLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_slaLabel->setColor(red);
    // "↕": it can be dragged (hovering it or the line says how), in less room than "(drag)", which
    // made it too long for the gaps between the markers along the line.
    m_slaLabel->setText(tr("max p95 %1 ms \u2195").arg(target, 0, 'g', 4));
}

void DeploymentScatter::fitRanges() {
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    bool any = false;
    for (const ScatterPoint& p : m_model->points()) {
        if (!p.plotted)
            continue;
        x0 = any ? std::min(x0, p.costPerMillionUsd) : p.costPerMillionUsd;
        x1 = any ? std::max(x1, p.costPerMillionUsd) : p.costPerMillionUsd;
        y0 = any ? std::min(y0, p.p95Ms) : p.p95Ms;
        y1 = any ? std::max(y1, p.p95Ms) : p.p95Ms;
        any = true;
    }
    if (!any)
        return;
    if (const double target = m_model->criteria().maxP95Ms; target > 0) {
        y0 = std::min(y0, target);
        y1 = std::max(y1, target);
    }
    // Room left of the cheapest point and under the fastest for their labels.
    xAxis->setRange(x0 / 3.0, x1 * 1.6);
    yAxis->setRange(y0 / 2.6, y1 * 1.5);
    setOneTwoFiveTicks(xAxis);
    setOneTwoFiveTicks(yAxis);
}

QPointF DeploymentScatter::pixelOf(int entry) const {
    if (!m_model || entry < 0 || entry >= static_cast<int>(m_model->points().size()))
        return {-1, -1};
    const ScatterPoint& p = m_model->points()[static_cast<std::size_t>(entry)];
    if (!p.plotted)
        return {-1, -1};
    return {xAxis->coordToPixel(p.costPerMillionUsd), yAxis->coordToPixel(p.p95Ms)};
}

int DeploymentScatter::entryAt(const QPoint& pos) const {
    if (!m_model)
        return -1;
    int best = -1;
    double bestDistance = 0;
    for (const ScatterPoint& p : m_model->points()) {
        if (!p.plotted)
            continue;
        const QPointF at = pixelOf(p.entry);
        const double d = std::hypot(at.x() - pos.x(), at.y() - pos.y());
        if (d <= std::max(kPickPixels, markerSize(p.batch) / 2 + 3) && (best < 0 || d < bestDistance)) {
            best = p.entry;
            bestDistance = d;
        }
    }
    return best;
}

bool DeploymentScatter::overSla(const QPointF& pos) const {
    if (!m_sla || !axisRect()->rect().contains(pos.toPoint()))
        return false;
    return std::abs(pos.y() - slaPixelY()) <= kSlaGrabPixels || slaLabelRect().contains(pos);
}

double DeploymentScatter::slaPixelY() const {
    return m_sla ? yAxis->coordToPixel(m_model->criteria().maxP95Ms) : -1;
}

QString DeploymentScatter::toolTipAtCoords(double key, double value) const {
    const int entry = entryAt(QPoint(static_cast<int>(std::lround(xAxis->coordToPixel(key))),
                                     static_cast<int>(std::lround(yAxis->coordToPixel(value)))));
    if (entry >= 0)
        return m_model->describe(entry);
    if (overSla(QPointF(xAxis->coordToPixel(key), yAxis->coordToPixel(value))))
        return tr("Latency target: drag to re-rank the deployments without simulating again");
    return {};
}

void DeploymentScatter::paletteChanged() {
    if (m_model)
        rebuild(true);
}

void DeploymentScatter::mousePressEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && overSla(pos)) {
        m_draggingSla = true;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton)
        if (const int entry = entryAt(pos); entry >= 0)
            emit entryClicked(entry);
    ChartBase::mousePressEvent(event);
}

void DeploymentScatter::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (m_draggingSla) {
        const QRect r = axisRect()->rect();
        const double y = std::clamp(pos.y(), r.top(), r.bottom());
        emit slaDragged(yAxis->pixelToCoord(y));
        event->accept();
        return;
    }
    if (overSla(pos))
        setCursor(Qt::SizeVerCursor);
    else if (entryAt(pos) >= 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    ChartBase::mouseMoveEvent(event);
}

void DeploymentScatter::mouseReleaseEvent(QMouseEvent* event) {
    if (m_draggingSla) {
        m_draggingSla = false;
        emit slaDropped(m_model->criteria().maxP95Ms);
        event->accept();
        return;
    }
    ChartBase::mouseReleaseEvent(event);
}

void DeploymentScatter::mouseDoubleClickEvent(QMouseEvent* event) {
    if (const int entry = entryAt(event->position().toPoint()); entry >= 0) {
        emit entryActivated(entry);
        event->accept();
        return;
    }
    ChartBase::mouseDoubleClickEvent(event);
}

} // namespace pipescope::widgets
