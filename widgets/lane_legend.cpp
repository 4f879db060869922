#include "lane_legend.h"

#include <QPainter>

#include <cmath>

namespace pipescope::widgets {
namespace {

constexpr int kSwatchWidth = 22;
constexpr int kGap = 6;      // swatch to text
constexpr int kSpacing = 16; // between entries

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

LaneLegend::LaneLegend(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("laneLegend"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setToolTip(tr("How timeline blocks read; their colour is the pipeline stage (or the request, "
                  "View > Colour by Request)"));
}

QString LaneLegend::entryName(Entry entry) {
    switch (entry) {
    case Entry::Compute:
        return tr("compute");
    case Entry::WeightStreaming:
        return tr("weight streaming (stalled on DRAM)");
    case Entry::Transfer:
        return tr("transfer");
    case Entry::Host:
        return tr("host");
    }
    return {};
}

int LaneLegend::entryWidth(Entry entry) const {
    return kSwatchWidth + kGap + fontMetrics().horizontalAdvance(entryName(entry));
}

QSize LaneLegend::sizeHint() const {
    int width = 4;
    for (int e = 0; e < kEntryCount; ++e)
        width += entryWidth(Entry(e)) + kSpacing;
    return {width, fontMetrics().height() + 6};
}

QRect LaneLegend::swatchRect(Entry entry) const {
    int x = 4;
    for (int e = 0; e < static_cast<int>(entry); ++e)
        x += entryWidth(Entry(e)) + kSpacing;
    const int h = fontMetrics().height() - 2;
    return {x, (height() - h) / 2, kSwatchWidth, h};
}

void LaneLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    // TimelineView's colours for its first stage colour.
    const float hue = 0.58f;
    const QColor solid = QColor::fromHsvF(hue, dark ? 0.55f : 0.65f, dark ? 0.85f : 0.80f);
    QColor hatch = pal.color(QPalette::Text);
    hatch.setAlphaF(0.45f);
    for (int e = 0; e < kEntryCount; ++e) {
        const auto entry = Entry(e);
        QRect swatch = swatchRect(entry);
        p.setPen(Qt::NoPen);
        switch (entry) {
        case Entry::Compute:
            p.fillRect(swatch, solid);
            break;
        case Entry::WeightStreaming:
            p.fillRect(swatch, blend(solid, base, 0.55));
            p.fillRect(swatch, QBrush(hatch, Qt::BDiagPattern));
            break;
        case Entry::Transfer:
            swatch.setTop(swatch.top() + swatch.height() / 2); // the lower half, as on the timeline
            p.fillRect(swatch, solid.darker(dark ? 90 : 130));
            break;
        case Entry::Host:
            p.fillRect(swatch, QColor::fromHsvF(hue, 0.15f, dark ? 0.6f : 0.65f));
            break;
        }
        p.setPen(pal.color(QPalette::WindowText));
        const QRect text(swatchRect(entry).right() + kGap, 0, width(), height());
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, entryName(entry));
    }
}

} // namespace pipescope::widgets
