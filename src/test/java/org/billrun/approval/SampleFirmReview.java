package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.billing.PersonRole;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.DatabaseState;
import org.springframework.batch.core.BatchStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sample firm's October drafted for the approval tests (ApprovalServiceIntegrationTests,
 * ApprovalAdjustmentIntegrationTests): an empty database and a run up to the drafts, a draft whose matrix asks for
 * given roles, and a control the database itself refuses.
 */
final class SampleFirmReview {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    static final Path NORTHWIND = Path.of("sample-data/northwind");

    private final RunService runService;
    private final ApprovalService approvals;
    private final ApprovalQueries queries;
    private final JdbcClient jdbc;

    SampleFirmReview(RunService runService, ApprovalService approvals, ApprovalQueries queries, JdbcClient jdbc) {
        this.runService = runService;
        this.approvals = approvals;
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /** Empties the database and drafts the sample firm's October: the run's id. */
    long draftAfresh() throws Exception {
        new DatabaseState(jdbc).reset();
        return draft(NORTHWIND);
    }

    /** Drafts October from {@code input} (a new run, or the next run of the period): the run's id. */
    long draft(Path input) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    /** The first draft of the run whose tasks are exactly these roles, in order. */
    Version draftNeeding(long runId, PersonRole... roles) {
        approvals.openReviews();
        for (String draftId : jdbc.sql("SELECT draft_id FROM invoice_version WHERE run_id = ? ORDER BY draft_id").param(runId)
                .query(String.class).list()) {
            Version v = queries.latest(draftId).orElseThrow();
            if (queries.tasks(v.versionId()).stream().map(Task::role).toList().equals(List.of(roles))) {
                return v;
            }
        }
        throw new AssertionError("the sample firm has no draft needing " + List.of(roles));
    }

    Task firstTask(Version v) {
        return queries.tasks(v.versionId()).get(0);
    }

    /** The database refuses {@code sql} by one of its approval controls, saying {@code reason}. */
    void assertRefused(String sql, String reason) {
        assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("approval refused").hasMessageContaining(reason);
    }
}
