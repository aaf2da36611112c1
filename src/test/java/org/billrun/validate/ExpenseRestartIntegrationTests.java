package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.util.List;
import org.billrun.billing.Expense;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
import org.billrun.infra.Stage;
import org.billrun.infra.partition.ClientPartitions;
import org.billrun.masterdata.PeriodRecords;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.InjectedFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expense validation streams by consultant and holds one consultant's lines: a restart that resumes
 * in the middle of a consultant must still compare that consultant's later lines with the earlier
 * ones committed before the crash, and end as an uninterrupted run.
 */
@BillrunIntegrationTest
class ExpenseRestartIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final String COPY_ID = "X-202610-9999999";

    @Autowired
    RunService runService;

    @Autowired
    InjectedFaults faults;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

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

    @Test
    void aRestartInTheMiddleOfAConsultantFindsTheDuplicateOfALineCommittedBeforeTheCrash() throws Exception {
        Path firm = temp.resolve("generated");
        new FirmGenerator().generate(new GenerationRequest(200, OCTOBER, 7, firm));
        // a consultant whose lines (by consultant, then load order) straddle a chunk boundary of its partition gets a copy of a
        // plain line before the boundary, loaded last: the copy comes after the boundary, its original before it
        run(firm);
        Line original = lineBeforeAChunkBoundaryOfItsPartition();
        String consultant = original.consultant();
        String originalId = original.expenseId();
        Path expenses = firm.resolve("expenses.csv");
        String first = Files.readAllLines(expenses, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(originalId + ",")).findFirst()
                .orElseThrow();
        Files.writeString(expenses, COPY_ID + first.substring(first.indexOf(',')) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        state.reset();

        RunOutcome uninterrupted = run(firm);
        assertThat(uninterrupted.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT rule_code FROM validation_exception WHERE record_key = ?").param(COPY_ID).query(String.class).list())
                .contains("EXPENSE_DUPLICATE");
        List<String> expectedExceptions = exceptions();
        List<String> expectedStates = recordStates(uninterrupted.runId());
        state.reset();

        faults.failOnRead("validateExpenses", Expense.class, x -> x.expenseId().equals(COPY_ID));
        RunOutcome failed = run(firm);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        // whole chunks of 500 expenses committed in each partition, the original among them: the crash cuts the consultant in two
        assertThat(count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'expense'", failed.runId()))
                .isPositive();
        assertThat(count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_key = ?", failed.runId(), originalId))
                .isOne();
        long before = count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'expense' AND consultant_id = ?",
                failed.runId(), consultant);
        faults.clear();
        RunOutcome resumed = run(firm);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'expense' AND consultant_id = ?",
                resumed.runId(), consultant)).isGreaterThan(before);
        assertThat(exceptions()).containsExactlyElementsOf(expectedExceptions);
        assertThat(recordStates(resumed.runId())).containsExactlyElementsOf(expectedStates);
    }

    private record Line(String expenseId, String consultant) {}

    /**
     * The first valid expense (by consultant, then load order) whose consultant has later lines in the next chunk of 500 of the
     * same validation partition: the ranges are those the run planned ({@link ConsultantRanges#split}).
     */
    private Line lineBeforeAChunkBoundaryOfItsPartition() {
        List<ConsultantRanges.Count> counts = jdbc.sql(PeriodRecords.EXPENSES_PER_CONSULTANT).param(OCTOBER.toString())
                .query((rs, i) -> new ConsultantRanges.Count(rs.getString(1), rs.getLong(2))).list();
        List<ConsultantRanges.Range> ranges = ConsultantRanges.split(counts, ClientPartitions.threads() * ClientPartitions.PER_THREAD);
        assertThat(ranges).as("partitions of the expenses").hasSizeGreaterThan(1);
        record Row(String expenseId, String consultant, boolean valid) {}
        List<Row> rows = jdbc.sql("""
                SELECT e.expense_id, e.consultant_id, v.state = 'valid' FROM current_expense e
                JOIN validated_record v ON v.record_kind = 'expense' AND v.record_row_id = e.id
                WHERE e.ingest_period = ? AND v.run_id = (SELECT max(run_id) FROM validated_record)
                ORDER BY e.consultant_id COLLATE "C", e.id""").param(OCTOBER.toString())
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
        for (ConsultantRanges.Range range : ranges) {
            List<Row> mine = rows.stream().filter(r -> r.consultant().compareTo(range.from()) >= 0
                    && (range.to() == null || r.consultant().compareTo(range.to()) < 0)).toList();
            for (int i = 0; i < mine.size(); i++) {
                Row row = mine.get(i);
                int nextChunk = (i / 500 + 1) * 500;
                boolean laterChunk = nextChunk < mine.size()
                        && mine.subList(nextChunk, mine.size()).stream().anyMatch(r -> r.consultant().equals(row.consultant()));
                if (row.valid() && laterChunk) {
                    return new Line(row.expenseId(), row.consultant());
                }
            }
        }
        throw new AssertionError("no consultant straddles a chunk boundary of its partition");
    }

    private RunOutcome run(Path input) throws Exception {
        return runService.run(new RunRequest(OCTOBER, "all", input, Stage.VALIDATE, null, null, null));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private List<String> exceptions() {
        return jdbc.sql("""
                SELECT concat_ws('|', rule_code, record_kind, record_key, severity, owner_role, owner_id, status, message, amount, currency)
                FROM validation_exception ORDER BY 1""").query(String.class).list();
    }

    private List<String> recordStates(long run) {
        return jdbc.sql("""
                SELECT concat_ws('|', record_kind, record_key, state, contract_id, hours, amount, currency)
                FROM validated_record WHERE run_id = ? ORDER BY 1""").param(run).query(String.class).list();
    }
}
