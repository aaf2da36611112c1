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
        // a consultant whose lines (by consultant, then load order) straddle the chunk boundary at 1,000 gets a copy of a plain
        // line before the boundary, loaded last: the copy comes after the boundary, its original before it
        run(firm);
        record Line(String expenseId, String consultant) {}
        Line original = jdbc.sql("""
                WITH o AS (SELECT id, expense_id, consultant_id, (row_number() OVER (ORDER BY consultant_id, id) - 1) / 500 AS chunk
                           FROM current_expense WHERE ingest_period = '2026-10')
                SELECT o.expense_id, o.consultant_id FROM o
                JOIN validated_record v ON v.record_kind = 'expense' AND v.record_row_id = o.id AND v.state = 'valid'
                WHERE EXISTS (SELECT 1 FROM o later WHERE later.consultant_id = o.consultant_id AND later.chunk > o.chunk)
                ORDER BY o.consultant_id, o.id LIMIT 1""").query((rs, i) -> new Line(rs.getString(1), rs.getString(2))).single();
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
        // whole chunks of 500 expenses committed, the original among them: the crash cuts the consultant in two
        assertThat(count("SELECT count(*) FROM validated_record WHERE run_id = ? AND record_kind = 'expense'", failed.runId()))
                .isPositive().matches(n -> n % 500 == 0);
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
