// TimelineView: colours and painting (events, folded rows' density, labels, axis).
#include "timeline/timeline_view.h"

#include <QPainter>

#include <cmath>

namespace pipescope::widgets {

namespace {
constexpr int kAxisHeight = 24;

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

void TimelineView::updateColours() {
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    m_bucketColours.assign(kBucketCount, QColor());
    for (int c = 0; c < kColourCount; ++c) {
        // Golden-angle hues: neighbouring stages / requests get clearly different colours.
        const float hue = static_cast<float>(std::fmod(c * 137.508, 360.0) / 360.0);
        const QColor solid = QColor::fromHsvF(hue, dark ? 0.55f : 0.65f, dark ? 0.85f : 0.80f);
        const QColor styles[kStyleCount] = {
            solid, blend(solid, base, 0.55),                   // weight wait: pale, hatched
            solid.darker(dark ? 90 : 130),                     // transfer: half height
            QColor::fromHsvF(hue, 0.15f, dark ? 0.6f : 0.65f), // host: greyed
        };
        for (int s = 0; s < kStyleCount; ++s) {
            m_bucketColours[bucketOf(c, EventStyle(s), false)] = styles[s];
            m_bucketColours[bucketOf(c, EventStyle(s), true)] = blend(styles[s], base, 0.78);
        }
    }
    m_hatchColour = pal.color(QPalette::Text);
    m_hatchColour.setAlphaF(0.45f);
    ++m_paletteGeneration;
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintTo(p, size());
}

void TimelineView::paintTo(QPainter& p, QSize size) {
    const QPalette pal = palette();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(QRect(QPoint(0, 0), size), pal.color(QPalette::Base));
    const TimeMapping m = mappingFor(size);
    const qint64 step = niceTickStep(m.span(), m.width);

    if (!m_model) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter,
                   tr("No run to show.\nRun a simulation (Ctrl+R) or select a run in the table."));
        p.restore();
        return;
    }

    const TimelineLayout& layout = layoutFor(size);
    ensureGeometry(size);
    const QRect timeArea(labelWidth(), kAxisHeight, std::max(size.width() - labelWidth(), 0),
                         size.height() - kAxisHeight);
    p.setClipRect(QRect(0, kAxisHeight, size.width(), size.height() - kAxisHeight));
    for (const auto& row : layout.rows) {
        if (row.type == TimelineLayout::RowType::Header && layout.isVisible(row))
            p.fillRect(QRect(0, row.y, size.width(), row.height), pal.color(QPalette::AlternateBase));
    }

    // Grid lines first so events paint over them.
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlphaF(0.35f);
    p.setPen(grid);
    if (step > 0 && m.isValid()) {
        for (qint64 t = (m.begin / step) * step; t <= m.end; t += step) {
            const int x = labelWidth() + static_cast<int>(std::lround(m.toX(t)));
            if (x >= labelWidth())
                p.drawLine(x, kAxisHeight, x, size.height());
        }
    }

    p.setClipRect(timeArea);
    // A folded row is a tinted band in its group's colour, so that a quiet chip still reads as a row.
    for (const auto& row : layout.rows) {
        if (row.type != TimelineLayout::RowType::Folded || !layout.isVisible(row))
            continue;
        QColor tint = m_model->groups()[static_cast<std::size_t>(row.group)].colour;
        tint.setAlphaF(0.14f);
        p.fillRect(QRect(timeArea.left(), row.y + 1, timeArea.width(), std::max(row.height - 2, 1)), tint);
    }
    paintEvents(p);
    p.setClipping(false);

    paintLabels(p, size);
    paintAxis(p, size, m, step);
    p.restore();
}

