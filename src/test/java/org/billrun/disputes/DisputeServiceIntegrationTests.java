package org.billrun.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.assist.risk.RiskScore;
import org.billrun.audit.AuditLog;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeRefusedException;
import org.billrun.disputes.port.DisputeState;
import org.billrun.disputes.port.OpenDispute;
import org.billrun.infra.Stage;
import org.billrun.report.ReportFormat;
import org.billrun.report.ReportService;
import org.billrun.report.RunReport;
import org.billrun.report.RunReportQueries;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Disputes on the embedded database: the sample firm's October run drafted and its straight-through drafts
 * approved (which gives them their final numbers), then disputes opened, classified and resolved against
 * those invoices, with their audit entries and their events in the outbox.
 */
@BillrunIntegrationTest
class DisputeServiceIntegrationTests {

    private static boolean ready;
    private static String invoice;
    private static int lineCount;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    DisputeService disputes;

    @Autowired
    AuditLog audit;

    @Autowired
    CreditService credits;

    @Autowired
    DisputeFigures figures;

    @Autowired
    DisputeRisk risk;

    @Autowired
    RunReportQueries reportQueries;

    @Autowired
    ReportService reports;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void sampleFirmApprovedOnce() throws Exception {
        if (!ready || jdbc.sql("SELECT count(*) FROM posting WHERE final_number = ?").param(invoice).query(Long.class).single() == 0) {
            new DatabaseState(jdbc).reset();
            assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                    null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            approvals.approveStraightThrough(null, Acting.as("finance"));
            Map<String, Object> first = jdbc.sql("""
                    SELECT p.final_number, (SELECT count(*) FROM draft_line l WHERE l.run_id = p.run_id AND l.draft_id = p.draft_id) AS lines
                    FROM posting p ORDER BY p.final_number LIMIT 1""").query().singleRow();
            invoice = (String) first.get("final_number");
            lineCount = ((Number) first.get("lines")).intValue();
            ready = true;
        }
        jdbc.sql("DELETE FROM dispute").update();
    }

