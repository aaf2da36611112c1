package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Stream;
import org.billrun.infra.InputFileException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.billrun.support.TestFirms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input of every input file, one defect per case, loaded as `billrun run --until ingest` loads it
 * (invariant 7: bad input is a message, not a crash). A bad row is rejected with its file, line,
 * column and a reason, the run completes (exit 0) and rows read = accepted + rejected for every file;
 * a bad file (a required column missing, a column twice, a folder, a looping link, no file) stops the
 * run with a message naming the file (exit 3: an InputFileException, as RunCommand maps it), and so
 * does a bad policy file (a value out of its range, one that is not a number, a folder in its place).
 */
@BillrunIntegrationTest
class BadInputCorpusIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    /** Stands for two bytes that are not UTF-8 (0xC3 0x28) in a case's row. */
    private static final String NOT_UTF8 = "\u0001";

    @Autowired
    RunService runService;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    DatabaseState state;

    @BeforeEach
    void cleanDatabase() {
        state = new DatabaseState(jdbc);
        state.reset();
    }

    private static final Map<String, String> GOOD = Map.ofEntries(
            Map.entry("time_entries.csv", "T-9,E-002,P-ACME,TK-ACME-1,2026-10-09,7.5,true,approved,2026-10-10T08:00:00Z,E-001,Workshop"),
            Map.entry("expenses.csv", "X-9,E-002,P-ACME,2026-10-07,travel,20.00,EUR,Bahn,Trip,true,RC-9,true,approved,"),
            Map.entry("clients.csv", "C-NEW,New Co,FR,EUR,business,FR1,Paris,30,summary_by_role,true,ap@new.example"),
            Map.entry("contracts.csv", "K-NEW-1,C-ACME,DE01,time_and_materials,EUR,2026-01-01,2026-12-31,PO-1,10,,,RC-ACME"),
            Map.entry("rate_cards.csv", "R-9,STD,firm,,partner,EUR,300.00,2026-01-01,"),
            Map.entry("fx_rates.csv", "EUR,USD,2026-10-01,1.08"),
            Map.entry("milestones.csv", "M-9,K-ACME-1,Go-live,1000.00,EUR,2026-10-15,accepted,2026-10-16,ACC-1,true"),
            Map.entry("consultants.csv", "E-009,Nine,nine@tiny.example,consultant,DE01,E-001,active,8"),
            Map.entry("projects.csv", "P-NEW,K-ACME-1,C-ACME,New project,open,E-001,true"),
            Map.entry("tasks.csv", "TK-NEW-1,P-ACME,Reviews,open,true"),
            Map.entry("entities.csv", "FR01,Tiny SARL,FR,EUR,FR1,Paris,TFR"),
            Map.entry("expense_policies.csv", "meals,EUR,60.00,25.00,true"),
            Map.entry("tax_rules.csv", "TX-FR-S,FR,FR,*,*,*,S,20,line,,2020-01-01,"));

    /** A row of {@code file} with column {@code index} (0-based) replaced by {@code value}. */
    private static Arguments row(String file, int index, String value, String column, String reason) {
        String[] fields = GOOD.get(file).split(",", -1);
        fields[index] = value;
        return Arguments.of(file, String.join(",", fields), column, reason);
    }

    private static Arguments line(String file, String line, String column, String reason) {
        return Arguments.of(file, line, column, reason);
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                row("time_entries.csv", 5, "\"7,5\"", "hours", "a comma used as decimal separator?"),
                row("time_entries.csv", 5, "abc", "hours", "expected hours"),
                row("time_entries.csv", 5, "-1", "hours", "greater than 0"),
                row("time_entries.csv", 5, "25", "hours", "at most 24"),
                row("time_entries.csv", 5, "7.125", "hours", "at most 2 decimals"),
                row("time_entries.csv", 4, "2026-10-05T10:00:00", "work_date", "expected a date as yyyy-MM-dd and nothing after it"),
                row("time_entries.csv", 4, "05.10.2026", "work_date", "expected a date as yyyy-MM-dd"),
                row("time_entries.csv", 4, "2026-02-30", "work_date", "is not a calendar date"),
                row("time_entries.csv", 6, "maybe", "billable", "expected true or false"),
                row("time_entries.csv", 7, "pending?", "approval_status", "expected one of"),
                row("time_entries.csv", 0, "T 9", "entry_id", "expected an id"),
                row("time_entries.csv", 0, "", "entry_id", "a value is required"),
                row("time_entries.csv", 10, "Work\0shop", "description", "contains a NUL character (byte 0x00)"),
                row("time_entries.csv", 10, "Caf" + NOT_UTF8, "description", "not valid UTF-8"),
                row("time_entries.csv", 8, "yesterday", "submitted_at", "expected a timestamp"),
                row("time_entries.csv", 10, "x".repeat(2001), "description", "text is at most 2000 characters"),
                row("time_entries.csv", 0, "T-1", "entry_id", "duplicate record id T-1"),
                line("time_entries.csv", "T-9,E-002,P-ACME", null, "expected 11 fields as in the header, found 3"),
                line("time_entries.csv", "T-9,E-002,P-ACME,TK-ACME-1,2026-10-09,7.5,true,approved,,E-001,\"never closed", null,
                        "never closed (unbalanced \" quote)"),
                row("expenses.csv", 5, "\"1.234,50\"", "amount", "thousands separators are not allowed"),
                row("expenses.csv", 5, "0", "amount", "greater than 0"),
                row("expenses.csv", 5, "12.34567", "amount", "decimals"),
                row("expenses.csv", 6, "EURO", "currency", "EURO"),
                row("expenses.csv", 9, "perhaps", "has_receipt", "expected true or false"),
                row("expenses.csv", 3, "2026-10-07 09:00", "expense_date", "nothing after it"),
                row("expenses.csv", 7, "Ba\0hn", "merchant", "NUL character"),
                row("expenses.csv", 4, "", "category", "a value is required"),
                row("clients.csv", 2, "France", "country", "France"),
                row("clients.csv", 7, "thirty", "payment_terms_days", "expected a whole number"),
                row("clients.csv", 4, "alien", "customer_type", "expected one of"),
                row("contracts.csv", 5, "2026-01-01T00:00", "start_date", "nothing after it"),
                row("contracts.csv", 3, "barter", "billing_model", "expected one of"),
                row("contracts.csv", 8, "2000", "expense_markup_pct", "at most 1000"),
                row("rate_cards.csv", 6, "\"300,00\"", "hourly_rate", "decimal separator"),
                row("rate_cards.csv", 7, "01/01/2026", "valid_from", "expected a date as yyyy-MM-dd"),
                row("fx_rates.csv", 2, "2026-10-01T00:00:00Z", "rate_date", "nothing after it"),
                row("fx_rates.csv", 3, "one", "rate", "one"),
                row("tax_rules.csv", 7, "19%", "rate_pct", "19%"),
                row("milestones.csv", 5, "2026-10-15T12:00", "due_date", "nothing after it"),
                row("milestones.csv", 6, "done", "status", "expected one of"),
                row("consultants.csv", 7, "eight", "standard_hours_per_day", "eight"),
                row("entities.csv", 3, "XX1", "currency", "XX1"),
                row("projects.csv", 4, "archived", "status", "expected one of"),
                row("tasks.csv", 4, "2", "billable", "expected true or false"),
                row("expense_policies.csv", 2, "-5", "limit_amount", "-5"),
                row("time_entries.csv", 1, "E 2", "consultant_id", "expected an id"),
                row("time_entries.csv", 2, "", "project_id", "a value is required"),
                row("expenses.csv", 11, "y?", "reimbursable", "expected true or false"),
                row("expenses.csv", 13, "2026-13-01T00:00:00Z", "submitted_at", "is not a calendar date"),
                row("milestones.csv", 3, "-1", "amount", "-1"),
                row("rate_cards.csv", 2, "galaxy", "level", "expected one of"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("badRows")
    void aBadRowIsRejectedWithFileLineColumnAndReasonAndEveryRowIsAccountedFor(String file, String badLine, String column,
            String reason) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        append(input.resolve(file), badLine);
        long lines = Files.readAllLines(input.resolve(file), StandardCharsets.ISO_8859_1).size();

        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.INGEST, null));

        assertThat(outcome.execution().getStatus()).as("exit 0: the run completes").isEqualTo(BatchStatus.COMPLETED);
        assertThat(state.count("SELECT count(*) FROM source_file_totals WHERE present AND rows_read <> rows_accepted + rows_rejected"))
                .as("rows read = accepted + rejected, every file").isZero();
        String kind = SourceKind.fromFileName(file).name();
        assertThat(state.rejections()).as("the rejection of the appended row, line " + lines)
                .anySatisfy(r -> assertThat(r).startsWith(kind + "|" + lines + "|" + (column == null ? "" : column + "|")).contains(reason));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("time_entries.csv", "header", "entry_id,consultant_id,project_id,task_id,work_date,billable,approval_status",
                        "time_entries.csv: required column 'hours' is missing from the header"),
                Arguments.of("expenses.csv", "header", "expense_id,amount,amount", "expenses.csv: column 'amount' appears twice in the header"),
                Arguments.of("tasks.csv", "folder", null, "tasks.csv in %s is a folder, not a file"),
                Arguments.of("consultants.csv", "loop", null, "consultants.csv in %s is a symbolic link that loops"),
                Arguments.of("clients.csv", "absent", null, "clients.csv is missing from %s"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badFiles")
    void aBadFileStopsTheRunWithAMessageNamingIt(String file, String defect, String content, String message) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        Path path = input.resolve(file);
        Files.delete(path);
        switch (defect) {
            case "header" -> Files.writeString(path, content + "\n");
            case "folder" -> Files.createDirectory(path);
            case "loop" -> Files.createSymbolicLink(path, path);
            default -> { }
        }

        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.INGEST, null));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).as("exit 3: an input error")
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class).hasMessageContaining(String.format(message, input)));
    }

    static Stream<Arguments> badPolicies() {
        return Stream.of(
                Arguments.of("time.max-hours-per-day=-5\n", "time.max-hours-per-day = -5 is out of range: it must be more than 0, at most 24"),
                Arguments.of("history.months=6\nhistory.min-months=9\n", "history.min-months = 9 is out of range"),
                Arguments.of("fx.lookback-days=seven\n", "fx.lookback-days = 'seven' is not a whole number"),
                Arguments.of(null, "policy.properties is a folder, not a file"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badPolicies")
    void aBadPolicyStopsTheRunBeforeValidationNamingTheKey(String content, String message) throws Exception {
        Path input = TestFirms.copyOfTiny(dir);
        if (content == null) {
            Files.createDirectory(input.resolve("policy.properties"));
        } else {
            Files.writeString(input.resolve("policy.properties"), content);
        }

        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.VALIDATE, null));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(outcome.execution().getAllFailureExceptions()).as("exit 3: an input error")
                .anySatisfy(e -> assertThat(e).isInstanceOf(InputFileException.class).hasMessageContaining(message));
    }

    private static void append(Path file, String line) throws Exception {
        byte[] existing = Files.readAllBytes(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(existing);
        if (existing.length > 0 && existing[existing.length - 1] != '\n') {
            out.write('\n');
        }
        String[] parts = line.split(NOT_UTF8, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
            }
            out.write(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        out.write('\n');
        Files.write(file, out.toByteArray());
    }
}
