package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run's scope and the exception queue (issue 12, bug 3): `run --scope XX01` validated every entity,
 * drafted nothing and added a second copy of every open exception of the period, reopening a waived one
 * as new. An unknown entity is refused before a run starts; an exception is one per record and rule,
 * whatever the scope of the runs that find it.
 */
@BillrunIntegrationTest
class ExceptionsAcrossScopesIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");

    @Autowired
    RunService runService;

    @Autowired
    ExceptionQueue queue;

    @Autowired
    JdbcClient jdbc;

    DatabaseState state;

    @BeforeEach
    void cleanDatabase() {
        state = new DatabaseState(jdbc);
        state.reset();
    }

    private RunOutcome run(String scope, Stage until) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, scope, NORTHWIND, until, null));
        assertThat(outcome.execution().getStatus()).as("run of scope " + scope).isEqualTo(BatchStatus.COMPLETED);
        return outcome;
    }

    @Test
    void anUnknownEntityIsRefusedBeforeAnyRunStartsAndTheMessageNamesTheKnownOnes() {
        assertThatThrownBy(() -> runService.run(new RunRequest(OCTOBER, "XX01", NORTHWIND, Stage.VALIDATE, null)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("unknown scope XX01")
                .hasMessageContaining("the known entities are DE01, GB01, US01");

        assertThat(state.count("SELECT count(*) FROM batch_job_instance")).isZero();
        assertThat(state.count("SELECT count(*) FROM billing_run")).isZero();
    }

    @Test
    void anEntityLoadedBeforeIsKnownEvenWhenTheInputNoLongerNamesIt() throws Exception {
        run("all", Stage.INGEST);
        jdbc.sql("""
                INSERT INTO entity (run_id, ingest_period, source_file_id, line_no, record_key, entity_id, name, country, currency,
                                    invoice_prefix)
                SELECT run_id, ingest_period, source_file_id, 99, 'FR01', 'FR01', 'Northwind SAS', 'FR', 'EUR', 'NWFR' FROM entity LIMIT 1""").update();

        assertThatThrownBy(() -> runService.run(new RunRequest(OCTOBER, "XX01", NORTHWIND, Stage.VALIDATE, null)))
                .hasMessageContaining("the known entities are DE01, FR01, GB01, US01");
    }

    @Test
    void runsOfOneEntityAndOfAllShareOneExceptionPerRecordAndRuleAndAWaiverHolds() throws Exception {
        long first = run("all", Stage.VALIDATE).runId();
        long raised = state.count("SELECT count(*) FROM validation_exception");
        long closedProject = jdbc.sql("""
                SELECT exception_id FROM validation_exception WHERE rule_code = 'TIME_PROJECT_CLOSED' AND record_key = 'T-000253'""")
                .query(Long.class).single();
        queue.waive(closedProject, "Henrike Falkenberg", "client accepted the late PMO work");

        RunOutcome germany = run("DE01", Stage.DRAFT);
        long last = run("all", Stage.VALIDATE).runId();

        assertThat(germany.runId()).isNotEqualTo(first);
        assertThat(state.count("SELECT count(*) FROM validation_exception")).isEqualTo(raised);
        assertThat(state.count("""
                SELECT count(*) FROM (SELECT 1 FROM validation_exception
                                      GROUP BY period, record_kind, record_row_id, rule_code HAVING count(*) > 1) copies""")).isZero();
        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE raised_by_run_id <> ?", first)).isZero();
        assertThat(state.count("SELECT count(*) FROM validation_exception WHERE last_seen_run_id <> ?", last)).isZero();
        assertThat(jdbc.sql("""
                SELECT exception_id || ' ' || status FROM validation_exception WHERE rule_code = 'TIME_PROJECT_CLOSED' AND record_key = 'T-000253'""")
                .query(String.class).list()).containsExactly(closedProject + " waived");
        assertThat(state.count("SELECT count(*) FROM audit_log WHERE action IN ('raised', 'reopened') AND run_id <> ?", first)).isZero();
    }
}