    @Test
    void openingADisputeStoresTheSuggestedReasonWithItsDecidingWordsAuditsItAndAddsADisputedEvent() {
        long eventsBefore = events("disputed");

        Dispute d = disputes.open(OpenDispute.fromCli(invoice, "The hourly rate billed for the senior consultant is EUR 240, the contract says 205.",
                List.of(1)));

        assertThat(d.finalNumber()).isEqualTo(invoice);
        assertThat(d.lines()).containsExactly(1);
        assertThat(d.state()).isEqualTo(DisputeState.OPEN);
        assertThat(d.suggestedReason()).isEqualTo(DisputeReason.RATE);
        assertThat(d.suggestedConfidence()).isBetween(0.5, 1.0);
        assertThat(d.suggestion()).startsWith("rate (confidence").contains("decided by 'rate'");
        assertThat(d.reason()).as("no person has confirmed it yet").isNull();
        assertThat(d.openedBy()).isEqualTo("billrun");
        assertThat(d.clientId()).isNotBlank();
        assertThat(events("disputed")).isEqualTo(eventsBefore + 1);
        Map<String, Object> event = jdbc.sql("""
                SELECT payload->'data'->>'dispute_id' AS id, payload->'data'->>'suggested_reason' AS suggested, payload->'data'->>'lines' AS lines,
                       final_number, draft_id FROM event_outbox WHERE type = 'disputed' ORDER BY event_no DESC LIMIT 1""").query().singleRow();
        assertThat(event).containsEntry("id", Long.toString(d.disputeId())).containsEntry("suggested", "rate").containsEntry("lines", "[1]")
                .containsEntry("final_number", invoice).containsEntry("draft_id", d.draftId());
        assertThat(auditDetails("dispute_opened", d.disputeId())).singleElement().asString()
                .contains(invoice, "line 1", "from cli", "suggested rate (confidence");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theSameNoticeImportedTwiceOpensOneDispute() {
        OpenDispute notice = new OpenDispute(invoice, "We were charged twice for the same hotel night.", List.of(), "crm", "CASE-4711", "crm-import");

        Dispute first = disputes.open(notice);
        Dispute again = disputes.open(notice);

        assertThat(again.disputeId()).isEqualTo(first.disputeId());
        assertThat(first.openedBy()).isEqualTo("crm-import");
        assertThat(first.linesText()).isEqualTo("whole invoice");
        assertThat(first.suggestedReason()).isEqualTo(DisputeReason.DUPLICATE);
        assertThat(jdbc.sql("SELECT count(*) FROM dispute").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownInvoiceALineTheInvoiceDoesNotHaveOrAnEmptyReasonIsRefusedAndOpensNothing() {
        assertThatThrownBy(() -> disputes.open(OpenDispute.fromCli("NOPE-2026-99999", "Rate is wrong.", List.of())))
                .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("no invoice with the final number 'NOPE-2026-99999'");
        assertThatThrownBy(() -> disputes.open(OpenDispute.fromCli(invoice, "Rate is wrong.", List.of(lineCount + 1))))
                .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("has no line " + (lineCount + 1));
        assertThatThrownBy(() -> disputes.open(OpenDispute.fromCli(invoice, "  ", List.of())))
                .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("--reason-text");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute").query(Long.class).single()).isZero();
    }

    @Test
    void aPersonConfirmsOrChangesTheSuggestedReasonAndTheAuditLogRecordsBoth() {
        Dispute d = disputes.open(OpenDispute.fromCli(invoice, "VAT should not be charged: reverse charge applies.", List.of()));
        assertThat(d.suggestedReason()).isEqualTo(DisputeReason.TAX);

        Dispute confirmed = disputes.classify(d.disputeId(), DisputeReason.TAX, "finance");
        Dispute changed = disputes.classify(d.disputeId(), DisputeReason.OTHER, "controller");

        assertThat(confirmed.reason()).isEqualTo(DisputeReason.TAX);
        assertThat(changed.reason()).isEqualTo(DisputeReason.OTHER);
        assertThat(changed.classifiedBy()).isEqualTo("controller");
        assertThat(changed.effectiveReason()).isEqualTo(DisputeReason.OTHER);
        assertThat(auditDetails("dispute_classified", d.disputeId())).satisfiesExactly(
                first -> assertThat(first).contains("confirmed the suggestion tax", "suggested tax (confidence"),
                second -> assertThat(second).contains("changed the suggestion tax to other", "(was tax by finance)"));
    }

    @Test
    void aRejectedDisputeIsClosedWithItsCommentAuditedAndEventedAndCannotBeResolvedAgain() {
        Dispute d = disputes.open(OpenDispute.fromCli(invoice, "Hamish cannot have worked 11 hours every day.", List.of(1)));
        long resolvedBefore = events("dispute_resolved");

        Dispute rejected = disputes.resolve(d.disputeId(), DisputeService.Resolution.REJECT, "Timesheets signed by the client's PM.", "finance");

        assertThat(rejected.state()).isEqualTo(DisputeState.REJECTED);
        assertThat(rejected.resolvedBy()).isEqualTo("finance");
        assertThat(rejected.resolvedAt()).isNotNull();
        assertThat(rejected.resolutionComment()).isEqualTo("Timesheets signed by the client's PM.");
        assertThat(events("dispute_resolved")).isEqualTo(resolvedBefore + 1);
        assertThat(jdbc.sql("SELECT payload->'data'->>'state' FROM event_outbox WHERE type = 'dispute_resolved' ORDER BY event_no DESC LIMIT 1")
                .query(String.class).single()).isEqualTo("rejected");
        assertThat(auditDetails("dispute_resolved", d.disputeId())).singleElement().asString()
                .contains("rejected", "reason hours", "Timesheets signed");
        assertThat(disputes.list(DisputeState.OPEN)).isEmpty();
        assertThat(disputes.list(DisputeState.REJECTED)).extracting(Dispute::disputeId).containsExactly(d.disputeId());

        assertThatThrownBy(() -> disputes.resolve(d.disputeId(), DisputeService.Resolution.REJECT, "again", "finance"))
                .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("already rejected");
        assertThatThrownBy(() -> disputes.resolve(d.disputeId(), DisputeService.Resolution.REJECT, " ", "finance"))
                .isInstanceOf(DisputeRefusedException.class).hasMessageContaining("--comment");
        assertThat(events("dispute_resolved")).isEqualTo(resolvedBefore + 1);

        String currency = jdbc.sql("SELECT currency FROM posting WHERE final_number = ?").param(invoice).query(String.class).single();
        long numbered = jdbc.sql("SELECT count(*) FROM posting WHERE currency = ? AND credit_id IS NULL").param(currency).query(Long.class).single();
        assertThat(figures.kpis("2026-10")).filteredOn(k -> k.currency().equals(currency)).singleElement().satisfies(k -> {
            assertThat(k.invoices()).isEqualTo((int) numbered);
            assertThat(k.disputedInvoices()).isEqualTo(1);
            assertThat(k.open()).isZero();
            assertThat(k.resolved()).isEqualTo(1);
            assertThat(k.medianDaysToResolve()).isNotNull();
        });
    }

    @Test
    void theRunReportCountsTheDisputesOfTheRunsInvoicesAndScoresEveryLiveDraftsRiskInEachFormat() throws Exception {
        Dispute resolved = disputes.open(OpenDispute.fromCli(invoice, "Hamish cannot have worked 11 hours every day.", List.of(1)));
        disputes.resolve(resolved.disputeId(), DisputeService.Resolution.REJECT, "Timesheets signed by the client's PM.", "finance");
        disputes.open(OpenDispute.fromCli(invoice, "And the rate is wrong too.", List.of()));
        long run = jdbc.sql("SELECT run_id FROM posting WHERE final_number = ?").param(invoice).query(Long.class).single();
        String currency = jdbc.sql("SELECT currency FROM posting WHERE final_number = ?").param(invoice).query(String.class).single();
        long numbered = jdbc.sql("SELECT count(*) FROM posting WHERE run_id = ? AND currency = ? AND credit_id IS NULL").params(run, currency)
                .query(Long.class).single();

        RunReport report = reportQueries.build(run);

        assertThat(report.kpis()).filteredOn(k -> k.code().equals("dispute_frequency") && currency.equals(k.currency())).singleElement()
                .satisfies(k -> {
                    assertThat(k.numerator()).as("one invoice disputed twice counts once").isEqualTo("1");
                    assertThat(k.denominator()).isEqualTo(Long.toString(numbered));
                    assertThat(new BigDecimal(k.value())).isEqualByComparingTo(BigDecimal.ONE.divide(BigDecimal.valueOf(numbered), 4,
                            java.math.RoundingMode.HALF_UP));
                });
        assertThat(report.kpis()).filteredOn(k -> k.code().equals("disputes_open") && currency.equals(k.currency())).singleElement()
                .satisfies(k -> assertThat(k.value() + " of " + k.denominator()).isEqualTo("1 of 2"));
        assertThat(report.kpis()).filteredOn(k -> k.code().equals("dispute_days_to_resolve_median") && currency.equals(k.currency()))
                .singleElement().satisfies(k -> {
                    assertThat(k.value()).as("resolved within the test: 0.0 days").isEqualTo("0.0");
                    assertThat(k.denominator()).isEqualTo("1");
                });
        assertThat(report.kpis()).filteredOn(k -> k.code().equals("dispute_frequency") && !currency.equals(k.currency()))
                .as("the other currencies' invoices, if any, were not disputed").allSatisfy(k -> assertThat(k.numerator()).isEqualTo("0"));
        Map<String, RiskScore> scores = risk.scores(run);
        assertThat(report.invoices()).filteredOn(i -> i.status().equals("live")).isNotEmpty().allSatisfy(i -> {
            assertThat(new BigDecimal(i.disputeRisk())).isEqualByComparingTo(BigDecimal.valueOf(scores.get(i.draftId()).probability())
                    .setScale(4, java.math.RoundingMode.HALF_UP));
            assertThat(i.riskFactors()).hasSize(3).first().asString().matches(".+ \\([+-]\\d\\.\\d\\d\\)");
        });

        Path dir = Files.createTempDirectory("billrun-dispute-report");
        reports.write(run, dir, EnumSet.allOf(ReportFormat.class));
        assertThat(Files.readString(dir.resolve("run-report.json"))).contains("\"code\" : \"dispute_frequency\"", "\"disputeRisk\" : \"0.",
                "\"riskFactors\" : [ \"");
        assertThat(Files.readString(dir.resolve("run-report.csv"))).contains(",dispute_risk,risk_factors", "dispute_days_to_resolve_median");
        assertThat(dir.resolve("run-report.pdf")).isNotEmptyFile();
    }

    @Test
    void aCreditedDisputeIssuesTheCreditMemoOfItsLinesInTheSameTransactionAndKeepsItsReference() {
        Dispute d = disputes.open(OpenDispute.fromCli(invoice, "The hourly rate billed is too high, the contract says 205.", List.of(1)));

        Dispute credited = disputes.resolve(d.disputeId(), DisputeService.Resolution.CREDIT, "Rate corrected to the contract's.", "finance",
                open -> credits.issue(new CreditRequest(open.finalNumber(), open.lines().stream().map(CreditRequest.Line::whole).toList(),
                        CreditReason.valueOf(open.effectiveReason().name()), "dispute " + open.disputeId(), false,
                        new CreditActor("finance", null))).reference());

        assertThat(credited.state()).isEqualTo(DisputeState.CREDITED);
        assertThat(credited.creditNumber()).startsWith("CR-");
        Map<String, Object> memo = jdbc.sql("SELECT invoice_number, reason_code FROM credit_memo WHERE credit_id = ?")
                .param(Long.parseLong(credited.creditNumber().substring(3))).query().singleRow();
        assertThat(memo).containsEntry("invoice_number", invoice).containsEntry("reason_code", "rate");
        assertThat(auditDetails("dispute_resolved", d.disputeId())).singleElement().asString()
                .contains("credited by credit memo " + credited.creditNumber());
    }

    @Test
    void aCreditTheCreditServiceRefusesLeavesTheDisputeOpen() {
        Dispute d = disputes.open(OpenDispute.fromCli(invoice, "Rate is wrong.", List.of(1)));

        assertThatThrownBy(() -> disputes.resolve(d.disputeId(), DisputeService.Resolution.CREDIT, "credit it", "finance",
                open -> credits.issue(new CreditRequest(open.finalNumber(), List.of(new CreditRequest.Line(1, null, new BigDecimal("99999999"))),
                        CreditReason.RATE, null, false, new CreditActor("finance", null))).reference()))
                .isInstanceOf(RuntimeException.class);
        assertThat(disputes.show(d.disputeId()).state()).isEqualTo(DisputeState.OPEN);
    }

    private long events(String type) {
        return jdbc.sql("SELECT count(*) FROM event_outbox WHERE type = ?").param(type).query(Long.class).single();
    }

    private List<String> auditDetails(String action, long disputeId) {
        return jdbc.sql("SELECT detail FROM audit_log WHERE action = ? AND subject_type = 'dispute' AND subject_id = ? ORDER BY audit_id")
                .params(action, disputeId).query(String.class).list();
    }
}
