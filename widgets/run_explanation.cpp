#include "run_explanation.h"

#include <QCoreApplication>
#include <QStringList>

namespace pipescope::widgets {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("RunExplanation", text);
}
} // namespace

QString boundByLine(const metrics::RunSummary& s, int maxNoteChars) {
    QStringList parts;
    if (!s.bottleneck.reason.isEmpty())
        parts << tr("bound by: %1").arg(s.bottleneck.reason);
    if (!s.intervalNotes.isEmpty()) {
        QString note = s.intervalNotes.front();
        if (note.size() > maxNoteChars)
            note = note.left(maxNoteChars - 1).trimmed() + QStringLiteral("…");
        if (s.intervalNotes.size() > 1)
            note += tr(" (+%1 more)").arg(s.intervalNotes.size() - 1);
        parts << tr("interval wide: %1").arg(note);
    }
    return parts.join(QStringLiteral(" · "));
}

QString boundByDetails(const metrics::RunSummary& s) {
    QStringList lines;
    if (!s.bottleneck.reason.isEmpty())
        lines << tr("Bound by %1 (%2% busy): %3")
                     .arg(s.bottleneck.resource)
                     .arg(100.0 * s.bottleneck.utilisation, 0, 'f', 0)
                     .arg(s.bottleneck.reason);
    if (!s.intervalNotes.isEmpty())
        lines << tr("Prediction intervals are wider because:") << s.intervalNotes;
    return lines.join(QLatin1Char('\n'));
}

} // namespace pipescope::widgets
