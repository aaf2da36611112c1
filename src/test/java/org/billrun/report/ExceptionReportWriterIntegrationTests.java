package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.billing.RuleCode;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sample firm's exception reports per owner, read back and held to the exception queue. */
@BillrunIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExceptionReportWriterIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ExceptionReportWriter writer;

    @Autowired
    JdbcClient jdbc;

    long run;
    Path dir;
    List<Path> files;
    /** owner (owner id, else role) -> the run's exceptions it owns (all raised by this first run of the database) */
    Map<String, Long> owners;

    @BeforeAll
    void validateTheSampleFirmAndWriteItsExceptionReports() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        run = outcome.runId();
        dir = Files.createTempDirectory("billrun-exceptions");
        files = writer.write(run, dir, Set.of(ReportFormat.CSV, ReportFormat.PDF));
        owners = jdbc.sql("SELECT coalesce(owner_id, owner_role), count(*) FROM validation_exception WHERE last_seen_run_id = ? GROUP BY 1")
                .param(run).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void eachOwnerGetsACsvAndAPdfAndAllExceptionsAreInAllCsv() throws IOException {
        assertThat(owners).hasSize(12).containsEntry("finance@northwind.example", 14L).containsEntry("E-103", 5L);
        List<String> expected = new java.util.ArrayList<>(List.of("all.csv"));
        for (String owner : owners.keySet()) {
            expected.add(FileNames.safe(owner) + ".csv");
            expected.add(FileNames.safe(owner) + ".pdf");
        }
        try (Stream<Path> written = Files.list(dir.resolve("exceptions"))) {
            assertThat(written.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(files).hasSize(expected.size());
        assertThat(dir.resolve("exceptions/finance_northwind.example.csv")).as("an e-mail owner's file name is made safe").exists();
        assertThat(rows(dir.resolve("exceptions/all.csv"))).hasSize(37);
    }

    @Test
    void eachOwnersCsvHoldsExactlyTheExceptionsTheDatabaseGivesThem() throws IOException {
        for (var owner : owners.entrySet()) {
            List<String[]> rows = rows(dir.resolve("exceptions").resolve(FileNames.safe(owner.getKey()) + ".csv"));
            assertThat(rows).as(owner.getKey()).hasSize(owner.getValue().intValue());
            List<Long> ids = jdbc.sql("SELECT exception_id FROM validation_exception WHERE raised_by_run_id = ? AND coalesce(owner_id, owner_role) = ?")
                    .params(run, owner.getKey()).query(Long.class).list();
            assertThat(rows.stream().map(r -> Long.parseLong(r[0]))).as(owner.getKey()).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void theCsvSaysWhatTheRuleMeansAndWhatToDo() throws IOException {
        String[] row = rows(dir.resolve("exceptions/E-010.csv")).get(0);
        Map<String, String> cells = cells(row);
        assertThat(cells).containsEntry("rule", "TIME_UNKNOWN_PROJECT").containsEntry("record_key", "T-000411")
                .containsEntry("rule_description", RuleCode.TIME_UNKNOWN_PROJECT.description())
                .containsEntry("what_to_do", RuleCode.TIME_UNKNOWN_PROJECT.action());
    }

    @Test
    void formulaTextIsNeutralisedWhileNegativeAmountsStayNumbers() throws IOException {
        jdbc.sql("""
                INSERT INTO validation_exception (period, scope, rule_code, severity, owner_role, owner_id, record_kind, record_row_id,
                                                  record_key, source_file, line_no, message, amount, currency, raised_by_run_id, last_seen_run_id)
                VALUES ('2026-10', 'all', 'EXPENSE_DUPLICATE', 'block', 'consultant', 'E-999', 'expense', -1, '@EX-1', 'expenses.csv', 9,
                        '=HYPERLINK("https://evil.example","click")', -12.50, 'EUR', ?, ?)""")
                .params(run, run).update();
        try {
            Path other = Files.createTempDirectory("billrun-exceptions-safe");
            writer.write(run, other, Set.of(ReportFormat.CSV));
            for (String file : List.of("E-999.csv", "all.csv")) {
                Map<String, String> cells = rows(other.resolve("exceptions").resolve(file)).stream().map(this::cells)
                        .filter(c -> c.get("owner").equals("E-999")).findFirst().orElseThrow();
                assertThat(cells.get("message")).isEqualTo("'=HYPERLINK(\"https://evil.example\",\"click\")");
                assertThat(cells.get("record_key")).isEqualTo("'@EX-1");
                assertThat(cells.get("amount")).isEqualTo("-12.50");
                assertThat(new BigDecimal(cells.get("amount"))).isEqualByComparingTo("-12.50");
            }
        } finally {
            jdbc.sql("DELETE FROM validation_exception WHERE owner_id = 'E-999'").update();
        }
    }

    @Test
    void eachOwnersPdfShowsEveryExceptionsRuleAndRecord() throws IOException {
        record Exception(String owner, String rule, String recordKey) {}
        List<Exception> exceptions = jdbc.sql("""
                SELECT coalesce(owner_id, owner_role), rule_code, record_key FROM validation_exception WHERE raised_by_run_id = ?""")
                .param(run).query((rs, i) -> new Exception(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        for (Exception x : exceptions) {
            String text = pdfText(dir.resolve("exceptions").resolve(FileNames.safe(x.owner()) + ".pdf"));
            assertThat(text).as(x.toString()).contains(x.rule()).contains(x.recordKey()).contains("Exceptions for " + x.owner());
        }
        assertThat(pdfText(dir.resolve("exceptions/E-103.pdf"))).contains("5 exceptions");
    }

    @Test
    void aLaterRunOfThePeriodThatFindsTheExceptionsAgainLeavesTheEarlierRunsReportWhole() throws Exception {
        RunOutcome later = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.VALIDATE,
                null, null, null));
        assertThat(later.runId()).isGreaterThan(run);
        assertThat(jdbc.sql("SELECT count(*) FROM validation_exception WHERE last_seen_run_id = ?").param(run).query(Long.class).single())
                .as("the later run confirmed them all").isZero();

        for (long r : List.of(run, later.runId())) {
            Path again = Files.createTempDirectory("billrun-exceptions-again");
            writer.write(r, again, Set.of(ReportFormat.CSV));
            assertThat(rows(again.resolve("exceptions/all.csv"))).as("run " + r).hasSize(37);
        }
    }

    private Map<String, String> cells(String[] row) {
        return java.util.stream.IntStream.range(0, row.length).boxed()
                .collect(Collectors.toMap(i -> ExceptionReportWriter.HEADER[i], i -> row[i]));
    }

    /** The data rows; the header must be the documented one (after Excel's UTF-8 byte order mark). */
    private static List<String[]> rows(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            assertThat(in.read()).isEqualTo('\uFEFF');
            List<String[]> all = new CSVReader(in).readAll();
            assertThat(all.get(0)).containsExactly(ExceptionReportWriter.HEADER);
            return all.subList(1, all.size());
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new IOException(e);
        }
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
