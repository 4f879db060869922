#include "chart_base.h"

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

void ChartBase::setCategoryTicks(QCPAxis* axis, const QStringList& labels) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i + 1, labels[i]);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setTickLength(0, 4);
    axis->setRange(0.4, labels.size() + 0.6);
    // Several runs share a narrow chart: a slightly smaller face keeps neighbouring labels apart.
    QFont small = axis->parentPlot()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    axis->setTickLabelFont(small);
    axis->grid()->setVisible(false);
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

} // namespace pipescope::widgets
