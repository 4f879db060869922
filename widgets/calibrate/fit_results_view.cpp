#include "fit_results_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace pipescope::widgets {
namespace {

QTableWidgetItem* cell(const QString& text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    return table;
}

QString number(double value) {
    return std::abs(value) >= 1e4 || (value != 0 && std::abs(value) < 1e-2) ? QString::number(value, 'g', 4)
                                                                            : QString::number(value, 'f', 3);
}

QString pair(double throughput, double measuredThroughput, double p95, double measuredP95) {
    return QStringLiteral("%1 / %2").arg(percentError(throughput, measuredThroughput),
                                         percentError(p95, measuredP95));
}

} // namespace

QString percentError(double simulated, double measured) {
    if (simulated <= 0 || measured <= 0)
        return QStringLiteral("—");
    const double percent = 100.0 * (simulated - measured) / measured;
    return QStringLiteral("%1%2%")
        .arg(percent >= 0 ? QStringLiteral("+") : QString())
        .arg(percent, 0, 'f', 1);
}

FitResultsView::FitResultsView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("heldOutWarning"));
    m_warning->setWordWrap(true);
    // Prominent on light and dark palettes alike: white on a strong red.
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #b3261e; color: white; font-weight: bold; "
                                            "padding: 6px; border-radius: 3px; }"));
    m_warning->hide();
    layout->addWidget(m_warning);
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_notes);
    auto* split = new QSplitter(Qt::Vertical, this);
    m_parameters =
        makeTable({tr("Parameter"), tr("Before"), tr("After"), tr("95% interval"), tr("Pinned down")}, split);
    m_rows = makeTable({tr("Line"), tr("Deployment"), tr("Measured /s"), tr("Measured p95 ms"),
                        tr("Before (thr / p95)"), tr("After (thr / p95)"), tr("Held out (thr / p95)")},
                       split);
    m_rows->horizontalHeaderItem(6)->setToolTip(
        tr("Error predicting the row with a fit that never saw it (leave-one-out): how well the profile "
           "predicts deployments you have not measured"));
    layout->addWidget(split, 1);
    clear();
}

void FitResultsView::clear() {
    m_warning->hide();
    m_notes->setText(tr("No fit yet."));
    m_parameters->setRowCount(0);
    m_rows->setRowCount(0);
}

void FitResultsView::setReport(const calibrate::MeasurementFitReport& report) {
    QStringList notes = report.notes;
    if (report.heldOutWorse) {
        // The engine's note says what got worse; it goes in the banner, not among the others.
        QString warning =
            tr("Held-out rows got worse with the fit: do not trust this profile for deployments "
               "you have not measured.");
        for (const QString& note : report.notes)
            if (note.contains(QLatin1String("held-out"), Qt::CaseInsensitive) ||
                note.contains(QLatin1String("held out"), Qt::CaseInsensitive))
                warning += QLatin1Char(' ') + note;
        m_warning->setText(warning);
    }
    m_warning->setVisible(report.heldOutWorse);
    QString summary = tr("Mean error, throughput / p95: before %1% / %2%, after %3% / %4%")
                          .arg(report.throughputMapeBefore, 0, 'f', 1)
                          .arg(report.p95MapeBefore, 0, 'f', 1)
                          .arg(report.throughputMapeAfter, 0, 'f', 1)
                          .arg(report.p95MapeAfter, 0, 'f', 1);
    if (report.throughputMapeHeldOut > 0 || report.p95MapeHeldOut > 0)
        summary += tr(", held out %1% / %2%")
                       .arg(report.throughputMapeHeldOut, 0, 'f', 1)
                       .arg(report.p95MapeHeldOut, 0, 'f', 1);
    summary += tr(" (%n evaluation(s), %1)", nullptr, report.evaluations)
                   .arg(report.converged ? tr("converged") : tr("not converged"));
    for (const QString& note : notes)
        summary += QStringLiteral("\n• ") + note;
    m_notes->setText(summary);
    fillParameters(report);
    fillRows(report);
}

void FitResultsView::fillParameters(const calibrate::MeasurementFitReport& report) {
    m_parameters->setRowCount(static_cast<int>(report.parameters.size()));
    int r = 0;
    for (const calibrate::ParameterEstimate& p : report.parameters) {
        auto* name = cell(p.key, Qt::AlignLeft | Qt::AlignVCenter);
        name->setToolTip(p.why);
        m_parameters->setItem(r, 0, name);
        m_parameters->setItem(r, 1, cell(number(p.before)));
        m_parameters->setItem(r, 2, cell(number(p.value)));
        m_parameters->setItem(
            r, 3,
            cell(p.fitted ? QStringLiteral("%1 – %2").arg(number(p.low), number(p.high)) : tr("not fitted")));
        auto* pinned = cell(!p.fitted      ? tr("kept at prior")
                            : p.identified ? tr("yes")
                                           : tr("no: data too thin"),
                            Qt::AlignLeft | Qt::AlignVCenter);
        if (p.fitted && !p.identified)
            pinned->setForeground(QColor(200, 110, 0));
        m_parameters->setItem(r, 4, pinned);
        ++r;
    }
}

void FitResultsView::fillRows(const calibrate::MeasurementFitReport& report) {
    m_rows->setRowCount(static_cast<int>(report.rows.size()));
    int r = 0;
    for (const calibrate::RowFit& row : report.rows) {
        const calibrate::Measurement& m = row.measured;
        m_rows->setItem(r, 0, cell(QString::number(m.line)));
        auto* label = cell(m.label(), Qt::AlignLeft | Qt::AlignVCenter);
        if (!row.error.isEmpty())
            label->setToolTip(row.error);
        m_rows->setItem(r, 1, label);
        m_rows->setItem(r, 2, cell(QString::number(m.throughputPerSecond, 'f', 1)));
        m_rows->setItem(
            r, 3, cell(m.latencyP95Ms > 0 ? QString::number(m.latencyP95Ms, 'f', 2) : QStringLiteral("—")));
        m_rows->setItem(
            r, 4, cell(pair(row.throughputBefore, m.throughputPerSecond, row.p95Before, m.latencyP95Ms)));
        m_rows->setItem(r, 5,
                        cell(pair(row.throughputAfter, m.throughputPerSecond, row.p95After, m.latencyP95Ms)));
        m_rows->setItem(
            r, 6, cell(pair(row.throughputHeldOut, m.throughputPerSecond, row.p95HeldOut, m.latencyP95Ms)));
        ++r;
    }
}

} // namespace pipescope::widgets