void TimelineView::paintEvents(QPainter& p) const {
    p.setPen(Qt::NoPen);
    for (int b = 0; b < kBucketCount; ++b) {
        const auto& rects = m_geometry.buckets[static_cast<std::size_t>(b)];
        if (rects.empty())
            continue;
        p.setBrush(m_bucketColours[static_cast<std::size_t>(b)]);
        p.drawRects(rects.data(), static_cast<int>(rects.size()));
    }
    if (!m_geometry.hatched.empty()) {
        p.setBrush(QBrush(m_hatchColour, Qt::BDiagPattern));
        p.drawRects(m_geometry.hatched.data(), static_cast<int>(m_geometry.hatched.size()));
    }
    for (const auto& density : m_geometry.density) {
        p.setBrush(m_model->groups()[static_cast<std::size_t>(density.group)].colour);
        p.drawRects(density.bars.data(), static_cast<int>(density.bars.size()));
    }
    if (!m_geometry.outlines.empty()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Text), 1));
        p.drawRects(m_geometry.outlines.data(), static_cast<int>(m_geometry.outlines.size()));
    }
}

void TimelineView::paintLabels(QPainter& p, QSize size) const {
    const QPalette pal = palette();
    const TimelineLayout& layout = layoutFor(size);
    p.fillRect(QRect(0, kAxisHeight, labelWidth(), size.height() - kAxisHeight), pal.color(QPalette::Window));
    p.setClipRect(QRect(0, kAxisHeight, labelWidth(), size.height() - kAxisHeight));
    QFont bold = font();
    bold.setBold(true);
    const int textWidth = labelWidth() - 22;
    for (const auto& row : layout.rows) {
        if (!layout.isVisible(row))
            continue;
        const QRect text(18, row.y, textWidth, row.height);
        if (row.type == TimelineLayout::RowType::Lane) {
            const TimelineModel::Lane* lane = m_model->laneForTrace(row.lane);
            p.fillRect(QRect(10, row.y + 2, 3, std::max(row.height - 4, 1)), lane->colour);
            p.setFont(font());
            p.setPen(pal.color(QPalette::WindowText));
            p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(lane->label, Qt::ElideRight, textWidth));
            continue;
        }
        const TimelineModel::Group& group = m_model->groups()[static_cast<std::size_t>(row.group)];
        const bool folded = row.type == TimelineLayout::RowType::Folded;
        p.fillRect(QRect(0, row.y, labelWidth(), row.height), pal.color(QPalette::AlternateBase));
        p.fillRect(QRect(0, row.y, 4, row.height), group.colour);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        // A triangle that says whether a click folds or unfolds the group.
        p.drawText(QRect(6, row.y, 12, row.height), Qt::AlignVCenter | Qt::AlignLeft,
                   folded ? QStringLiteral("\u25b8") : QStringLiteral("\u25be"));
        QString label = group.label;
        if (folded)
            label = group.count == 1 ? tr("%1 · 1 lane").arg(group.label)
                                     : tr("%1 · %2 lanes").arg(group.label).arg(group.count);
        p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(label, Qt::ElideRight, textWidth));
    }
    p.setClipping(false);
    p.setFont(font());
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labelWidth() - 1, kAxisHeight, labelWidth() - 1, size.height());
}

void TimelineView::paintAxis(QPainter& p, QSize size, const TimeMapping& m, qint64 step) const {
    const QPalette pal = palette();
    p.fillRect(QRect(0, 0, size.width(), kAxisHeight), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, kAxisHeight - 1, size.width(), kAxisHeight - 1);
    if (!m.isValid() || step <= 0)
        return;
    p.setPen(pal.color(QPalette::WindowText));
    for (qint64 t = (m.begin / step) * step; t <= m.end; t += step) {
        const int x = labelWidth() + static_cast<int>(std::lround(m.toX(t)));
        if (x < labelWidth())
            continue;
        p.drawLine(x, kAxisHeight - 6, x, kAxisHeight - 1);
        p.drawText(QRect(x + 3, 0, 200, kAxisHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   formatTickLabel(t, step));
    }
    p.drawText(QRect(6, 0, labelWidth() - 8, kAxisHeight - 2), Qt::AlignLeft | Qt::AlignVCenter,
               tr("span %1").arg(formatDuration(m.span())));
}

} // namespace pipescope::widgets
