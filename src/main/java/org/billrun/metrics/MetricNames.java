package org.billrun.metrics;

/**
 * billrun's own metrics (Micrometer names; Prometheus replaces the dots with underscores). Each is
 * a gauge holding the value of the run (or post, or escalate) that ended last; docs/metrics.md lists them with Spring
 * Batch's and a test keeps the two in step.
 */
final class MetricNames {

    static final String RUN_INFO = "billrun.run.info";
    static final String RUN_ID = "billrun.run.id";
    static final String RUN_SUCCESS = "billrun.run.success";
    static final String RUN_DURATION = "billrun.run.duration.seconds";
    static final String RUN_END = "billrun.run.end.timestamp.seconds";
    static final String RUN_LAST_SUCCESS = "billrun.run.last.success.timestamp.seconds";
    static final String STEP_DURATION = "billrun.step.duration.seconds";
    static final String STEP_ITEMS_READ = "billrun.step.items.read";
    static final String STEP_ITEMS_WRITTEN = "billrun.step.items.written";
    static final String STEP_ITEMS_SKIPPED = "billrun.step.items.skipped";
    static final String SOURCE_ROWS_READ = "billrun.source.rows.read";
    static final String SOURCE_ROWS_REJECTED = "billrun.source.rows.rejected";
    static final String RECORDS = "billrun.records";
    static final String EXCEPTIONS_RAISED = "billrun.exceptions.raised";
    static final String EXCEPTIONS_OPEN = "billrun.exceptions.open";
    static final String DRAFTS = "billrun.drafts";

    // billrun post (a gauge each, but the latency: a timer, exported as a summary with _count, _sum and _max)
    static final String POST_SUCCESS = "billrun.post.success";
    static final String POST_DURATION = "billrun.post.duration.seconds";
    static final String POST_END = "billrun.post.end.timestamp.seconds";
    static final String POST_LAST_SUCCESS = "billrun.post.last.success.timestamp.seconds";
    static final String POSTINGS = "billrun.postings";
    static final String POSTINGS_OLDEST_WAITING = "billrun.postings.oldest.waiting.seconds";
    static final String POSTING_LATENCY = "billrun.posting.latency";

    // billrun escalate
    static final String APPROVALS_PENDING = "billrun.approvals.pending";
    static final String APPROVALS_OVERDUE = "billrun.approvals.overdue";
    static final String APPROVALS_ESCALATED = "billrun.approvals.escalated";
    static final String ESCALATE_END = "billrun.escalate.end.timestamp.seconds";

    private MetricNames() {}
}
