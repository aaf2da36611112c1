package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database failing a post job midway. When the post lock's session ends while it sends (pg_terminate_backend on the
 * lock's backend, as an administrator or a failover would), the invoice in flight is recorded, nothing more is sent without
 * the lock, the call says why it stopped, and the next post resumes the batch and sends the rest, each invoice once. When
 * the database ends a session while an invoice's documents are built, the invoice is not failed for good (the fault is the
 * database's, not the invoice's): the post stops and the next post sends it.
 */
@BillrunIntegrationTest
class PostDatabaseFaultIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    ScriptedErp erp;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    String entity;

    List<String> numbers;

    @BeforeEach
    void approveTheSampleFirmsStraightThroughDrafts() throws Exception {
        new DatabaseState(jdbc).reset();
        erp.clear();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        entity = jdbc.sql("SELECT entity_id FROM posting GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1")
                .query(String.class).single();
        numbers = jdbc.sql("SELECT final_number FROM posting WHERE entity_id = ? ORDER BY posting_id").param(entity)
                .query(String.class).list();
        assertThat(numbers).hasSizeGreaterThan(1);
    }

    @AfterEach
    void noFaultLeft() {
        erp.clear();
    }

    @Test
    void aPostWhoseLockSessionIsTerminatedStopsBeforeItsNextSendAndTheNextPostResumes() throws Exception {
        erp.whileSending(reference -> {
            if (erp.sent.size() == 1) {
                terminateTheLocksSession();
            }
        });

        PostService.PostReport stopped = post.post(entity, PostService.DEFAULT_LIMIT);

        assertThat(stopped.stoppedBecause()).contains("post lock of " + entity, "stopped before the next invoice was sent");
        assertThat(stopped.failed()).isTrue();
        assertThat(erp.sent).as("nothing sent after the lock was lost").containsExactly(numbers.get(0));
        assertThat(state(numbers.get(0))).as("the invoice in flight was recorded").isEqualTo("posted");
        assertThat(numbers.subList(1, numbers.size())).allMatch(n -> state(n).equals("pending"));
        assertThat(jdbc.sql("SELECT state FROM posting_batch WHERE entity_id = ?").param(entity).query(String.class).list())
                .containsExactly("open");

        erp.whileSending(reference -> {});
        PostService.PostReport resumed = post.post(entity, PostService.DEFAULT_LIMIT);

        assertThat(resumed.stoppedBecause()).isNull();
        assertThat(resumed.batches()).singleElement().satisfies(b -> {
            assertThat(b.resumed()).isTrue();
            assertThat(b.status()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(b.state()).isEqualTo(BatchState.BALANCED);
        });
        everyInvoicePostedAndSentOnce();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aSessionEndedByTheDatabaseWhileAnInvoicesDocumentsAreBuiltStopsThePostWithoutFailingTheInvoiceAndTheNextPostSendsIt() throws Exception {
        postStoppedByTheDatabaseWhileBuildingDocuments();

        assertThat(post.post(entity, PostService.DEFAULT_LIMIT).failed()).isFalse();
        everyInvoicePostedAndSentOnce();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aPostJobLeftUnknownByALostConnectionIsResumedByTheNextPost() throws Exception {
        postStoppedByTheDatabaseWhileBuildingDocuments();
        // what Spring Batch records when the connection is dead as the step fails: the step and the job UNKNOWN, which
        // JobOperator.recover leaves as they are and a restart refuses ("manual intervention")
        jdbc.sql("UPDATE batch_step_execution SET status = 'UNKNOWN' WHERE job_execution_id = (SELECT max(job_execution_id)"
                + " FROM batch_job_execution)").update();
        jdbc.sql("UPDATE batch_job_execution SET status = 'UNKNOWN' WHERE job_execution_id = (SELECT max(job_execution_id)"
                + " FROM batch_job_execution)").update();

        PostService.PostReport resumed = post.post(entity, PostService.DEFAULT_LIMIT);

        assertThat(resumed.failed()).as(String.valueOf(resumed.stoppedBecause())).isFalse();
        everyInvoicePostedAndSentOnce();
    }

    private void everyInvoicePostedAndSentOnce() {
        assertThat(numbers).allMatch(n -> state(n).equals("posted") && erp.documentsWith(n) == 1);
        assertThat(erp.sent).as("each invoice sent once").hasSize(numbers.size()).doesNotHaveDuplicates();
    }

    /**
     * The entity's post, stopped by the database while the second invoice's documents are built: its lines are read
     * through a view whose rows raise what a terminated session raises (SQLSTATE 57P01, admin_shutdown), every time.
     */
    private void postStoppedByTheDatabaseWhileBuildingDocuments() throws Exception {
        erp.whileSending(reference -> {
            if (erp.sent.size() == 1) {
                jdbc.sql("ALTER TABLE draft_line RENAME TO draft_line_away").update();
                jdbc.sql("""
                        CREATE FUNCTION test_session_terminated() RETURNS boolean LANGUAGE plpgsql AS $$
                        BEGIN
                            RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = 'admin_shutdown';
                        END $$""").update();
                jdbc.sql("CREATE VIEW draft_line AS SELECT * FROM draft_line_away WHERE test_session_terminated()").update();
            }
        });
        PostService.PostReport stopped;
        try {
            stopped = post.post(entity, PostService.DEFAULT_LIMIT);
        } finally {
            jdbc.sql("DROP VIEW IF EXISTS draft_line").update();
            jdbc.sql("DROP FUNCTION IF EXISTS test_session_terminated()").update();
            if (jdbc.sql("SELECT to_regclass('draft_line_away') IS NOT NULL").query(Boolean.class).single()) {
                jdbc.sql("ALTER TABLE draft_line_away RENAME TO draft_line").update();
            }
            erp.whileSending(reference -> {});
        }

        assertThat(stopped.failed()).isTrue();
        assertThat(stopped.stoppedBecause()).as("one line").isEqualTo("the post job failed: ERROR: terminating connection due to administrator command");
        assertThat(stopped.batches()).singleElement().satisfies(b -> assertThat(b.status()).isEqualTo(BatchStatus.FAILED));
        assertThat(erp.sent).containsExactly(numbers.get(0));
        assertThat(state(numbers.get(1))).as("left sending for the next post, not failed for good").isEqualTo("sending");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'posting_failed'").query(Long.class).single()).isZero();
    }

    /** What an administrator or a failover does to the post process's lock: ends its session, and waits until it has ended. */
    private void terminateTheLocksSession() {
        String locks = "FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND pid <> pg_backend_pid()";
        assertThat(jdbc.sql("SELECT count(pg_terminate_backend(pid)) " + locks).query(Long.class).single()).isEqualTo(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("SELECT count(*) " + locks).query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("the terminated session ended").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String state(String number) {
        return jdbc.sql("SELECT state FROM posting WHERE final_number = ?").param(number).query(String.class).single();
    }
}
