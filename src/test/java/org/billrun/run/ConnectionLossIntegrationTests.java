package org.billrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;
import org.billrun.infra.AdvisoryLock;
import org.billrun.infra.Stage;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a lost database connection leaves behind (issue 18, found by the fault sweep's pg_terminate_backend): the run's
 * lock connection is gone, and Spring Batch, unable to record the failed chunk on a dead connection, leaves the step and
 * the job UNKNOWN ("a failure that could not be rolled back"). Before, billrun ended with exit 1 (the lock's unlock
 * failed on the dead connection) and every later run of the period failed with "Cannot restart job from UNKNOWN status".
 */
@BillrunIntegrationTest
class ConnectionLossIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    InjectedFaults faults;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void cleanDatabase() {
        new DatabaseState(jdbc).reset();
    }

    @AfterEach
    void disarmFaults() {
        faults.clear();
    }

    private RunOutcome run() throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null));
    }

    @Test
    void releasingTheRunLockAfterItsConnectionWasTerminatedDoesNotFail() throws Exception {
        AdvisoryLock lock = AdvisoryLock.period(dataSource, "2026-10");
        assertThat(lock).isNotNull();
        assertThat(jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()")
                .query(Long.class).single()).isEqualTo(1);

        assertThatCode(lock::close).as("the session and its lock are gone already").doesNotThrowAnyException();

        try (AdvisoryLock again = AdvisoryLock.period(dataSource, "2026-10")) {
            assertThat(again).as("the period is free").isNotNull();
        }
    }

    @Test
    void aRunLeftUnknownByALostConnectionIsResumedToTheResultOfARunThatNeverFailed() throws Exception {
        List<String> uninterrupted = uninterruptedOutcome();
        RunOutcome failed = runFailingOnTheFirstTimeEntry();
        // what Spring Batch records when the failed chunk's connection is dead: the step and the job UNKNOWN
        jdbc.sql("UPDATE batch_step_execution SET status = 'UNKNOWN' WHERE step_name = 'validateTimeEntries'").update();
        jdbc.sql("UPDATE batch_job_execution SET status = 'UNKNOWN'").update();

        RunOutcome resumed = run();

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = 'validateTimeEntries' ORDER BY step_execution_id")
                .query(String.class).list()).containsExactly("FAILED", "COMPLETED");
        assertThat(outcome()).isEqualTo(uninterrupted);
    }

    @Test
    void aRunWhoseJobEndedFailedButWhoseStepWasLeftUnknownIsResumedToTheResultOfARunThatNeverFailed() throws Exception {
        List<String> uninterrupted = uninterruptedOutcome();
        RunOutcome failed = runFailingOnTheFirstTimeEntry();
        // the chaos sweep's connection loss 128 ms into validation: the step could not record its failed chunk, the job's
        // FAILED was recorded once the pool had a connection again; every later resume failed with "Cannot restart step
        // [validateTimeEntries] from UNKNOWN status" (exit 1)
        jdbc.sql("UPDATE batch_step_execution SET status = 'UNKNOWN' WHERE step_name = 'validateTimeEntries'").update();
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution").query(String.class).single()).isEqualTo("FAILED");

        RunOutcome resumed = run();

        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.execution().getStatus()).as(resumed.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = 'validateTimeEntries' ORDER BY step_execution_id")
                .query(String.class).list()).containsExactly("FAILED", "COMPLETED");
        assertThat(outcome()).isEqualTo(uninterrupted);
    }

    @Test
    void aRunWhoseJobEndedFailedButWhoseStepIsStillRecordedAsRunningIsResumed() throws Exception {
        List<String> uninterrupted = uninterruptedOutcome();
        RunOutcome failed = runFailingOnTheFirstTimeEntry();
        // both of the step's last updates failed on the dead connection, the job's FAILED was recorded after the pool
        // reconnected: the database still says STARTED, and a restart would be refused as already running
        jdbc.sql("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL WHERE step_name = 'validateTimeEntries'").update();

        RunOutcome resumed = run();

        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.execution().getStatus()).as(resumed.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome()).isEqualTo(uninterrupted);
    }

    /** What a run that never failed leaves (validation and drafts), the database reset after it. */
    private List<String> uninterruptedOutcome() throws Exception {
        run();
        List<String> uninterrupted = outcome();
        new DatabaseState(jdbc).reset();
        return uninterrupted;
    }

    private RunOutcome runFailingOnTheFirstTimeEntry() throws Exception {
        faults.failOnRead("validateTimeEntries", Object.class, item -> true);
        RunOutcome failed = run();
        faults.clear();
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        return failed;
    }

    private List<String> outcome() {
        DatabaseState state = new DatabaseState(jdbc);
        List<String> rows = new java.util.ArrayList<>(state.validation());
        rows.addAll(state.drafts());
        return rows;
    }
}
