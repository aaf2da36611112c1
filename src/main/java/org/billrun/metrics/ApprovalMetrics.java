package org.billrun.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.QueueRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval metrics (docs/metrics.md), exported by {@code billrun escalate} when it ends: the review tasks waiting for a
 * decision now (the current step of each live draft in review, as {@code billrun approvals} lists them) by entity and role,
 * those of them past their due time (the policy's {@code approval.sla-hours.ROLE}, counted in business hours, set when the
 * task was created), and how many tasks this call escalated. escalate is the approval command a scheduler runs (hourly on
 * working days), and whether a task is overdue changes with the clock alone, not with an action: so the approvals are
 * measured there, not on each approve or reject (interactive commands, whose every click would push).
 */
public final class ApprovalMetrics {

    private static final Logger log = LoggerFactory.getLogger(ApprovalMetrics.class);

    private final Gauges gauges;
    private final ApprovalQueries approvals;
    private final RunMetricsExport export;

    ApprovalMetrics(Gauges gauges, ApprovalQueries approvals, RunMetricsExport export) {
        this.gauges = gauges;
        this.approvals = approvals;
        this.export = export;
    }

    /** Records the approvals as they stand at {@code now}, after {@code escalated} tasks were escalated, and exports them. */
    public void record(Instant now, long escalated) {
        try {
            record(approvals.queue(null, null), now);
            gauges.set(MetricNames.APPROVALS_ESCALATED, "Review tasks the last billrun escalate handed to the next role", Tags.empty(),
                    escalated);
            gauges.set(MetricNames.ESCALATE_END, "When the last billrun escalate ended (Unix time)", Tags.empty(), now.toEpochMilli() / 1e3);
            // the group is replaced whole: an entity or role with nothing open any more drops out instead of keeping its count
            export.export("escalate", true);
        } catch (RuntimeException e) {
            log.warn("Metrics of this escalate were not exported: {}", e.getMessage());
        }
    }

    private void record(List<QueueRow> open, Instant now) {
        Map<Tags, long[]> counts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (QueueRow row : open) {
            long[] pendingAndOverdue = counts.computeIfAbsent(Tags.of("entity", row.entityId(), "role", row.task().role().label()),
                    k -> new long[2]);
            pendingAndOverdue[0]++;
            if (row.task().dueAt() != null && row.task().dueAt().toInstant().isBefore(now)) {
                pendingAndOverdue[1]++;
            }
        }
        counts.forEach((tags, n) -> {
            gauges.set(MetricNames.APPROVALS_PENDING, "Review tasks waiting for a decision, by entity and role", tags, n[0]);
            gauges.set(MetricNames.APPROVALS_OVERDUE, "Review tasks waiting past their due time (approval.sla-hours)", tags, n[1]);
        });
    }
}
