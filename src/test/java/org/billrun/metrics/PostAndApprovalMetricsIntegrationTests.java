package org.billrun.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.infra.Stage;
import org.billrun.posting.PostService;
import org.billrun.posting.PostingQueries;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The metrics of billrun post (postings by state, the oldest waiting, the latency of what the call posted) and of billrun
 * escalate (approvals pending and overdue by entity and role) on the sample firm, written to their textfiles, each value
 * checked against the database, and every name documented in docs/metrics.md.
 */
@BillrunIntegrationTest
class PostAndApprovalMetricsIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries approvalQueries;

    @Autowired
    PostService post;

    @Autowired
    PostingQueries postingQueries;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    PrometheusMeterRegistry registry;

    RunMetricsExport export;

    @BeforeEach
    void runTheSampleFirmToItsDrafts() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        export = new RunMetricsExport(registry, new MetricsProperties(new MetricsProperties.Pushgateway((URI) null, "billrun"),
                new MetricsProperties.Textfile(dir.resolve("billrun.prom"))));
    }

    @Test
    void aPostExportsEveryEntitysPostingsByStateTheOldestWaitingAndTheLatencyOfWhatItPosted() throws Exception {
        approvals.approveStraightThrough(null, Acting.as("finance"));
        String entity = jdbc.sql("SELECT entity_id FROM posting GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1").query(String.class)
                .single();
        PostMetrics metrics = new PostMetrics(new Gauges(registry), registry, postingQueries, export, Clock.systemUTC());

        PostMetrics.Call call = metrics.start();
        assertThat(post.post(entity, 1).failed()).as("one invoice posted, the others wait for the next post").isFalse();
        metrics.finish(call, true);

        Path textfile = dir.resolve("billrun-post.prom");
        assertThat(dir.resolve("billrun.prom")).as("the run's textfile is not the post's").doesNotExist();
        String exposition = Files.readString(textfile);
        long waitingCount = count("SELECT count(*) FROM posting WHERE entity_id = ? AND state = 'pending'", entity);
        assertThat(count("SELECT count(*) FROM posting WHERE entity_id = ? AND state = 'posted'", entity)).isEqualTo(1);
        assertThat(waitingCount).isPositive();
        assertThat(value(exposition, "billrun_post_success")).isEqualTo(1);
        assertThat(value(exposition, "billrun_post_last_success_timestamp_seconds")).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(600.0));
        assertThat(value(exposition, postings(entity, "posted"))).isEqualTo(1);
        assertThat(value(exposition, postings(entity, "pending"))).isEqualTo(waitingCount);
        assertThat(value(exposition, postings(entity, "failed_permanent"))).as("a state without postings shows 0").isZero();
        double oldest = jdbc.sql("SELECT extract(epoch FROM clock_timestamp() - min(approved_at)) FROM posting WHERE state = 'pending'")
                .query(Double.class).single();
        assertThat(value(exposition, "billrun_postings_oldest_waiting_seconds{document=\"invoice\",entity=\"" + entity + "\"}"))
                .isPositive().isLessThanOrEqualTo(oldest);
        assertThat(value(exposition, "billrun_posting_latency_seconds_count{document=\"invoice\",entity=\"" + entity + "\"}"))
                .as("one latency per invoice this post posted").isEqualTo(1);
        double latencySum = value(exposition, "billrun_posting_latency_seconds_sum{document=\"invoice\",entity=\"" + entity + "\"}");
        double fromDatabase = jdbc.sql("SELECT extract(epoch FROM posted_at - approved_at) FROM posting WHERE state = 'posted'")
                .query(Double.class).single();
        assertThat(latencySum).isPositive().isCloseTo(fromDatabase, org.assertj.core.data.Offset.offset(0.01));
        assertDocumented(exposition);
    }

    @Test
    void escalateExportsTheTasksPendingAndThoseOverdueByEntityAndRole() throws Exception {
        approvals.openReviews();
        List<ApprovalQueries.QueueRow> open = approvalQueries.queue(null, null);
        assertThat(open).as("the sample firm has drafts in review").isNotEmpty();
        ApprovalQueries.QueueRow late = open.get(0);
        jdbc.sql("UPDATE approval_task SET due_at = clock_timestamp() - interval '1 hour' WHERE task_id = ?").param(late.task().taskId())
                .update();
        String entity = late.entityId();
        String role = late.task().role().label();
        long pending = open.stream().filter(r -> r.entityId().equals(entity) && r.task().role().label().equals(role)).count();
        long overdue = approvalQueries.queue(Instant.now(), null).stream()
                .filter(r -> r.entityId().equals(entity) && r.task().role().label().equals(role)).count();
        assertThat(overdue).isPositive();

        new ApprovalMetrics(new Gauges(registry), approvalQueries, export).record(Instant.now(), 0);

        String exposition = Files.readString(dir.resolve("billrun-escalate.prom"));
        String labels = "{entity=\"" + entity + "\",role=\"" + role + "\"}";
        assertThat(value(exposition, "billrun_approvals_pending" + labels)).isEqualTo(pending);
        assertThat(value(exposition, "billrun_approvals_overdue" + labels)).isEqualTo(overdue);
        assertThat(exposition.lines().filter(l -> l.startsWith("billrun_approvals_pending{")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).sum()).as("every open task counted once").isEqualTo(open.size());
        assertThat(value(exposition, "billrun_approvals_escalated")).isZero();
        assertDocumented(exposition);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String postings(String entity, String state) {
        return "billrun_postings{document=\"invoice\",entity=\"" + entity + "\",state=\"" + state + "\"}";
    }

    private static void assertDocumented(String exposition) throws Exception {
        String documented = Files.readString(Path.of("docs/metrics.md"));
        exposition.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).distinct()
                .forEach(name -> assertThat(documented).as("docs/metrics.md lists " + name).contains("`" + name + "`"));
    }

    /** The value of the one sample whose name and labels are {@code series}. */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(series + " in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
