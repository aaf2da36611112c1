package org.billrun.posting.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.infra.Stage;
import org.billrun.posting.einvoice.EInvoiceValidator;
import org.billrun.posting.einvoice.EInvoiceValidator.Result;
import org.billrun.posting.einvoice.EInvoiceValidator.RuleSet;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.ApproveEverything;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every invoice of the sample firm, run, adjusted (a write-down, a write-off, a write-up) and approved
 * through the approval service, assembled under a final number: its UBL validates with zero errors under
 * the EN 16931 and Peppol BIS Billing 3.0 rule sets, its PDF is final (number, IBAN, no DRAFT), and the
 * same version, number and date give the same bytes. One validator for the class: its first validation
 * compiles the rules' XSLT.
 */
@BillrunIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinalInvoicesIntegrationTests {

    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 2);
    private static final String ACME = "2026-10-NWDE-K-ACME-1";
    private static final String BAUER = "2026-10-NWDE-K-BAUER-2";
    private static final String WISLA = "2026-10-NWDE-K-WISLA-1";

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    ApprovalQueries queries;

    @Autowired
    FinalInvoices finalInvoices;

    @Autowired
    JdbcClient jdbc;

    EInvoiceValidator validator;
    long runId;
    final Map<String, OutgoingInvoice> invoices = new LinkedHashMap<>();
    final Map<String, Result> results = new LinkedHashMap<>();

    @BeforeAll
    void runAdjustApproveAndAssembleTheSampleFirm() throws Exception {
        validator = new EInvoiceValidator();
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runId = outcome.runId();
        approvals.openReviews();
        approvals.adjust(ACME, firstTimeLine(ACME), InvoiceAdjustment.Kind.WRITE_DOWN, new BigDecimal("500.00"), "goodwill", null,
                Acting.as("finance"));
        approvals.adjust(BAUER, lastBillingLine(BAUER), InvoiceAdjustment.Kind.WRITE_OFF, null, "not_billable", null, Acting.as("finance"));
        approvals.adjust(WISLA, firstTimeLine(WISLA), InvoiceAdjustment.Kind.WRITE_UP, new BigDecimal("120.00"), "late_entry", null,
                Acting.as("finance"));
        assertThat(new ApproveEverything(approvals, queries, jdbc).approve(runId)).isEmpty();
        int n = 0;
        for (var row : approvedVersions()) {
            OutgoingInvoice invoice = finalInvoices.assemble(row.getValue(), "NW-2026-%06d".formatted(++n), ISSUED, "BATCH-1");
            invoices.put(row.getKey(), invoice);
            if (invoice.ublXml() != null) {
                results.put(row.getKey(), validator.validate(invoice.ublXml(), RuleSet.PEPPOL_BIS3));
            }
        }
    }

    private List<Map.Entry<String, Long>> approvedVersions() {
        return jdbc.sql("SELECT draft_id, version_id FROM invoice_version WHERE run_id = ? AND state = 'approved' ORDER BY draft_id")
                .param(runId).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
    }

    private int firstTimeLine(String draftId) {
        return jdbc.sql("SELECT min(line_no) FROM draft_line WHERE run_id = ? AND draft_id = ? AND line_type = 'time' AND net > 1000")
                .params(runId, draftId).query(Integer.class).single();
    }

    private int lastBillingLine(String draftId) {
        return jdbc.sql("SELECT max(line_no) FROM draft_line WHERE run_id = ? AND draft_id = ? AND net > 0")
                .params(runId, draftId).query(Integer.class).single();
    }

    private String xml(String draftId) {
        return new String(invoices.get(draftId).ublXml(), StandardCharsets.UTF_8);
    }

    @Test
    void everyApprovedInvoiceOfTheSampleFirmHasAFinalInvoiceAndEveryEInvoiceValidatesWithZeroErrors() {
        assertThat(invoices).hasSize(13);
        List<String> errors = new ArrayList<>();
        results.forEach((draft, result) -> result.errors().forEach(e -> errors.add(draft + ": " + e)));
        assertThat(errors).isEmpty();
        assertThat(results).hasSize(12).allSatisfy((draft, result) -> assertThat(result.valid()).isTrue());
    }

    @Test
    void onlyTheConsumerWithoutAPeppolIdGetsNoEInvoiceButStillItsPdf() {
        assertThat(invoices.entrySet().stream().filter(e -> e.getValue().ublXml() == null).map(Map.Entry::getKey))
                .containsExactly("2026-10-NWDE-K-PRIV-1");
        assertThat(invoices.values()).allSatisfy(invoice -> assertThat(invoice.pdf()).isNotEmpty());
    }

    @Test
    void theSampleCoversReverseChargeOutsideScopeExpensesAndAdjustments() {
        String acme = xml(ACME);
        assertThat(acme).contains("<cbc:ID>AE</cbc:ID>").contains("VATEX-EU-AE").contains("DE811111111").contains("FR40123456789")
                .contains("<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>").contains(">500.00<");
        assertThat(xml(BAUER)).contains("Written off").contains("<cbc:ID>S</cbc:ID>").contains("<cbc:Percent>19</cbc:Percent>")
                .contains("DE89370400440532013000").contains("COBADEFFXXX");
        assertThat(xml(WISLA)).contains("<cbc:ChargeIndicator>true</cbc:ChargeIndicator>").contains(">120.00<");
        assertThat(invoices.keySet().stream().map(this::xmlOrEmpty).filter(x -> x.contains("<cbc:ID>O</cbc:ID>") && x.contains("VATEX-EU-O")))
                .isNotEmpty();
        assertThat(invoices.keySet().stream().map(this::xmlOrEmpty).filter(x -> x.contains("unitCode=\"C62\""))).isNotEmpty();
        // the not-to-exceed cap's write-down: a document-level allowance
        assertThat(xml("2026-10-NWGB-K-KESTREL-1")).contains("<cac:AllowanceCharge>");
    }

    private String xmlOrEmpty(String draftId) {
        return invoices.get(draftId).ublXml() == null ? "" : xml(draftId);
    }

    @Test
    void theFiguresAreTheApprovedVersions() {
        OutgoingInvoice acme = invoices.get(ACME);
        var version = queries.latest(ACME).orElseThrow();
        assertThat(version.versionNo()).isEqualTo(2);
        assertThat(acme.versionNo()).isEqualTo(2);
        assertThat(acme.net()).isEqualByComparingTo(version.net());
        assertThat(acme.gross()).isEqualByComparingTo(version.gross());
        assertThat(acme.idempotencyKey()).isEqualTo("DE01/" + acme.reference() + "/2");
        assertThat(acme.dueDate()).isEqualTo(ISSUED.plusDays(30));
        assertThat(acme.lines().stream().map(OutgoingInvoice.OutgoingLine::net).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(acme.net());
    }

    @Test
    void theFinalPdfShowsTheNumberTheDatesAndTheIbanAndNoDraftMark() throws IOException {
        OutgoingInvoice bauer = invoices.get(BAUER);
        String text = text(bauer.pdf());

        assertThat(text).contains(bauer.reference()).contains("INVOICE").contains("Invoice no.").contains("2026-11-02")
                .contains("2026-11-16").contains("DE89370400440532013000").contains("COBADEFFXXX").contains("Written off");
        assertThat(text).doesNotContain("DRAFT").doesNotContain("Draft").doesNotContain(BAUER);
    }

    @Test
    void theTimeAnnexIsThereWhereTheClientAsksForIt() throws IOException {
        // Acme asks for the annex (clients.csv time_annex true), Van Dam does not
        assertThat(text(invoices.get(ACME).pdf())).contains("Annex: time entries (" + invoices.get(ACME).reference() + ")");
        assertThat(text(invoices.get("2026-10-NWDE-K-VANDAM-1").pdf())).doesNotContain("Annex");
    }

    @Test
    void theSameVersionNumberAndDateGiveByteIdenticalDocuments() throws InterruptedException {
        long version = queries.latest(ACME).orElseThrow().versionId();
        OutgoingInvoice first = finalInvoices.assemble(version, "NW-2026-000999", ISSUED, "BATCH-1");
        Thread.sleep(1100); // a second later: OpenPDF's own time stamp would differ
        OutgoingInvoice second = finalInvoices.assemble(version, "NW-2026-000999", ISSUED, "BATCH-2");

        assertThat(second.ublXml()).isEqualTo(first.ublXml());
        assertThat(second.pdf()).isEqualTo(first.pdf());
        assertThat(finalInvoices.assemble(version, "NW-2026-001000", ISSUED, "BATCH-1").ublXml()).isNotEqualTo(first.ublXml());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
