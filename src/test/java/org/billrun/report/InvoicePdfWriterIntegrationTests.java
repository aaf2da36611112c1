package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.billing.MoneyFormat;
import org.billrun.draft.DraftInvoiceQueries;
import org.billrun.infra.Stage;
import org.billrun.infra.partition.ClientPartitions;
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

/** The sample firm's draft invoice PDFs, read back with PDFBox and held to the drafts in the database. */
@BillrunIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoicePdfWriterIntegrationTests {

    private static final String ACME = "2026-10-NWDE-K-ACME-1";

    @Autowired
    RunService runService;

    @Autowired
    InvoicePdfWriter writer;

    @Autowired
    JdbcClient jdbc;

    long run;
    Path dir;
    List<Path> files;

    @BeforeAll
    void draftTheSampleFirmAndWriteItsInvoices() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        run = outcome.runId();
        dir = Files.createTempDirectory("billrun-invoices");
        files = writer.write(run, dir, Set.of(ReportFormat.PDF, ReportFormat.CSV));
    }

    @Test
    void everyDraftOfTheRunHasOnePdfNamedAfterIt() {
        List<String> drafts = jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? ORDER BY draft_id").param(run)
                .query(String.class).list();
        assertThat(drafts).hasSize(13);
        assertThat(files).containsExactlyElementsOf(drafts.stream().map(id -> dir.resolve("invoices").resolve(id + ".pdf")).toList());
    }

    @Test
    void eachPdfShowsTheNetTaxAndGrossOfItsDraftInTheDatabase() throws IOException {
        record Totals(String currency, BigDecimal net, BigDecimal tax, BigDecimal gross) {}
        Map<String, Totals> drafts = jdbc.sql("SELECT draft_id, currency, net, tax, gross FROM draft_invoice WHERE run_id = ?").param(run)
                .query((rs, i) -> Map.entry(rs.getString(1), new Totals(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (var draft : drafts.entrySet()) {
            Totals t = draft.getValue();
            String text = text(draft.getKey());
            assertThat(text).as(draft.getKey())
                    .contains("Total net " + MoneyFormat.format(t.net(), t.currency()))
                    .contains("Total tax " + MoneyFormat.format(t.tax(), t.currency()))
                    .contains("Total gross " + MoneyFormat.format(t.gross(), t.currency()));
        }
        assertThat(text(ACME)).contains("Total gross EUR 78,152.89");
    }

    @Test
    void everyPageOfEveryPdfIsMarkedDraftAndSaysWhichPageOfHowManyItIs() throws IOException {
        for (Path file : files) {
            try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
                for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                    PDFTextStripper stripper = new PDFTextStripper();
                    stripper.setStartPage(page);
                    stripper.setEndPage(page);
                    assertThat(stripper.getText(pdf)).as(file + " page " + page).contains(InvoicePdf.DRAFT_NOTICE)
                            .contains("Page " + page + " of " + pdf.getNumberOfPages());
                }
            }
        }
    }

    @Test
    void theWatermarkIsNotTextSoItNeverBreaksIntoTheInvoicesLines() throws IOException {
        String text = text(ACME);
        assertThat(text).contains("DRAFT INVOICE");
        assertThat(text.replace(InvoicePdf.DRAFT_NOTICE, "").replace("DRAFT INVOICE", "")).doesNotContain("DRAFT");
    }

    @Test
    void aReverseChargeInvoiceSaysSoAndPrintsBothVatIds() throws IOException {
        String acme = text(ACME);
        assertThat(acme).contains("Reverse charge: VAT to be accounted for by the recipient")
                .contains("Supplier VAT ID DE811111111, customer VAT ID FR40123456789");
        assertThat(text("2026-10-NWDE-K-BAUER-2")).as("domestic VAT: no reverse charge").doesNotContain("Reverse charge");
    }

    @Test
    void theInvoiceShowsSellerBillToPoServicePeriodAndDueDateButNotTheInternalRoute() throws IOException {
        String acme = text(ACME);
        assertThat(acme).contains("Northwind Consulting GmbH", "Friedrichstr. 1, 10117 Berlin, Germany", "Tax ID DE811111111",
                "Acme Industrie SARL", "1 rue de la Paix, 75002 Paris, France", "Tax ID FR40123456789", "PO-4471",
                "2026-10-01 to 2026-10-30", "Invoice date 2026-10-31", "Payment due 2026-11-30",
                "1 ERP finance process redesign: analyst 42.75 105.00 4,488.75 AE 0 %");
        assertThat(acme).as("the route and its reviewers are internal").doesNotContain("straight", "OPEN_EXCEPTION", "near-duplicate", "E-009");
    }

    @Test
    void theTimeAnnexListsEveryTimeEntryOnlyForClientsWhoAskForIt() throws IOException {
        List<String> annexed = jdbc.sql("SELECT draft_id FROM draft_invoice WHERE run_id = ? AND time_annex").param(run)
                .query(String.class).list();
        assertThat(annexed).contains(ACME).doesNotContain("2026-10-NWDE-K-ALPEN-1");
        for (Path file : files) {
            String id = file.getFileName().toString().replace(".pdf", "");
            String text = text(id);
            if (annexed.contains(id)) {
                long entries = jdbc.sql("SELECT count(*) FROM draft_line_source WHERE run_id = ? AND draft_id = ? AND record_kind = 'time_entry'")
                        .params(run, id).query(Long.class).single();
                assertThat(text).as(id).contains(InvoicePdf.ANNEX_TITLE).contains(entries + " entries, total hours");
            } else {
                assertThat(text).as(id).doesNotContain(InvoicePdf.ANNEX_TITLE);
            }
        }
    }

    @Test
    void aChineseConsultantNameComesBackFromTheAnnexBecauseTheFontIsEmbeddedWithItsUnicodeMap() throws IOException {
        // E-006 王芳 works on K-ACME-1, whose client asks for the time annex
        assertThat(text(ACME)).contains("王芳");
    }

    @Test
    void everyFontInThePdfsIsEmbeddedSoThatAnyReaderShowsTheSameText() throws IOException {
        for (Path file : files) {
            try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
                for (PDPage page : pdf.getPages()) {
                    for (COSName name : page.getResources().getFontNames()) {
                        PDFont font = page.getResources().getFont(name);
                        assertThat(font.isEmbedded()).as(file + ": " + font.getName()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void writtenInBatchesOfFourEveryDraftStillGetsItsOwnPdfWithItsOwnFigures(@Autowired DraftInvoiceQueries drafts) throws IOException {
        Path batched = Files.createTempDirectory("billrun-invoices-batched");

        List<Path> written = new InvoicePdfWriter(drafts, 4).write(run, batched, Set.of(ReportFormat.PDF));

        assertThat(written).hasSize(13)
                .containsExactlyElementsOf(files.stream().map(f -> batched.resolve(dir.relativize(f))).toList());
        for (Path file : files) {
            String draftId = file.getFileName().toString().replace(".pdf", "");
            assertThat(text(batched, draftId)).as(draftId).isEqualTo(text(draftId));
        }
    }

    @Test
    void writtenInPartitionsOfClientsEveryDraftGetsTheFileAndTheTextItGetsInOneGoAndNoTemporaryFileIsLeft(
            @Autowired DraftInvoiceQueries drafts) throws IOException {
        Path partitioned = Files.createTempDirectory("billrun-invoices-partitioned");
        List<ClientPartitions.Partition> partitions = ClientPartitions.pack(drafts.clientsOfRun(run), 1);
        assertThat(partitions).as("the sample firm's clients in several partitions").hasSizeGreaterThan(1);

        List<Path> written = new ArrayList<>();
        for (ClientPartitions.Partition partition : partitions) {
            written.addAll(new InvoicePdfWriter(drafts, 2).writeClients(run, partitioned, partition.clients()));
        }

        assertThat(written).containsExactlyInAnyOrderElementsOf(files.stream().map(f -> partitioned.resolve(dir.relativize(f))).toList());
        for (Path file : files) {
            String draftId = file.getFileName().toString().replace(".pdf", "");
            assertThat(text(partitioned, draftId)).as(draftId).isEqualTo(text(draftId));
        }
        try (Stream<Path> left = Files.list(partitioned.resolve("invoices"))) {
            assertThat(left.map(f -> f.getFileName().toString())).allMatch(name -> name.endsWith(".pdf") && !name.startsWith("."));
        }
    }

    private String text(String draftId) throws IOException {
        return text(dir, draftId);
    }

    /** The text in reading order, each run of white space (a line wrapped in a table cell) as one space. */
    private static String text(Path dir, String draftId) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("invoices").resolve(draftId + ".pdf").toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(pdf).replaceAll("\\s+", " ");
        }
    }
}
