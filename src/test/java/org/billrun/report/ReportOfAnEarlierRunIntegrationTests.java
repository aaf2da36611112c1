package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.draft.DraftQueries;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reports of an earlier run show the master data that run drafted with. Run 1 drafts the sample firm;
 * run 2 of the same period loads a clients.csv that renames Acme and a consultants.csv that renames
 * the consultant in Acme's time annex and a project manager who owns exceptions. Writing run 1's
 * reports afterwards must still show the old names (an auditor re-reading October must see what
 * October's invoices said), and run 2's the new ones.
 */
@BillrunIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportOfAnEarlierRunIntegrationTests {

    private static final String ACME = "2026-10-NWDE-K-ACME-1";

    @Autowired
    RunService runService;

    @Autowired
    ReportService reports;

    @Autowired
    DraftQueries drafts;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    static Path work;

    long first;
    long second;

    @BeforeAll
    void draftTheSampleFirmThenRenameAClientAndTwoConsultantsInASecondRun() throws Exception {
        new DatabaseState(jdbc).reset();
        first = draft(Path.of("sample-data/northwind"));

        Path renamed = copy(Path.of("sample-data/northwind"), work.resolve("renamed"));
        replace(renamed.resolve("clients.csv"), "C-ACME,Acme Industrie SARL,", "C-ACME,Acme Renamed SA,");
        replace(renamed.resolve("consultants.csv"), "E-006,王芳,", "E-006,Wang Fang-Müller,");
        replace(renamed.resolve("consultants.csv"), "E-103,Siobhán O'Sullivan,", "E-103,Siobhán Byrne,");
        second = draft(renamed);
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void anEarlierRunsInvoicePdfShowsTheClientAndConsultantNamesItWasDraftedWith() throws IOException {
        reports.write(first, work.resolve("first"), EnumSet.of(ReportFormat.PDF));
        String invoice = pdfText(work.resolve("first").resolve("invoices").resolve(ACME + ".pdf"));
        assertThat(invoice).contains("Acme Industrie SARL").contains("王芳").doesNotContain("Acme Renamed SA").doesNotContain("Wang Fang");

        reports.write(second, work.resolve("second"), EnumSet.of(ReportFormat.PDF));
        String later = pdfText(work.resolve("second").resolve("invoices").resolve(ACME + ".pdf"));
        assertThat(later).contains("Acme Renamed SA").contains("Wang Fang-Müller").doesNotContain("Acme Industrie SARL");
    }

    @Test
    void anEarlierRunsExceptionReportNamesTheOwnerAsTheRunKnewThem() throws IOException {
        reports.write(first, work.resolve("owners-first"), EnumSet.of(ReportFormat.PDF));
        reports.write(second, work.resolve("owners-second"), EnumSet.of(ReportFormat.PDF));
        assertThat(pdfText(work.resolve("owners-first").resolve("exceptions").resolve("E-103.pdf")))
                .contains("Siobhán O'Sullivan").doesNotContain("Siobhán Byrne");
        assertThat(pdfText(work.resolve("owners-second").resolve("exceptions").resolve("E-103.pdf"))).contains("Siobhán Byrne");
    }

    @Test
    void anEarlierRunsRunReportListsItsInvoicesUnderTheClientNameOfThatRun() throws IOException {
        reports.write(first, work.resolve("json-first"), EnumSet.of(ReportFormat.JSON));
        String json = Files.readString(work.resolve("json-first").resolve("run-report.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("Acme Industrie SARL").doesNotContain("Acme Renamed SA");
    }

    @Test
    void reviewShowOfAnEarlierRunsDraftShowsTheBillToOfThatRun() {
        DraftQueries.Detail earlier = drafts.find(first, ACME, false).orElseThrow();
        DraftQueries.Detail later = drafts.find(second, ACME, false).orElseThrow();
        assertThat(earlier.status()).isEqualTo("superseded");
        assertThat(earlier.client().name()).isEqualTo("Acme Industrie SARL");
        assertThat(later.client().name()).isEqualTo("Acme Renamed SA");
    }

    private long draft(Path input) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", input, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as(file + " contains " + from).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static String pdfText(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
