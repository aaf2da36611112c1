package org.billrun.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
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
 * Credit memos of the sample firm's straight-through invoices, once approved and numbered: a full credit
 * that mirrors its invoice (19 % VAT, and reverse charge), a partial credit and the rest of the line, a
 * double credit refused, the approvals the credit policy asks for and their controls, the credit number
 * series, the `credited` event and the audit log.
 */
@BillrunIntegrationTest
class CreditServiceIntegrationTests {

    private static final String BAUER = "2026-10-NWDE-K-BAUER-2";
    private static final String PRIV = "2026-10-NWDE-K-PRIV-1";
    private static final String WISLA = "2026-10-NWDE-K-WISLA-1";

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    CreditService credits;

    @Autowired
    AuditLog audit;

    @Autowired
    RecordTrace trace;

    @Autowired
    org.billrun.report.RunReportQueries runReports;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void approveTheSampleFirmsStraightThroughDrafts() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
    }

    private String number(String draftId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE draft_id = ? AND credit_id IS NULL").param(draftId).query(String.class).single();
    }

    private Map<String, Object> posting(String draftId) {
        return jdbc.sql("SELECT net, tax, gross FROM posting WHERE draft_id = ? AND credit_id IS NULL").param(draftId).query().singleRow();
    }

    private static CreditRequest full(String invoice, CreditActor who) {
        return new CreditRequest(invoice, List.of(), CreditReason.CANCELLED, "issued to the wrong client", false, who);
    }

    @Test
    void aFullCreditMirrorsItsInvoiceNeedsFinanceAndTheControllerAndIsNumberedInTheCreditSeries() {
        String invoice = number(BAUER);
        Map<String, Object> original = posting(BAUER);
        List<Map<String, Object>> lines = jdbc.sql("SELECT line_no, net, tax FROM draft_line WHERE draft_id = ? ORDER BY line_no").param(BAUER)
                .query().listOfRows();

        CreditMemo asked = credits.issue(full(invoice, CreditActor.of("admin")));

        assertThat(asked.state()).isEqualTo(CreditState.IN_REVIEW);
        assertThat(asked.reference()).isEqualTo("CR-" + asked.creditId());
        assertThat(asked.finalNumber()).isNull();
        assertThat(asked.net()).isEqualByComparingTo((BigDecimal) original.get("net"));
        assertThat(asked.tax()).isEqualByComparingTo((BigDecimal) original.get("tax"));
        assertThat(asked.gross()).isEqualByComparingTo((BigDecimal) original.get("gross"));
        assertThat(asked.lines()).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(asked.lines().get(i).lineNo()).isEqualTo(lines.get(i).get("line_no"));
            assertThat(asked.lines().get(i).net()).isEqualByComparingTo((BigDecimal) lines.get(i).get("net"));
            assertThat(asked.lines().get(i).tax()).isEqualByComparingTo((BigDecimal) lines.get(i).get("tax"));
        }
        assertThat(asked.lines()).allSatisfy(l -> assertThat(l.recordKeys()).as("lineage of line %d", l.lineNo()).isNotEmpty());
        assertThat(asked.tasks()).extracting(CreditMemo.Task::role, CreditMemo.Task::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("finance", "credit.finance"),
                org.assertj.core.groups.Tuple.tuple("finance_controller", "credit.controller-above"));

        CreditMemo afterFinance = credits.approve(asked.reference(), CreditActor.of("finance"), "checked against the contract");
        assertThat(afterFinance.state()).isEqualTo(CreditState.IN_REVIEW);
        assertThatThrownBy(() -> credits.approve(asked.reference(), CreditActor.of("finance"), null)).isInstanceOf(CreditRefusedException.class)
                .hasMessageContaining("already approved");
        CreditMemo approved = credits.approve(asked.reference(), CreditActor.of("E-001"), null);

        assertThat(approved.state()).isEqualTo(CreditState.APPROVED);
        assertThat(approved.finalNumber()).isEqualTo("NWDE-CN-" + LocalDate.now().getYear() + "-000001");
        assertThat(approved.reference()).isEqualTo(approved.finalNumber());
        assertThat(credits.find(approved.finalNumber()).creditId()).isEqualTo(asked.creditId());
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE type = 'credited' AND final_number = ? AND payload -> 'data' ->> 'credit_number' = ?")
                .params(invoice, approved.finalNumber()).query(Long.class).single()).as("the credited event on the invoice's stream").isOne();
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE subject_type = 'credit_memo' ORDER BY audit_id").query(String.class).list())
                .containsExactly("credit_requested", "credit_approved", "credit_approved");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE subject_type = 'credit_memo' ORDER BY audit_id").query(String.class).list())
                .satisfiesExactly(d -> assertThat(d).contains("asked by admin", "cancelled", "comment: issued to the wrong client"),
                        d -> assertThat(d).contains("approved by finance"), d -> assertThat(d).contains("approved by E-001", approved.finalNumber()));
        assertThat(audit.verify().intact()).isTrue();
        assertThatThrownBy(() -> credits.issue(full(invoice, CreditActor.of("admin")))).isInstanceOf(RefusedException.class)
                .hasMessage(invoice + ": the invoice is credited in full already: nothing is left to credit");
    }

    @Test
    void aPartialCreditThenTheRestOfTheLineAddUpToItAndAThirdIsRefused() {
        String invoice = number(PRIV);
        Map<String, Object> line1 = jdbc.sql("SELECT quantity, net, tax FROM draft_line WHERE draft_id = ? AND line_no = 1").param(PRIV)
                .query().singleRow();
        BigDecimal quantity = (BigDecimal) line1.get("quantity");
        BigDecimal part = quantity.divide(BigDecimal.valueOf(4)).setScale(2, java.math.RoundingMode.DOWN);

        CreditMemo first = credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(1, part, null)), CreditReason.HOURS,
                "hours booked twice", false, CreditActor.of("kbusch")));
        CreditMemo rest = credits.issue(new CreditRequest(invoice, List.of(CreditRequest.Line.whole(1)), CreditReason.HOURS, null, false,
                CreditActor.of("kbusch")));

        assertThat(first.lines()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualByComparingTo(part);
            assertThat(l.closesLine()).isFalse();
        });
        assertThat(first.tasks()).as("below the controller's limit: finance only").extracting(CreditMemo.Task::role).containsExactly("finance");
        assertThat(first.rebill()).isFalse();
        assertThat(first.lines().get(0).net().add(rest.lines().get(0).net())).isEqualByComparingTo((BigDecimal) line1.get("net"));
        assertThat(first.lines().get(0).tax().add(rest.lines().get(0).tax())).isEqualByComparingTo((BigDecimal) line1.get("tax"));
        assertThat(rest.lines().get(0).quantity()).isEqualByComparingTo(quantity.subtract(part));
        assertThatThrownBy(() -> credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(1, null, BigDecimal.ONE)),
                CreditReason.HOURS, null, false, CreditActor.of("kbusch")))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("line 1 is credited in full already");

        CreditMemo refused = credits.reject(rest.reference(), CreditActor.of("finance"), "the client accepted the rest");
        assertThat(refused.state()).isEqualTo(CreditState.REJECTED);
        assertThat(refused.tasks()).extracting(CreditMemo.Task::state).containsOnly(CreditTaskState.CANCELLED);
        CreditMemo again = credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(1, null, BigDecimal.ONE)), CreditReason.HOURS,
                null, false, CreditActor.of("kbusch")));
        assertThat(again.net()).as("a refused credit gives its lines back").isEqualByComparingTo("1.00");
    }

    @Test
    void aReverseChargeInvoiceIsCreditedWithoutTaxAndNumbersFollowEachOtherWithoutGaps() {
        String wisla = number(WISLA);
        String priv = number(PRIV);

        CreditMemo rc = credits.issue(full(wisla, CreditActor.of("admin")));
        CreditMemo small = credits.issue(new CreditRequest(priv, List.of(new CreditRequest.Line(1, null, new BigDecimal("100.00"))),
                CreditReason.GOODWILL, null, false, CreditActor.of("admin")));
        credits.approve(small.reference(), CreditActor.of("finance"), null);
        credits.approve(rc.reference(), CreditActor.of("finance"), null);
        CreditMemo rcApproved = credits.approve(rc.reference(), CreditActor.of("E-001"), null);

        assertThat(rc.tax()).isEqualByComparingTo("0");
        assertThat(rc.net()).isEqualByComparingTo((BigDecimal) posting(WISLA).get("net"));
        assertThat(rc.lines()).allSatisfy(l -> assertThat(l.taxCategory()).isEqualTo("AE"));
        assertThat(small.tax()).isEqualByComparingTo("19.00");
        int year = LocalDate.now().getYear();
        assertThat(credits.find(small.reference()).finalNumber()).isEqualTo("NWDE-CN-" + year + "-000001");
        assertThat(rcApproved.finalNumber()).isEqualTo("NWDE-CN-" + year + "-000002");
    }

    @Test
    void theControlsOfACreditAreTheApprovalsControls() {
        String invoice = number(BAUER);
        CreditMemo asked = credits.issue(full(invoice, CreditActor.of("finance")));

        assertThatThrownBy(() -> credits.approve(asked.reference(), CreditActor.of("finance"), null)).isInstanceOf(CreditRefusedException.class)
                .hasMessage("finance asked for " + asked.reference() + " and may not approve it");
        assertThatThrownBy(() -> credits.approve(asked.reference(), CreditActor.of("E-002"), null)).isInstanceOf(CreditRefusedException.class)
                .hasMessageContaining("waits for a finance; E-002 does not hold that role");
        assertThatThrownBy(() -> credits.issue(full(invoice, CreditActor.of("E-002")))).isInstanceOf(CreditRefusedException.class)
                .hasMessageContaining("E-002 may not credit invoices");
        assertThatThrownBy(() -> credits.issue(full("NWDE-2026-999999", CreditActor.of("finance")))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("no final invoice NWDE-2026-999999");
        assertThatThrownBy(() -> jdbc.sql("UPDATE credit_memo SET state = 'approved', final_number = 'X' WHERE credit_id = ?")
                .param(asked.creditId()).update()).hasMessageContaining("credit refused: credit " + asked.creditId()
                        + " is approved only when its approvals are given");
        assertThatThrownBy(() -> jdbc.sql("UPDATE credit_task SET state = 'done', done_by = 'finance', acting_user = 'finance' WHERE credit_id = ? "
                + "AND step_no = 1").param(asked.creditId()).update()).hasMessageContaining("finance asked for credit " + asked.creditId());
        credits.reject(asked.reference(), CreditActor.of("E-001"), "asked by mistake");
        long other = credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(2, null, BigDecimal.ONE)), CreditReason.OTHER, null,
                false, CreditActor.of("admin"))).creditId();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO credit_memo_line (credit_id, line_no, description, net, tax, closes_line) "
                + "SELECT ?, line_no, 'more', net + 1, tax, true FROM draft_line WHERE draft_id = ? AND line_no = 1").params(other, BAUER)
                .update()).as("the database refuses a line beyond what is left").hasMessageContaining("credit refused: line 1 of " + invoice);
    }

    @Test
    void theTraceOfACreditedRecordFollowsItFromItsLineToTheCreditAndTheReportCountsTheCredit() {
        String invoice = number(PRIV);
        String record = jdbc.sql("SELECT min(record_key) FROM draft_line_source WHERE draft_id = ? AND line_no = 1").param(PRIV)
                .query(String.class).single();
        long runId = jdbc.sql("SELECT run_id FROM posting WHERE draft_id = ? AND credit_id IS NULL").param(PRIV).query(Long.class).single();
        CreditMemo c = credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(1, null, new BigDecimal("100.00"))),
                CreditReason.RATE, "rate corrected", false, CreditActor.of("admin")));
        CreditMemo approved = credits.approve(c.reference(), CreditActor.of("finance"), null);

        List<RecordTrace.Link> links = trace.of(record);

        assertThat(links).hasSize(2);
        assertThat(links.get(0).billed()).satisfies(b -> {
            assertThat(b.draftId()).isEqualTo(PRIV);
            assertThat(b.lineNo()).isEqualTo(1);
            assertThat(b.status()).isEqualTo("live");
        });
        assertThat(links.get(0).invoice().finalNumber()).isEqualTo(invoice);
        assertThat(links.get(1).credit()).satisfies(cr -> {
            assertThat(cr.finalNumber()).isEqualTo(approved.finalNumber());
            assertThat(cr.state()).isEqualTo(CreditState.APPROVED);
            assertThat(cr.net()).isEqualByComparingTo("100.00");
            assertThat(cr.reason()).isEqualTo(CreditReason.RATE);
            assertThat(cr.rebill()).isFalse();
            assertThat(cr.requestedBy()).isEqualTo("admin");
            assertThat(cr.decidedBy()).isEqualTo("finance");
        });
        assertThat(trace.of("T-NOT-THERE")).isEmpty();
        assertThat(runReports.build(runId).kpis()).filteredOn(k -> k.code().startsWith("credit_memo"))
                .extracting(k -> k.code(), k -> k.currency(), k -> k.value())
                .contains(org.assertj.core.groups.Tuple.tuple("credit_memos", "EUR", "1"),
                        org.assertj.core.groups.Tuple.tuple("credit_memo_value", "EUR", "119.00"));
    }
}
