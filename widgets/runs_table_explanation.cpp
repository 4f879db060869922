// RunsTableModel: the columns that explain a run (issue 9): prediction intervals, the resource that
// binds throughput and the serving workers. Thin views over the engine's RunSummary.
#include "runs_table_model.h"

#include "compile/deployment.h"
#include "session.h"

namespace pipescope::widgets {

namespace {

const metrics::Interval& intervalOf(const metrics::RunSummary& s, int column) {
    switch (column) {
    case RunsTableModel::P95Interval:
        return s.latencyP95IntervalMs;
    case RunsTableModel::CostInterval:
        return s.costIntervalUsd;
    default:
        return s.throughputInterval;
    }
}

// Digits as the value columns show them (throughput 1 decimal, p95 2, cost 3), fewer for big values.
QString formatBound(double value, int column) {
    if (column == RunsTableModel::ThroughputInterval)
        return QString::number(value, 'f', 0);
    if (column == RunsTableModel::P95Interval)
        return QString::number(value, 'f', value >= 100 ? 1 : 2);
    return QString::number(value, 'f', value >= 10 ? 2 : 3);
}

} // namespace

QVariant RunsTableModel::explanationSortValue(int row, int column) const {
    const sim::Run& run = *m_session->runs()[row];
    const auto& s = run.summary;
    switch (column) {
    case ThroughputInterval:
    case P95Interval:
    case CostInterval: {
        // Ranges sort by their low end, like the value columns; unknown ones sort first.
        const metrics::Interval& interval = intervalOf(s, column);
        return interval.known() ? interval.low : -1.0;
    }
    case BoundBy:
        return s.bottleneck.resource;
    case Workers:
        return compile::servingWorkers(run.inputs.config, run.inputs.instance.isGpu());
    default:
        return {};
    }
}

QVariant RunsTableModel::explanationDisplayValue(int row, int column) const {
    const auto& s = m_session->runs()[row]->summary;
    switch (column) {
    case ThroughputInterval:
    case P95Interval:
    case CostInterval: {
        const metrics::Interval& interval = intervalOf(s, column);
        if (!interval.known())
            return QStringLiteral("—");
        return formatBound(interval.low, column) + QStringLiteral("–") + formatBound(interval.high, column);
    }
    case BoundBy:
        return s.bottleneck.resource.isEmpty() ? QStringLiteral("—") : s.bottleneck.resource;
    default:
        return explanationSortValue(row, column);
    }
}

QVariant RunsTableModel::explanationToolTip(int row, int column) const {
    const sim::Run& run = *m_session->runs()[row];
    const auto& s = run.summary;
    switch (column) {
    case ThroughputInterval:
    case P95Interval:
    case CostInterval: {
        if (!intervalOf(s, column).known())
            return tr("No prediction interval: this run was saved before Pipescope computed them");
        QString tip = tr("About 90% prediction interval, from the calibration's uncertainty");
        // The other, much smaller uncertainty: this run's own finite sample.
        if (column == P95Interval && s.latencyMs.p95StandardErrorMs > 0)
            tip += tr("\nSampling alone: p95 ± %1 ms (95%, another seed's run of this length)")
                       .arg(metrics::formatNoise(s.latencyMs.p95NoiseMs()));
        if (!s.intervalNotes.isEmpty())
            tip += QStringLiteral("\n• ") + s.intervalNotes.join(QStringLiteral("\n• "));
        return tip;
    }
    case BoundBy:
        if (s.bottleneck.reason.isEmpty())
            return tr("Not known: this run was saved before Pipescope found bottlenecks");
        return s.bottleneck.reason;
    case Workers:
        return run.inputs.config.workers > 0 ? tr("Worker processes set for this run")
                                             : tr("One worker process per NeuronCore group (the default)");
    default:
        return {};
    }
}

} // namespace pipescope::widgets
