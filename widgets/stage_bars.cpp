#include "stage_bars.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <numeric>

namespace pipescope::widgets {

StageBars::StageBars(QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void StageBars::setPlacement(const model::ModelGraph& graph, const compile::Placement* placement) {
    m_bars.clear();
    if (placement && !placement->groups.empty()) {
        const auto& stages = placement->groups.front().stages;
        std::vector<double> time(stages.size(), 0);
        for (std::size_t s = 0; s < stages.size(); ++s)
            time[s] = stages[s].computeNs;
        if (std::accumulate(time.begin(), time.end(), 0.0) <= 0)
            for (std::size_t s = 0; s < stages.size(); ++s)
                for (int i = std::max(0, stages[s].firstOp);
                     i < stages[s].endOp && i < static_cast<int>(graph.ops.size()); ++i)
                    time[s] += graph.ops[i].flops;
        const double total = std::accumulate(time.begin(), time.end(), 0.0);
        for (std::size_t s = 0; s < stages.size(); ++s) {
            Bar b;
            b.stage = static_cast<int>(s);
            b.core = stages[s].core;
            b.ops = stages[s].endOp - stages[s].firstOp;
            b.share = total > 0 ? time[s] / total : 0;
            b.weightBytes = stages[s].weightBytes;
            b.streamedBytes = stages[s].streamedBytes;
            b.fits = stages[s].weightsFit();
            m_bars.push_back(b);
        }
    }
    updateGeometry();
    update();
}

QSize StageBars::sizeHint() const {
    return {400, std::max<int>(1, static_cast<int>(m_bars.size())) * kRowHeight + 4};
}

QSize StageBars::minimumSizeHint() const {
    return {kLabelWidth + 60, sizeHint().height()};
}

QRect StageBars::rowRect(int row) const {
    return {0, 2 + row * kRowHeight, width(), kRowHeight};
}

int StageBars::stageAt(const QPoint& point) const {
    for (int r = 0; r < static_cast<int>(m_bars.size()); ++r)
        if (rowRect(r).contains(point))
            return m_bars[r].stage;
    return -1;
}

void StageBars::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette pal = palette();
    if (m_bars.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("No placement: choose an instance and pipeline depth"));
        return;
    }
    // The bar scale is the slowest stage, so the pipeline's bottleneck fills the width.
    const double maxShare = std::max_element(m_bars.begin(), m_bars.end(), [](const Bar& a, const Bar& b) {
                                return a.share < b.share;
                            })->share;
    const QColor fits(0x3a, 0x9a, 0x5b);
    const QColor streams(0xd9, 0x82, 0x2b);
    const QLocale locale;
    for (int r = 0; r < static_cast<int>(m_bars.size()); ++r) {
        const Bar& b = m_bars[r];
        const QRect row = rowRect(r).adjusted(0, 2, 0, -2);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(row.left() + 4, row.top(), kLabelWidth - 8, row.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("Stage %1 · core %2").arg(b.stage).arg(b.core));
        const int barSpace = std::max(0, row.width() - kLabelWidth - 4);
        const int w = maxShare > 0 ? static_cast<int>(barSpace * b.share / maxShare) : 0;
        const QRect bar(row.left() + kLabelWidth, row.top(), std::max(w, 1), row.height());
        p.fillRect(bar, b.fits ? fits : streams);
        const QString label =
            tr("%1%  ·  %2 weights %3")
                .arg(b.share * 100, 0, 'f', 1)
                .arg(locale.formattedDataSize(b.weightBytes, 1, QLocale::DataSizeSIFormat))
                .arg(b.fits
                         ? tr("fit in SRAM")
                         : tr("(%1 streamed from DRAM)")
                               .arg(locale.formattedDataSize(b.streamedBytes, 1, QLocale::DataSizeSIFormat)));
        const QRect textRect(bar.left() + 6, row.top(), barSpace - 6, row.height());
        p.setPen(w > p.fontMetrics().horizontalAdvance(label) + 12 ? QColor(Qt::white)
                                                                   : pal.color(QPalette::WindowText));
        p.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

bool StageBars::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int stage = stageAt(help->pos());
        if (stage >= 0 && stage < static_cast<int>(m_bars.size())) {
            const Bar& b = m_bars[stage];
            QToolTip::showText(help->globalPos(),
                               tr("Stage %1 on core %2: %3 operators, %4% of the pipeline's time, weights %5")
                                   .arg(b.stage)
                                   .arg(b.core)
                                   .arg(b.ops)
                                   .arg(b.share * 100, 0, 'f', 1)
                                   .arg(b.fits ? tr("resident in SRAM") : tr("partly streamed from DRAM")),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace pipescope::widgets
