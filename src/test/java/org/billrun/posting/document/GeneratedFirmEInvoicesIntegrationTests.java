package org.billrun.posting.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalService;
import org.billrun.generate.FirmGenerator;
import org.billrun.generate.GenerationRequest;
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
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generated firm (seed 42, 120 consultants, October 2026) run and approved through the approval service:
 * every final invoice assembled, and every e-invoice valid under Peppol BIS Billing 3.0 with zero errors. A draft
 * above every approval limit of the generated directory stays in review, as it should.
 */
@BillrunIntegrationTest
class GeneratedFirmEInvoicesIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

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

    @Test
    void everyApprovedInvoiceOfAGeneratedFirmHasAValidEInvoice() throws Exception {
        Path firm = Files.createTempDirectory("billrun-generated-seed-42");
        new FirmGenerator().generate(new GenerationRequest(120, OCTOBER, 42, firm));
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", firm, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> stuck = new ApproveEverything(approvals, queries, jdbc).approve(outcome.runId());
        List<Long> versions = jdbc.sql("SELECT version_id FROM invoice_version WHERE run_id = ? AND state = 'approved' ORDER BY draft_id")
                .param(outcome.runId()).query(Long.class).list();

        EInvoiceValidator validator = new EInvoiceValidator();
        Map<String, List<String>> errors = new TreeMap<>();
        int withUbl = 0;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            long started = System.nanoTime();
            OutgoingInvoice invoice = finalInvoices.assemble(versions.get(i), "GEN-2026-%06d".formatted(i + 1), LocalDate.of(2026, 11, 2), "B-1");
            millis.add((System.nanoTime() - started) / 1_000_000);
            assertThat(invoice.pdf()).isNotEmpty();
            if (invoice.ublXml() != null) {
                withUbl++;
                Result result = validator.validate(invoice.ublXml(), RuleSet.PEPPOL_BIS3);
                result.errors().forEach(e -> errors.computeIfAbsent(e.ruleId(), k -> new ArrayList<>()).add(invoice.draftId() + ": " + e.message()));
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("generated firm seed 42: %d drafts not approved, %d approved, %d e-invoices; assembly (UBL + PDF) ms: first %d, median %d,"
                + " max %d%n", stuck.size(), versions.size(), withUbl, millis.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));

        assertThat(errors).isEmpty();
        // the generated directory's limits hold back what nobody may approve; nothing else stays in review
        assertThat(stuck).allSatisfy(refusal -> assertThat(refusal).contains("above the approval limit"));
        assertThat(versions).hasSizeGreaterThan(15);
        assertThat(withUbl).as("consumers have no Peppol id").isGreaterThan(versions.size() / 2);
    }
}
