package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.DatabaseInput;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.run.RunSummary;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sample firm read from a PSA-like PostgreSQL database instead of its CSV files: the same
 * drafts, the same field checks, the same "same as run N", the same restart rules.
 */
@BillrunIntegrationTest
class DatabaseSourceIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path NORTHWIND = Path.of("sample-data/northwind");
    private static final Path NORTHWIND_POLICY = NORTHWIND.resolve("policy.properties");

    private static SourceDatabase northwind;
    private static List<String> leftOut;

    @Autowired
    RunService runService;

    @Autowired
    RunQueries runQueries;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    DatabaseState state;

    @BeforeAll
    static void loadTheSampleFirmIntoItsOwnDatabase() {
        northwind = SourceDatabase.create("northwind_psa");
        leftOut = northwind.load(NORTHWIND);
    }

    @AfterAll
    static void closeIt() throws Exception {
        northwind.close();
    }

    @BeforeEach
    void cleanDatabase() {
        state = new DatabaseState(jdbc);
        state.reset();
    }

    private RunOutcome runFromDatabase(Path definition, Stage until) throws Exception {
        return runService.run(RunRequest.fromDatabase(OCTOBER, "all", new DatabaseInput(northwind.url(), definition), until,
                "northwind-database", NORTHWIND_POLICY, null));
    }

    @Test
    void aScopeIsCheckedAgainstTheEntitiesTheSourcesQueryReturnsBeforeAnyRunStarts() throws Exception {
        DatabaseInput source = new DatabaseInput(northwind.url(), northwind.definition(temp.resolve("northwind.properties")));

        assertThatThrownBy(() -> runService.run(RunRequest.fromDatabase(OCTOBER, "XX01", source, Stage.INGEST, "northwind-database",
                NORTHWIND_POLICY, null)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("the known entities are DE01, GB01, US01");
        assertThat(state.count("SELECT count(*) FROM billing_run")).isZero();

        RunOutcome britain = runService.run(RunRequest.fromDatabase(OCTOBER, "GB01", source, Stage.INGEST, "northwind-database",
                NORTHWIND_POLICY, null));
        assertThat(britain.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void theSampleFirmReadFromADatabaseIsDraftedExactlyAsFromItsCsvFiles() throws Exception {
        RunOutcome fromFiles = runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.DRAFT, null, null, null));
        assertThat(fromFiles.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> drafts = withoutLocations(state.drafts());
        List<String> recordStates = recordStates();
        List<String> exceptions = exceptions();
        state.reset();

        RunOutcome fromDatabase = runFromDatabase(northwind.definition(temp.resolve("northwind.properties")), Stage.DRAFT);

        assertThat(fromDatabase.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(drafts).as("13 drafts with their lines, lineage and routing").hasSizeGreaterThan(13);
        assertThat(withoutLocations(state.drafts())).as("drafts, lines, amounts, lineage by record key, routing").isEqualTo(drafts);
        assertThat(recordStates()).isEqualTo(recordStates);
        assertThat(exceptions()).isEqualTo(exceptions);
        assertThat(leftOut).as("rows a typed database cannot hold: R2 7,5 hours, R3 2026-13-40, R6 a field too many, R8 1.234,50")
                .containsExactly("time_entries.csv:489", "time_entries.csv:661", "time_entries.csv:1271", "expenses.csv:137");
        assertThat(runQueries.rejections(fromDatabase.runId(), 100)).extracting(r -> r.file() + " " + r.where() + " " + r.column())
                .as("the other malformed rows of the sample, rejected by their key")
                .containsExactly("time_entries (query) key T-000286 entry_id", "time_entries (query) key T-000899 hours",
                        "time_entries (query) key T-001215 approval_status", "expenses (query) key EX-00029 currency");
        assertThat(state.count("SELECT count(*) FROM source_file_totals WHERE run_id = ? AND present"
                + " AND (origin <> 'query' OR rows_read <> rows_accepted + rows_rejected)", fromDatabase.runId())).isZero();
    }

    @Test
    void aQueryWhoseRowsAreTheOnesLastLoadedIsSameAsThatRunAndNotReadAgain() throws Exception {
        Path definition = northwind.definition(temp.resolve("northwind.properties"));
        RunOutcome first = runFromDatabase(definition, Stage.INGEST);
        List<String> timeEntries = state.contents(SourceKind.TIME_ENTRIES);

        RunOutcome second = runFromDatabase(definition, Stage.INGEST);

        assertThat(second.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunSummary summary = runQueries.summary(second.runId(), 10).orElseThrow();
        assertThat(summary.inputDir()).isEqualTo(northwind.url());
        assertThat(summary.sources()).hasSize(SourceKind.values().length)
                .allSatisfy(s -> assertThat(s.sameAsRun()).as(s.file()).isEqualTo(first.runId()))
                .allSatisfy(s -> assertThat(s.rowsRead()).isZero());
        assertThat(state.contents(SourceKind.TIME_ENTRIES)).isEqualTo(timeEntries);
        assertThat(state.source(second.runId(), SourceKind.TIME_ENTRIES).get("sha256"))
                .isEqualTo(state.source(first.runId(), SourceKind.TIME_ENTRIES).get("sha256"));
    }

    @Test
    void aChangedRowIsLoadedAsANewVersionByTheNextRun() throws Exception {
        Path definition = northwind.definition(temp.resolve("northwind.properties"));
        runFromDatabase(definition, Stage.INGEST);
        java.math.BigDecimal hours = northwind.jdbc().sql("SELECT hours FROM time_entries WHERE entry_id = 'T-000002'")
                .query(java.math.BigDecimal.class).single();
        northwind.jdbc().sql("UPDATE time_entries SET hours = 6.5 WHERE entry_id = 'T-000002'").update();
        try {
            RunOutcome second = runFromDatabase(definition, Stage.INGEST);

            assertThat(state.source(second.runId(), SourceKind.TIME_ENTRIES))
                    .containsEntry("same_as_source_file_id", null).containsEntry("rows_changed", 1L).containsEntry("rows_new", 0L);
            assertThat(state.source(second.runId(), SourceKind.EXPENSES)).extractingByKey("same_as_source_file_id").isNotNull();
            assertThat(jdbc.sql("SELECT hours FROM current_time_entry WHERE entry_id = 'T-000002'").query(java.math.BigDecimal.class)
                    .single()).isEqualByComparingTo("6.5");
        } finally {
            northwind.jdbc().sql("UPDATE time_entries SET hours = ? WHERE entry_id = 'T-000002'").param(hours).update();
        }
    }

    @Test
    void theExampleRunDefinitionInJobsReadsViewsRenamedColumnsAndThePeriod() throws Exception {
        northwind.jdbc().sql("CREATE SCHEMA IF NOT EXISTS billing").update();
        for (SourceKind kind : SourceKind.values()) {
            northwind.jdbc().sql("CREATE OR REPLACE VIEW billing." + kind.inputName() + " AS SELECT * FROM public." + kind.inputName())
                    .update();
        }
        northwind.jdbc().sql("CREATE SCHEMA IF NOT EXISTS hr").update();
        northwind.jdbc().sql("""
                CREATE OR REPLACE VIEW hr.employees AS
                SELECT consultant_id AS employee_no, name AS full_name, email AS work_email, role AS job_role,
                       home_entity_id AS legal_entity, manager_id AS line_manager,
                       CASE WHEN status = 'left' THEN DATE '2026-06-30' END AS left_on, standard_hours_per_day AS daily_hours
                FROM consultants""").update();
        Path example = temp.resolve("month-end-database.properties");
        Files.writeString(example, Files.readString(Path.of("jobs/month-end-database.properties"))
                .replaceFirst("(?m)^source\\.url=.*$", "source.url=" + northwind.url())
                .replaceFirst("(?m)^policy=.*$", "policy=" + NORTHWIND_POLICY.toAbsolutePath()));
        String consultantsFromFile = consultants(runService.run(new RunRequest(OCTOBER, "all", NORTHWIND, Stage.INGEST, null)).runId());
        state.reset();

        RunOutcome outcome = runFromDatabase(example, Stage.INGEST);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(consultants(outcome.runId())).as("renamed columns, a derived status").isEqualTo(consultantsFromFile);
        assertThat(state.count("SELECT count(*) FROM time_entry WHERE work_date NOT BETWEEN '2026-10-01' AND '2026-10-31'"))
                .as("T-000001 of 2026-09-30 is left out by the query").isZero();
        assertThat(state.source(outcome.runId(), SourceKind.TIME_ENTRIES))
                .as("the 1,693 rows of the table less T-000001").containsEntry("rows_read", 1692L);
        assertThat(state.source(outcome.runId(), SourceKind.BILLING_HISTORY)).containsEntry("rows_read", 108L);
    }

    private String consultants(long runId) {
        return String.join("\n", jdbc.sql("""
                SELECT concat_ws('|', consultant_id, name, email, role, home_entity_id, manager_id, status, standard_hours_per_day)
                FROM consultant WHERE run_id = ? ORDER BY consultant_id""").param(runId).query(String.class).list());
    }

    /**
     * The drafts' routing reasons quote the exceptions behind them, with the exception's number and
     * the line of its record (for a query, the row in billrun's read order): the two runs differ in
     * those alone, so both are left out of the comparison.
     */
    private static List<String> withoutLocations(List<String> drafts) {
        return drafts.stream().map(row -> row.replaceAll("#\\d+", "#").replaceAll("line \\d+", "line")).toList();
    }

    /** Each period record's state after validation, by record key: no row ids, lines or run ids. */
    private List<String> recordStates() {
        return jdbc.sql("""
                SELECT concat_ws('|', record_kind, record_key, state, contract_id, consultant_id, record_date, hours, amount, currency)
                FROM validated_record ORDER BY 1""").query(String.class).list();
    }

    /** The exceptions by rule and record key; messages are left out, since some name the line of a file. */
    private List<String> exceptions() {
        return jdbc.sql("""
                SELECT concat_ws('|', rule_code, record_kind, record_key, severity, owner_role, owner_id, status, amount, currency)
                FROM validation_exception ORDER BY 1""").query(String.class).list();
    }
}
