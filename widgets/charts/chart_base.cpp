#include "chart_base.h"

#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace pipescope::widgets {

ChartBase::ChartBase(const QString& title, QWidget* parent)
    : QCustomPlot(parent) {
    plotLayout()->insertRow(0);
    m_title = new QCPTextElement(this, title, QFont(font().family(), font().pointSize(), QFont::Bold));
    plotLayout()->addElement(0, 0, m_title);
    m_empty = new QCPItemText(this);
    m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_empty->position->setCoords(0.5, 0.5);
    m_empty->setPositionAlignment(Qt::AlignCenter);
    m_empty->setClipToAxisRect(false);
    setEmptyMessage(tr("No run yet"));
    setNoAntialiasingOnDrag(true);
    applyPalette();
}

QString ChartBase::title() const {
    return m_title->text();
}

QString ChartBase::emptyMessage() const {
    return m_empty->visible() ? m_empty->text() : QString();
}

void ChartBase::setEmptyMessage(const QString& text) {
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
}

bool ChartBase::isDark() const {
    return palette().color(QPalette::Window).lightness() < 128;
}

QColor ChartBase::textColor() const {
    return palette().color(QPalette::WindowText);
}

QColor ChartBase::seriesColor(int i) const {
    // Okabe-Ito colours (distinguishable with colour blindness); lighter variants on dark backgrounds.
    static const QColor light[] = {QColor(0, 114, 178),   QColor(213, 94, 0),   QColor(0, 158, 115),
                                   QColor(204, 121, 167), QColor(86, 180, 233), QColor(230, 159, 0)};
    static const QColor dark[] = {QColor(86, 180, 233),  QColor(240, 140, 60),  QColor(60, 200, 150),
                                  QColor(230, 160, 200), QColor(140, 200, 255), QColor(240, 200, 60)};
    const int n = static_cast<int>(std::size(light));
    const int k = ((i % n) + n) % n;
    return isDark() ? dark[k] : light[k];
}

void ChartBase::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
        queueReplot();
    }
}

bool ChartBase::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QCustomPlot::event(event);
}

QString ChartBase::toolTipAt(const QPoint& pos) const {
    if (!axisRect() || !axisRect()->rect().contains(pos) || !emptyMessage().isEmpty())
        return {};
    return toolTipAtCoords(xAxis->pixelToCoord(pos.x()), yAxis->pixelToCoord(pos.y()));
}

QString ChartBase::toolTipAtCoords(double, double) const {
    return {};
}

void ChartBase::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);
    fitTickCounts();
    if (!m_categoryLabels.isEmpty())
        layoutCategoryTicks();
}

void ChartBase::fitTickCounts() {
    // About one numeric label per 90 px across and per 45 px up: narrow charts otherwise run
    // their tick labels together ("6.256.36.35").
    for (QCPAxis* axis : {xAxis, yAxis, yAxis2}) {
        if (!axis || axis->ticker().dynamicCast<QCPAxisTickerText>())
            continue;
        const bool horizontal = axis->orientation() == Qt::Horizontal;
        const int length = horizontal ? width() - 90 : height() - 90;
        axis->ticker()->setTickCount(std::clamp(length / (horizontal ? 90 : 45), 2, 8));
    }
}

double ChartBase::categoryWidth() const {
    if (m_categoryLabels.isEmpty() || !axisRect())
        return 0;
    // The axis rect's margins from the last layout applied to the current width: right after a
    // resize the rect itself still has its old size.
    const int margins = axisRect()->outerRect().width() - axisRect()->width();
    const double axisWidth = std::max(40, width() - std::max(margins, 40));
    return axisWidth / (xAxis->range().size() > 0 ? xAxis->range().size() : 1.0);
}

int ChartBase::categoryAt(double key) const {
    const int k = static_cast<int>(std::lround(key));
    return k >= 1 && k <= m_categoryLabels.size() && std::abs(key - k) <= 0.5 ? k : 0;
}

void ChartBase::setCategoryTicks(const QStringList& labels) {
    m_categoryLabels = labels;
    xAxis->setSubTicks(false);
    xAxis->setTickLength(0, 4);
    xAxis->setRange(0.4, labels.size() + 0.6);
    // Several runs share a narrow chart: a slightly smaller face keeps neighbouring labels apart.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    xAxis->setTickLabelFont(small);
    xAxis->grid()->setVisible(false);
    layoutCategoryTicks();
}

void ChartBase::layoutCategoryTicks() {
    const QFontMetrics metrics(xAxis->tickLabelFont());
    int widest = 0;
    for (const QString& label : m_categoryLabels)
        for (const QString& line : label.split(QLatin1Char('\n')))
            widest = std::max(widest, metrics.horizontalAdvance(line));
    const double room = categoryWidth();
    const int gap = metrics.horizontalAdvance(QLatin1Char(' ')) * 2;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int n = static_cast<int>(m_categoryLabels.size());
    m_compactLabels = widest + gap > room;
    double rotation = 0;
    int every = 1;
    if (m_compactLabels) {
        const int numberWidth = metrics.horizontalAdvance(QStringLiteral("#%1").arg(n)) + gap;
        if (numberWidth > room) {
            // Upright numbers do not fit: turn them; if their height does not fit either, label
            // every k-th run (the tooltip names every one).
            rotation = -90;
            every = std::max(1, static_cast<int>(std::ceil((metrics.height() + 2) / std::max(room, 1.0))));
        }
    }
    for (int i = 0; i < n; ++i)
        if (i % every == 0)
            ticker->addTick(i + 1, m_compactLabels ? QStringLiteral("#%1").arg(i + 1) : m_categoryLabels[i]);
    xAxis->setTicker(ticker);
    xAxis->setTickLabelRotation(rotation);
    categoryLayoutChanged();
    queueReplot();
}

void ChartBase::applyPalette() {
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(45);
    setBackground(pal.brush(QPalette::Base));
    m_title->setTextColor(text);
    m_empty->setColor(pal.color(QPalette::PlaceholderText));
    for (QCPAxisRect* rect : axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(Qt::NoPen);
        }
    }
    if (legend) {
        legend->setBrush(pal.brush(QPalette::Base));
        legend->setBorderPen(QPen(grid));
        legend->setTextColor(text);
    }
    paletteChanged();
}

void ChartBase::placeLegendAbovePlot(double fontScale) {
    legend->setVisible(true);
    legend->setIconSize(12, 10);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * fontScale);
    legend->setFont(small);
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->insertRow(1);
    plotLayout()->addElement(1, 0, legendRow);
    legendRow->addElement(0, 0, legend);
    // An empty legend's widest is its margins, and a layout column is no wider than its
    // narrowest element allows: without room beside it, a chart with no series yet squeezed its
    // plot to that width. The spacer takes what the legend cannot (next to nothing otherwise).
    legendRow->addElement(0, 1, new QCPLayoutElement(this));
    legendRow->setColumnStretchFactor(1, 0.001);
    legendRow->setMargins(QMargins(0, 0, 0, 0));
    plotLayout()->setRowStretchFactor(1, 0.001);
}

} // namespace pipescope::widgets
