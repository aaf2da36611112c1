package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.infra.InputFileException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
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
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BillrunIntegrationTest
class IngestJobIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @Autowired
    RunService runService;

    @Autowired
    InjectedFaults faults;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcClient jdbc;

    DatabaseState state;

    @BeforeEach
    void cleanDatabase() {
        state = new DatabaseState(jdbc);
        state.reset();
    }

    @AfterEach
    void disarmFaults() {
        faults.clear();
    }

    /** Fails the load of {@code file} on reading the block that holds line {@code line}, as a crash there would. */
    private void failAt(String file, long line) {
        faults.failOnRead("loadSourceFile", RowBlock.class, block -> block.part().kind().fileName().equals(file)
                && block.rows().get(block.rows().size() - 1).lineNo() >= line);
    }

    private RunOutcome run(Path input) throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", input, Stage.INGEST, null));
    }

    @Test
    void loadsEveryFileAndAccountsForEveryRowReadAsAcceptedOrRejected() throws Exception {
        RunOutcome outcome = run(TestFirms.TINY);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> timeEntries = state.source(outcome.runId(), SourceKind.TIME_ENTRIES);
        assertThat(timeEntries).containsEntry("rows_read", 5L).containsEntry("rows_accepted", 3L).containsEntry("rows_rejected", 2L);
        assertThat((String) timeEntries.get("sha256")).hasSize(64);
        assertThat(state.count("SELECT count(*) FROM source_file_totals WHERE present AND rows_read <> rows_accepted + rows_rejected")).isZero();
        assertThat(state.count("SELECT count(*) FROM time_entry WHERE record_status = 'current'")).isEqualTo(3);
        assertThat(state.rejections()).containsExactly(
                "EXPENSES|3|amount|1.234,50|expected an amount such as 1234.50 with '.' as decimal separator and no thousands separator, got '1.234,50' (thousands separators are not allowed)",
                "TIME_ENTRIES|3|hours|7,5|expected hours such as 7.5 with '.' as decimal separator and no thousands separator, got '7,5' (a comma used as decimal separator?)",
                "TIME_ENTRIES|8|entry_id|T-1|duplicate record id T-1: line 2 has the same id and was kept");
    }

    @Test
    void keepsQuotedNewlinesCommasUnicodeAndFormulaLookingTextIntact() throws Exception {
        run(TestFirms.TINY);

        assertThat(jdbc.sql("SELECT description FROM time_entry WHERE entry_id = 'T-3'").query(String.class).single())
                .isEqualTo("Notes across\ntwo lines");
        assertThat(jdbc.sql("SELECT description FROM time_entry WHERE entry_id = 'T-4'").query(String.class).single())
                .isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(jdbc.sql("SELECT name FROM consultant WHERE consultant_id = 'E-002'").query(String.class).single())
                .isEqualTo("王芳");
        assertThat(jdbc.sql("SELECT hours FROM time_entry WHERE entry_id = 'T-1'").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("7.5");
    }

    @Test
    void aMessyExportLosesNoRowAndExplainsEveryRejection(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        byte[] header = "expense_id,consultant_id,project_id,expense_date,category,amount,currency,merchant,description,has_receipt,receipt_ref,reimbursable,approval_status,submitted_at\r\n"
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.write(header);
        file.write("X-1,E-002,P-ACME,2026-10-05,travel,220.40,EUR,Bahn,\"Berlin, Paris\",true,,true,approved,\r\n".getBytes(StandardCharsets.UTF_8));
        file.write("X-2,E-002,P-ACME,2026-10-05,travel,10.00,EUR,Caf".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
        file.write(",,true,,true,approved,\r\n".getBytes(StandardCharsets.UTF_8));
        file.write("X-3,E-002,P-ACME,2026-10-05,travel,10.00,EUR,\"never closed,,true,,true,approved,\r\n".getBytes(StandardCharsets.UTF_8));
        file.write("X-4,E-002,P-ACME,2026-10-05,meals,12.00,EUR,Bistro,=cmd|' /C calc'!A0,true,,true,approved,\r\n".getBytes(StandardCharsets.UTF_8));
        file.write(("X-5,E-002,P-ACME,2026-10-05,meals,12.00,EUR,Bistro," + "x".repeat(100_000) + ",true,,true,approved,\r\n").getBytes(StandardCharsets.UTF_8));
        file.write("\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        file.write("X-6,E-002,P-ACME,2026-10-06,meals,-12.50,EUR,Bistro,refund,true,,true,approved,\r\n".getBytes(StandardCharsets.UTF_8));
        file.write("X-7,E-002,P-ACME,2026-10-06,meals,9.90,EUR,Bistro,last,true,,true,approved,".getBytes(StandardCharsets.UTF_8));
        Files.write(input.resolve("expenses.csv"), file.toByteArray());

        RunOutcome outcome = run(input);

        assertThat(state.source(outcome.runId(), SourceKind.EXPENSES))
                .containsEntry("rows_read", 7L).containsEntry("rows_accepted", 3L).containsEntry("rows_rejected", 4L);
        assertThat(state.rejections()).filteredOn(r -> r.startsWith("EXPENSES")).containsExactly(
                "EXPENSES|3|merchant|Caf\uFFFD(|contains bytes that are not valid UTF-8",
                "EXPENSES|4|a quoted field opened on this line is never closed (unbalanced \" quote)",
                "EXPENSES|6|description|" + "x".repeat(40) + "…(100000 chars)|text is at most 2000 characters, this one has 100000",
                "EXPENSES|9|amount|-12.50|must be greater than 0, got -12.50");
        assertThat(jdbc.sql("SELECT description FROM current_expense WHERE expense_id = 'X-4'").query(String.class).single())
                .isEqualTo("=cmd|' /C calc'!A0");
    }

    @Test
    void aNulByteRejectsOnlyItsRowWithFileLineAndColumnAndTheRestLoads(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        Files.writeString(input.resolve("time_entries.csv"), String.join("\n",
                "entry_id,consultant_id,project_id,task_id,work_date,hours,billable,approval_status,submitted_at,approved_by,description",
                "T-1,E-002,P-ACME,TK-ACME-1,2026-10-05,7.5,true,approved,,E-001,Workshop",
                "T-2,E-002,P-ACME,TK-ACME-1,2026-10-06,7.5,true,approved,,E-001,\"Work\0shop, day 2\"",
                "T-3,E-002,P-ACME,TK-ACME-1,2026-10-07,7\0.5,true,approved,,E-001,Workshop",
                "T\0-4,E-002,P-ACME,TK-ACME-1,2026-10-08,7.5,true,approved,,E-001,Workshop",
                "T-5,E-002,P-ACME,TK-ACME-1,2026-10-09,7.5,true,approved,,E-001,Workshop", ""), StandardCharsets.UTF_8);

        RunOutcome outcome = run(input);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(state.source(outcome.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("rows_read", 5L).containsEntry("rows_accepted", 2L).containsEntry("rows_rejected", 3L);
        assertThat(state.rejections()).filteredOn(r -> r.startsWith("TIME_ENTRIES")).containsExactly(
                "TIME_ENTRIES|3|description|Work\\0shop, day 2|contains a NUL character (byte 0x00) at position 5, which a text value cannot hold; remove it from the export",
                "TIME_ENTRIES|4|hours|7\\0.5|contains a NUL character (byte 0x00) at position 2, which a text value cannot hold; remove it from the export",
                "TIME_ENTRIES|5|entry_id|T\\0-4|contains a NUL character (byte 0x00) at position 2, which a text value cannot hold; remove it from the export");
        assertThat(jdbc.sql("SELECT entry_id FROM time_entry ORDER BY entry_id").query(String.class).list()).containsExactly("T-1", "T-5");
    }

    @Test
    void ingestingTheSameFilesAgainAddsNothing() throws Exception {
        RunOutcome first = run(TestFirms.TINY);
        List<String> before = state.contents(SourceKind.TIME_ENTRIES);

        RunOutcome second = run(TestFirms.TINY);

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(state.contents(SourceKind.TIME_ENTRIES)).isEqualTo(before);
        assertThat(state.count("SELECT coalesce(sum(rows_new + rows_changed + rows_withdrawn), 0) FROM source_file WHERE run_id = ?",
                second.runId())).isZero();
        assertThat(state.count("SELECT count(*) FROM source_file WHERE run_id = ? AND present AND same_as_source_file_id IS NULL",
                second.runId())).as("every file is recognised as the one already loaded, and not read").isZero();
        assertThat(state.source(second.runId(), SourceKind.TIME_ENTRIES)).containsEntry("rows_read", 0L);
    }

    @Test
    void aFileIdenticalToAnOlderButNotTheLatestVersionIsLoadedAgainAndRestoresThatVersion(@TempDir Path dir) throws Exception {
        Path original = TestFirms.copyOfTiny(dir.resolve("a"));
        Path corrected = TestFirms.copyOfTiny(dir.resolve("b"));
        Files.writeString(corrected.resolve("time_entries.csv"), Files.readString(original.resolve("time_entries.csv"))
                .replace("2026-10-05,7.5,", "2026-10-05,6.5,"), StandardCharsets.UTF_8);
        run(original);
        run(corrected);

        RunOutcome third = run(original);

        assertThat(state.source(third.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("same_as_source_file_id", null).containsEntry("rows_changed", 1L).containsEntry("rows_unchanged", 2L);
        assertThat(jdbc.sql("SELECT hours FROM current_time_entry WHERE entry_id = 'T-1'").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("7.5");
        assertThat(state.count("SELECT count(*) - count(DISTINCT record_key) FROM current_time_entry")).isZero();
    }

    @Test
    void aChangedExportSupersedesChangedRecordsAddsNewOnesAndWithdrawsMissingOnes(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        run(input);
        Files.writeString(input.resolve("time_entries.csv"), """
                entry_id,consultant_id,project_id,task_id,work_date,hours,billable,approval_status,submitted_at,approved_by,description
                T-1,E-002,P-ACME,TK-ACME-1,2026-10-05,6.5,true,approved,2026-10-06T08:00:00Z,E-001,"Workshop, day 1 (corrected)"
                T-4,E-001,P-BETA,TK-BETA-1,2026-10-08,2,true,approved,,,=HYPERLINK("http://x")
                T-9,E-001,P-BETA,TK-BETA-1,2026-10-09,3,true,submitted,,,new entry
                """, StandardCharsets.UTF_8);

        RunOutcome second = run(input);

        assertThat(state.source(second.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("rows_new", 1L).containsEntry("rows_changed", 1L)
                .containsEntry("rows_unchanged", 1L).containsEntry("rows_withdrawn", 1L);
        assertThat(jdbc.sql("SELECT entry_id || ':' || record_status || ':' || hours FROM time_entry ORDER BY entry_id, id")
                .query(String.class).list())
                .containsExactly("T-1:superseded:7.50", "T-1:current:6.50", "T-3:withdrawn:4.00", "T-4:current:2.00", "T-9:current:3.00");
    }

    @Test
    void aRunThatFailsMidwayAndIsRestartedEndsWithTheSameDataAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path input = TestFirms.tinyWithTimeEntries(dir, 23_000, 997);
        RunOutcome reference = run(input);
        assertThat(reference.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<SourceKind, List<String>> uninterrupted = snapshot();
        List<String> uninterruptedRejections = state.rejections();
        assertThat(uninterruptedRejections).as("23 in time entries, 1 in expenses").hasSize(23 + 1);
        state.reset();

        failAt("time_entries.csv", 12_345);
        RunOutcome failed = run(input);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        long committedBeforeFault = (Long) state.source(failed.runId(), SourceKind.TIME_ENTRIES).get("rows_read");
        assertThat(committedBeforeFault).isBetween(1L, 23_000L - 1);

        faults.clear();
        RunOutcome restarted = run(input);

        assertThat(restarted.resumed()).isTrue();
        assertThat(restarted.runId()).isEqualTo(failed.runId());
        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> timeEntriesSteps = restarted.execution().getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("loadSourceFile:file:TIME_ENTRIES:")).toList();
        assertThat(timeEntriesSteps.stream().mapToLong(StepExecution::getReadCount).sum() * RowBlock.MAX_ROWS)
                .as("only the rows not committed before the fault are read again (steps count blocks of rows)")
                .isCloseTo(23_000 - committedBeforeFault, org.assertj.core.data.Offset.offset((long) RowBlock.MAX_ROWS));
        assertThat(snapshot()).isEqualTo(uninterrupted);
        assertThat(state.rejections()).isEqualTo(uninterruptedRejections);
        assertThat(state.source(restarted.runId(), SourceKind.TIME_ENTRIES))
                .containsEntry("rows_read", 23_000L).containsEntry("rows_accepted", 23_000L - 23).containsEntry("rows_rejected", 23L);
    }

    @Test
    void aLoadPartitionLeftWithoutItsPartsByAKillWhileThePartitionsWereCreatedLoadsThemOnResume() throws Exception {
        run(TestFirms.TINY);
        Map<SourceKind, List<String>> uninterrupted = snapshot();
        List<String> uninterruptedRejections = state.rejections();
        state.reset();
        faults.failOnRead("loadSourceFile", RowBlock.class, block -> true);
        RunOutcome failed = run(TestFirms.TINY);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();
        // Spring Batch's splitter writes a partition's execution, then its context: a SIGKILL between the two leaves the
        // partition with an empty context, and every resume failed (the chaos sweep's kill at loadSourceFile:files:2 STARTING)
        List<StepExecution> partitions = jobRepository.getJobExecution(failed.execution().getId()).getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith("loadSourceFile:")).toList();
        assertThat(partitions).isNotEmpty();
        for (StepExecution partition : partitions) {
            partition.setExecutionContext(new org.springframework.batch.infrastructure.item.ExecutionContext());
            jobRepository.updateExecutionContext(partition);
        }

        RunOutcome restarted = run(TestFirms.TINY);

        assertThat(restarted.execution().getStatus()).as(restarted.execution().getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(snapshot()).isEqualTo(uninterrupted);
        assertThat(state.rejections()).isEqualTo(uninterruptedRejections);
    }

    @Test
    void smallFilesShareOnePartitionThatRestartsAtTheFileAndLineWhereItStopped() throws Exception {
        RunOutcome reference = run(TestFirms.TINY);
        assertThat(reference.execution().getStepExecutions()).extracting(StepExecution::getStepName)
                .as("the tiny firm's thirteen files are all small: one partition for all of them")
                .filteredOn(name -> name.startsWith("loadSourceFile:")).containsExactly("loadSourceFile:files:1");
        Map<SourceKind, List<String>> uninterrupted = snapshot();
        List<String> uninterruptedRejections = state.rejections();
        state.reset();

        // ten blocks per chunk, one block per small file: the first chunk (ten files) commits, expenses.csv is in the second
        failAt("expenses.csv", 3);
        RunOutcome failed = run(TestFirms.TINY);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(state.source(failed.runId(), SourceKind.ENTITIES)).containsEntry("rows_read", 1L);
        assertThat(state.source(failed.runId(), SourceKind.TIME_ENTRIES)).containsEntry("rows_read", 0L);
        assertThat(state.source(failed.runId(), SourceKind.EXPENSES)).containsEntry("rows_read", 0L);

        faults.clear();
        RunOutcome restarted = run(TestFirms.TINY);

        assertThat(restarted.resumed()).isTrue();
        assertThat(restarted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.execution().getStepExecutions()).filteredOn(s -> s.getStepName().equals("loadSourceFile:files:1"))
                .singleElement().satisfies(s -> assertThat(s.getReadCount()).as("only the blocks not committed before").isBetween(1L, 4L));
        assertThat(snapshot()).isEqualTo(uninterrupted);
        assertThat(state.rejections()).isEqualTo(uninterruptedRejections);
        assertThat(state.count("SELECT count(*) FROM source_file_totals WHERE present AND rows_read <> rows_accepted + rows_rejected")).isZero();
    }

    @Test
    void aRestartIsRefusedWhenAnInputFileChangedSinceTheFirstAttempt(@TempDir Path dir) throws Exception {
        Path input = TestFirms.tinyWithTimeEntries(dir, 12_000, 1_000);
        failAt("time_entries.csv", 6_000);
        RunOutcome failed = run(input);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        faults.clear();
        Files.writeString(input.resolve("clients.csv"), "\nC-NEW,New Client,DE,EUR,business,,,30,summary_by_role,false,\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        RunOutcome refused = run(input);

        assertThat(refused.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.execution().getAllFailureExceptions())
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class)
                        .hasMessageContaining("input changed since run " + failed.runId())
                        .hasMessageContaining("clients.csv"));
        assertThat(state.count("SELECT count(*) FROM current_client")).as("nothing was merged").isZero();
    }

    @Test
    void aRestartIsRefusedWhenTheOptionalFileAppearedSinceTheFirstAttempt(@TempDir Path dir) throws Exception {
        Path input = TestFirms.tinyWithTimeEntries(dir, 12_000, 1_000);
        failAt("time_entries.csv", 6_000);
        RunOutcome failed = run(input);
        faults.clear();
        Files.writeString(input.resolve("billing_history.csv"), "contract_id,consultant_id,period,hours,amount,currency\n");

        RunOutcome refused = run(input);

        assertThat(refused.runId()).isEqualTo(failed.runId());
        assertThat(refused.execution().getAllFailureExceptions())
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class)
                        .hasMessageContaining("billing_history.csv (absent on the first attempt, there now)"));
    }

    @Test
    void aMissingInputFileStopsTheRunWithAMessageNamingIt(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        Files.delete(input.resolve("tasks.csv"));

        RunOutcome outcome = run(input);

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions())
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class).hasMessageContaining("tasks.csv is missing"));
    }

    @Test
    void anInputFileThatIsAFolderOrASymbolicLinkLoopIsReportedAsSuchNotAsMissing(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir.resolve("folder"));
        Files.delete(input.resolve("tasks.csv"));
        Files.createDirectory(input.resolve("tasks.csv"));

        RunOutcome folder = run(input);

        assertThat(folder.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class)
                .hasMessage("tasks.csv in " + input + " is a folder, not a file"));

        Path looping = TestFirms.copyOfTiny(dir.resolve("loop"));
        Files.delete(looping.resolve("tasks.csv"));
        Files.createSymbolicLink(looping.resolve("tasks.csv"), looping.resolve("tasks.csv"));
        Files.createSymbolicLink(looping.resolve("billing_history.csv"), looping.resolve("gone.csv"));
        state.reset();

        RunOutcome loop = run(looping);

        assertThat(loop.execution().getAllFailureExceptions()).anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class)
                .hasMessage("tasks.csv in " + looping + " is a symbolic link that loops (it leads back to itself)"));
    }

    @Test
    void aMissingRequiredColumnStopsTheRunWithAMessageNamingIt(@TempDir Path dir) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        Files.writeString(input.resolve("clients.csv"), "client_id,name,country\nC-1,One,DE\n", StandardCharsets.UTF_8);

        RunOutcome outcome = run(input);

        assertThat(outcome.execution().getAllFailureExceptions())
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class)
                        .hasMessageContaining("clients.csv: required column 'currency' is missing"));
    }

    @Test
    void theOptionalBillingHistoryMayBeAbsent() throws Exception {
        RunOutcome outcome = run(TestFirms.TINY);

        assertThat(state.source(outcome.runId(), SourceKind.BILLING_HISTORY)).containsEntry("present", false);
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void everyInputColumnHasAColumnOfTheSameNameInItsTables() {
        for (SourceKind kind : SourceKind.values()) {
            for (String table : List.of(kind.table(), "current_" + kind.table())) {
                List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = ?")
                        .param(table).query(String.class).list();
                assertThat(columns).as(table).containsAll(kind.columns().stream().map(ColumnSpec::name).toList());
            }
        }
    }

    private Map<SourceKind, List<String>> snapshot() {
        Map<SourceKind, List<String>> contents = new java.util.EnumMap<>(SourceKind.class);
        for (SourceKind kind : SourceKind.values()) {
            contents.put(kind, new ArrayList<>(state.contents(kind)));
        }
        return contents;
    }
}
