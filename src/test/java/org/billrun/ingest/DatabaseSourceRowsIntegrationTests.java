package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.billrun.infra.InputFileException;
import org.billrun.infra.Stage;
import org.billrun.run.DatabaseInput;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows from a database source: bad rows rejected by their key, missing columns, and restarts. */
@BillrunIntegrationTest
class DatabaseSourceRowsIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final int ENTRIES = 12_000;

    @Autowired
    SourceConnections sourceConnections;

    @Autowired
    RunService runService;

    @Autowired
    RunQueries runQueries;

    @Autowired
    InjectedFaults faults;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    DatabaseState state;
    SourceDatabase tiny;

    @BeforeEach
    void cleanDatabases() {
        state = new DatabaseState(jdbc);
        state.reset();
        tiny = SourceDatabase.create("tiny_psa");
        tiny.load(TestFirms.TINY);
    }

    @AfterEach
    void closeSource() throws Exception {
        faults.clear();
        tiny.close();
    }

    /** Fails the load of the time entries on reading the block that holds row {@code row}, as a crash there would. */
    private void failAtTimeEntriesRow(long row) {
        faults.failOnRead("loadSourceFile", RowBlock.class, block -> block.part().kind() == SourceKind.TIME_ENTRIES
                && block.rows().get(block.rows().size() - 1).lineNo() >= row);
    }

    private RunOutcome run(Path definition) throws Exception {
        return runService.run(RunRequest.fromDatabase(OCTOBER, "all", new DatabaseInput(tiny.url(), definition), Stage.INGEST,
                "tiny-database", null, null));
    }

    @Test
    void aBadRowIsRejectedWithItsKeyAndTheMessageAFileRowGetsAndTheRestIsLoaded() throws Exception {
        tiny.jdbc().sql("ALTER TABLE time_entries ALTER COLUMN hours TYPE text").update();
        tiny.jdbc().sql("UPDATE time_entries SET hours = 'seven' WHERE entry_id = 'T-3'").update();
        tiny.jdbc().sql("UPDATE time_entries SET approval_status = 'pending' WHERE entry_id = 'T-4'").update();
        tiny.jdbc().sql("""
                INSERT INTO time_entries (entry_id, consultant_id, project_id, work_date, hours, billable, approval_status, description)
                VALUES ('T-5', 'E-001', 'P-BETA', '2026-10-09', '3', true, 'approved', repeat('x', 2001)),
                       (NULL, 'E-001', 'P-BETA', '2026-10-09', '1', true, 'approved', 'no id'),
                       ('T-6', 'E-001', 'P-BETA', '2026-10-12', '1.5', false, 'Approved', 'read as the CSV path reads it')""")
                .update();

        RunOutcome outcome = run(tiny.definition(temp.resolve("tiny.properties")));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runQueries.rejections(outcome.runId(), 100))
                .filteredOn(r -> r.file().equals("time_entries (query)"))
                .extracting(r -> r.where() + "|" + r.column() + "|" + r.value() + "|" + r.reason())
                .containsExactly(
                        "key T-1|entry_id|T-1|duplicate record id T-1: row 1 has the same id and was kept",
                        "key T-3|hours|seven|expected hours such as 7.5 with '.' as decimal separator and no thousands separator,"
                                + " got 'seven'",
                        "key T-4|approval_status|pending|expected one of draft, submitted, approved, rejected, got 'pending'",
                        "key T-5|description|" + "x".repeat(40) + "…(2001 chars)|text is at most 2000 characters, this one has 2001",
                        "row 7|entry_id|null|a value is required, the field is empty");
        assertThat(state.source(outcome.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("rows_read", 7L).containsEntry("rows_accepted", 2L).containsEntry("rows_rejected", 5L)
                .containsEntry("origin", "query");
        assertThat(jdbc.sql("SELECT entry_id || ' ' || hours || ' ' || billable || ' ' || approval_status FROM current_time_entry"
                + " ORDER BY entry_id").query(String.class).list())
                .containsExactly("T-1 7.50 true approved", "T-6 1.50 false approved");
    }

    @Test
    void aQueryMissingARequiredColumnStopsTheRunWithAMessageNamingIt() throws Exception {
        Path definition = tiny.definition(temp.resolve("tiny.properties"),
                Map.of(SourceKind.TIME_ENTRIES, "SELECT entry_id, consultant_id, work_date FROM time_entries"));

        RunOutcome outcome = run(definition);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .isInstanceOf(InputFileException.class)
                .hasMessage("time_entries query: required column 'project_id' is missing from its result columns"
                        + " (found: consultant_id, entry_id, work_date); see docs/input-formats.md"));
    }

    @Test
    void aQueryTheDatabaseRefusesStopsTheRunAsBadInputWithTheDatabasesMessage() throws Exception {
        Path definition = tiny.definition(temp.resolve("tiny.properties"), Map.of(SourceKind.CLIENTS, "SELECT * FROM client"));

        RunOutcome outcome = run(definition);

        assertThat(outcome.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("clients query failed: ERROR: relation \"client\" does not exist"));
    }

    /** The tiny firm with {@link #ENTRIES} time entries, every 1,000th with zero hours (rejected). */
    private Path withManyTimeEntries() {
        tiny.jdbc().sql("TRUNCATE time_entries").update();
        tiny.jdbc().sql("""
                INSERT INTO time_entries (entry_id, consultant_id, project_id, task_id, work_date, hours, billable, approval_status,
                                          submitted_at, approved_by, description)
                SELECT 'T-' || lpad(i::text, 6, '0'), 'E-00' || (i % 2 + 1), 'P-ACME', 'TK-ACME-1', DATE '2026-10-01' + i % 28,
                       CASE WHEN i % 1000 = 0 THEN 0 ELSE i % 8 + 1.25 END, true, 'approved', TIMESTAMPTZ '2026-10-31T10:00:00Z',
                       'E-001', 'entry ' || i || ', work'
                FROM generate_series(1, ?) AS i""").param(ENTRIES).update();
        return tiny.definition(temp.resolve("many.properties"));
    }

    @Test
    void aLoadThatFailsMidwayAndIsRestartedEndsWithTheDataOfAnUninterruptedRun() throws Exception {
        Path definition = withManyTimeEntries();
        RunOutcome reference = run(definition);
        assertThat(reference.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<SourceKind, List<String>> uninterrupted = snapshot();
        List<String> uninterruptedRejections = state.rejections();
        state.reset();

        failAtTimeEntriesRow(7_000);
        RunOutcome failed = run(definition);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        long committed = (Long) state.source(failed.runId(), SourceKind.TIME_ENTRIES).get("rows_read");
        assertThat(committed).isBetween(1L, 7_000L - 1);
        faults.clear();

        RunOutcome restarted = run(definition);

        assertThat(restarted.resumed()).isTrue();
        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> steps = restarted.execution().getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("loadSourceFile:file:TIME_ENTRIES:")).toList();
        assertThat(steps.stream().mapToLong(StepExecution::getReadCount).sum() * RowBlock.MAX_ROWS)
                .as("only the rows not committed before the fault are read again (steps count blocks of rows)")
                .isEqualTo(ENTRIES - committed);
        assertThat(snapshot()).isEqualTo(uninterrupted);
        assertThat(state.rejections()).isEqualTo(uninterruptedRejections).hasSize(ENTRIES / 1000);
        assertThat(state.source(restarted.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("rows_read", (long) ENTRIES).containsEntry("rows_rejected", ENTRIES / 1000L);
    }

    @Test
    void aRestartIsRefusedWhenAQuerysRowsChangedSinceTheFirstAttempt() throws Exception {
        Path definition = withManyTimeEntries();
        failAtTimeEntriesRow(7_000);
        RunOutcome failed = run(definition);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();
        tiny.jdbc().sql("UPDATE clients SET payment_terms_days = 45 WHERE client_id = 'C-BETA'").update();

        RunOutcome refused = run(definition);

        assertThat(refused.runId()).isEqualTo(failed.runId());
        assertThat(refused.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("input changed since run " + failed.runId())
                .hasMessageContaining("clients (query) (content digest was ")
                .hasMessageContaining("its rows changed")
                .hasMessageContaining("billrun abandon " + failed.runId()));
        assertThat(state.count("SELECT count(*) FROM current_client")).as("nothing was merged").isZero();
    }

    @Test
    void aRestartIsRefusedWhenAQueryWasEditedSinceTheFirstAttempt() throws Exception {
        Path definition = withManyTimeEntries();
        failAtTimeEntriesRow(7_000);
        RunOutcome failed = run(definition);
        faults.clear();
        Files.writeString(definition, Files.readString(definition)
                .replace("source.query.tasks=SELECT * FROM tasks", "source.query.tasks=SELECT * FROM tasks WHERE billable"));

        RunOutcome refused = run(definition);

        assertThat(refused.runId()).isEqualTo(failed.runId());
        assertThat(refused.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e)
                .isInstanceOf(InputFileException.class).hasMessageContaining("tasks (query) (its text was edited)"));
    }

    @Test
    void rowsThatChangeWhileTheyAreReadStopTheLoadInsteadOfLoadingAMixOfTwoStates() throws Exception {
        SourceQuery query = new SourceQuery(SourceKind.TIME_ENTRIES, "SELECT * FROM time_entries", OCTOBER);
        ContentDigest registered = new ContentDigest();
        long rows;
        try (Connection connection = sourceConnections.open(tiny.url()); QueryRows read = query.open(connection, 100)) {
            for (String[] values; (values = read.next()) != null; ) {
                registered.add(values);
            }
            rows = read.rowNo();
        }
        SourcePart part = new SourcePart(1, 1, SourceKind.TIME_ENTRIES, null, 1, 0, rows);
        var asRegistered = new SourceQueryReader.QueryPart(part, tiny.url(), query, registered.state(), rows);
        assertThat(readAll(asRegistered)).as("unchanged rows read to the end").isEqualTo(rows);

        tiny.jdbc().sql("UPDATE time_entries SET description = 'edited meanwhile' WHERE entry_id = 'T-4'").update();

        assertThatThrownBy(() -> readAll(asRegistered)).isInstanceOf(InputFileException.class)
                .hasMessageContaining("time_entries query: its rows changed while billrun was reading them");
    }

    private long readAll(SourceQueryReader.QueryPart part) {
        SourceQueryReader reader = new SourceQueryReader(1, List.of(part), sourceConnections);
        reader.open(new ExecutionContext());
        try {
            long read = 0;
            for (RowBlock block; (block = reader.read()) != null; ) {
                read += block.rows().size();
            }
            return read;
        } finally {
            reader.close();
        }
    }

    private Map<SourceKind, List<String>> snapshot() {
        Map<SourceKind, List<String>> contents = new EnumMap<>(SourceKind.class);
        for (SourceKind kind : SourceKind.values()) {
            contents.put(kind, new ArrayList<>(state.contents(kind)));
        }
        return contents;
    }
}
