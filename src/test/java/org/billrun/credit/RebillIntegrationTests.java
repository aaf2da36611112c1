package org.billrun.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.draft.DraftEvidenceQueries;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.RebillDrafts;
import org.billrun.infra.RefusedException;
import org.billrun.infra.Stage;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebills on the database (docs/credits.md, "Rebills"): the sample firm's BAUER-2 invoice bills E-004's
 * senior consultant hours at the firm's EUR 210.00 on line 1; the client's contract says 200.00. Finance
 * credits line 1 with a rebill, the rate card is corrected and loaded again, and the next run drafts E-004's
 * entries again on a draft of their own at 200.00, which is approved and numbered in the invoice series. The
 * chain source record → original line → credit line → rebill line, conservation with credited and
 * credited-and-rebilled records, and a double rebill refused.
 */
@BillrunIntegrationTest
class RebillIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final String BAUER = "2026-10-NWDE-K-BAUER-2";

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    CreditService credits;

    @Autowired
    RecordTrace trace;

    @Autowired
    RebillDrafts rebills;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DraftQueries draftQueries;

    @Autowired
    DraftEvidenceQueries draftEvidence;

    @Autowired
    org.billrun.report.RunReportQueries runReports;

    @TempDir
    Path temp;

    private long invoiced;

    private java.util.Map<String, String> recordKpis(long runId) {
        java.util.Map<String, String> kpis = new java.util.TreeMap<>();
        runReports.build(runId).kpis().stream().filter(k -> k.code().startsWith("records_")).forEach(k -> kpis.put(k.code(), k.value()));
        return kpis;
    }

    @BeforeEach
    void invoiceTheSampleFirmsStraightThroughDrafts() throws Exception {
        new DatabaseState(jdbc).reset();
        invoiced = run(Path.of("sample-data/northwind"));
        approvals.approveStraightThrough(null, Acting.as("finance"));
    }

    private long run(Path input) throws Exception {
        RunOutcome outcome = runService.run(new RunRequest(OCTOBER, "all", input, Stage.DRAFT, null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return outcome.runId();
    }

    /** The sample firm with K-BAUER-2's contract rate for senior consultants: EUR 200.00 (a corrected rate_cards.csv). */
    private Path correctedRateCard() throws IOException {
        Path firm = temp.resolve("corrected");
        Files.createDirectories(firm);
        try (Stream<Path> files = Files.list(Path.of("sample-data/northwind"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, firm.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(firm.resolve("rate_cards.csv"), "R-0049,RC-K-BAUER-2,contract,K-BAUER-2,senior_consultant,EUR,200.00,2026-01-01,\n",
                StandardOpenOption.APPEND);
        return firm;
    }

    private String number(String draftId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE draft_id = ? AND credit_id IS NULL").param(draftId).query(String.class).single();
    }

    private List<String> recordsOf(String draftId, int lineNo) {
        return jdbc.sql("SELECT record_key FROM draft_line_source WHERE draft_id = ? AND line_no = ? ORDER BY record_key").params(draftId, lineNo)
                .query(String.class).list();
    }

    private CreditMemo creditApproved(String invoice, int lineNo, CreditReason reason, boolean rebill) {
        CreditMemo asked = credits.issue(new CreditRequest(invoice, List.of(CreditRequest.Line.whole(lineNo)), reason, "the contract's rate",
                rebill, CreditActor.of("kbusch")));
        CreditMemo memo = credits.approve(asked.reference(), CreditActor.of("finance"), null);
        return memo.state() == CreditState.APPROVED ? memo : credits.approve(asked.reference(), CreditActor.of("E-001"), null);
    }

    @Test
    void aRebillAfterARateCorrectionDraftsTheCreditedRecordsAgainAtTheCorrectedRateOnADraftOfTheirOwn() throws Exception {
        String invoice = number(BAUER);
        List<String> line1 = recordsOf(BAUER, 1);
        String record = line1.get(0);
        CreditMemo credit = creditApproved(invoice, 1, CreditReason.RATE, true);
        assertThat(credit.net()).isEqualByComparingTo("4935.00");
        assertThat(trace.chain(record).fate().state()).as("reopened, not drafted yet").isEqualTo(RecordFate.State.AWAITING_REBILL);
        assertThat(rebills.waiting(OCTOBER)).extracting(r -> r.reference()).containsExactly(credit.finalNumber());

        long rebillRun = run(correctedRateCard());

        String rebill = BAUER + "-R" + credit.creditId();
        assertThat(jdbc.sql("SELECT status || ' ' || net || ' ' || tax || ' ' || gross FROM draft_invoice WHERE run_id = ? AND draft_id = ?")
                .params(rebillRun, rebill).query(String.class).single()).isEqualTo("live 4700.0000 893.0000 5593.0000");
        assertThat(jdbc.sql("SELECT quantity || ' ' || unit_price || ' ' || net FROM draft_line WHERE run_id = ? AND draft_id = ?")
                .params(rebillRun, rebill).query(String.class).list()).as("23.50 h at the corrected 200.00").containsExactly("23.50 200.0000 4700.0000");
        assertThat(recordsOf(rebill, 1)).as("exactly the credited line's records").isEqualTo(line1);
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE draft_id = ? AND status = 'live'").param(BAUER).query(Long.class).single())
                .as("the invoiced draft stays live beside its rebill").isOne();

        approvals.approveStraightThrough(null, Acting.as("finance"));
        String rebillInvoice = number(rebill);
        assertThat(rebillInvoice).as("numbered in the invoice series").startsWith("NWDE-" + java.time.LocalDate.now().getYear() + "-");

        RecordTrace.Chain chain = trace.chain(record);
        assertThat(chain.links()).satisfiesExactly(
                original -> assertThat(original.billed().draftId()).isEqualTo(BAUER),
                creditLine -> assertThat(creditLine.credit().finalNumber()).isEqualTo(credit.finalNumber()),
                rebillLine -> {
                    assertThat(rebillLine.billed().draftId()).isEqualTo(rebill);
                    assertThat(rebillLine.rebillOf()).isEqualTo(credit.finalNumber());
                    assertThat(rebillLine.invoice().finalNumber()).isEqualTo(rebillInvoice);
                });
        assertThat(chain.fate().state()).as("counted once, on its live rebill line").isEqualTo(RecordFate.State.BILLED);
        assertThat(chain.fate().line().draftId()).isEqualTo(rebill);
        String count = Integer.toString(line1.size());
        assertThat(recordKpis(invoiced)).as("the invoice's run report").containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "records_credited", "0", "records_rebilled", count, "records_awaiting_rebill", "0", "records_billed_twice", "0"));
        assertThat(recordKpis(rebillRun)).as("the rebill run's report").isEqualTo(recordKpis(invoiced));
        assertThat(runReports.build(rebillRun).controlTotals()).as("the rebill run's conservation: the invoiced contracts' records on run 1's"
                + " drafts, the rebilled ones on its own").allSatisfy(t -> assertThat(t.reconciles()).as(t.toString()).isTrue());
    }

    @Test
    void aCreditedRecordNotRebilledEndsCreditedWithReasonAndApproverAndTheOthersStayBilledOnce() throws Exception {
        String invoice = number(BAUER);
        String credited = recordsOf(BAUER, 2).get(0);
        String untouched = recordsOf(BAUER, 1).get(0);
        CreditMemo credit = creditApproved(invoice, 2, CreditReason.HOURS, false);

        run(Path.of("sample-data/northwind"));

        RecordFate.Fate fate = trace.chain(credited).fate();
        assertThat(fate.state()).isEqualTo(RecordFate.State.CREDITED);
        assertThat(fate.credit().creditNumber()).isEqualTo(credit.finalNumber());
        assertThat(fate.credit().reason()).isEqualTo(CreditReason.HOURS);
        assertThat(fate.credit().approvedBy()).isEqualTo(credit.decidedBy());
        assertThat(trace.chain(untouched).fate()).satisfies(f -> {
            assertThat(f.state()).isEqualTo(RecordFate.State.BILLED);
            assertThat(f.line().draftId()).isEqualTo(BAUER);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE draft_id LIKE ?").param(BAUER + "-R%").query(Long.class).single())
                .as("no rebill without --rebill").isZero();
        assertThat(recordKpis(invoiced)).containsEntry("records_credited", Integer.toString(recordsOf(BAUER, 2).size()))
                .containsEntry("records_rebilled", "0").containsEntry("records_billed_twice", "0");
    }

    @Test
    void aRebillIsDraftedOnceADoubleRebillIsRefusedAndAPartialLineCannotBeRebilled() throws Exception {
        String invoice = number(BAUER);
        assertThatThrownBy(() -> credits.issue(new CreditRequest(invoice, List.of(new CreditRequest.Line(1, new BigDecimal("2"), null)),
                CreditReason.HOURS, null, true, CreditActor.of("kbusch")))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("--rebill reopens whole records, but line 1 is credited in part");
        CreditMemo credit = creditApproved(invoice, 1, CreditReason.RATE, true);
        Path corrected = correctedRateCard();

        long first = run(corrected);
        long second = run(corrected);
        String rebill = BAUER + "-R" + credit.creditId();
        assertThat(jdbc.sql("SELECT run_id || ' ' || status FROM draft_invoice WHERE draft_id = ? ORDER BY run_id").param(rebill)
                .query(String.class).list()).as("an unacted rebill is replaced, never doubled").containsExactly(first + " superseded", second + " live");

        approvals.approveStraightThrough(null, Acting.as("finance"));
        long third = run(corrected);

        assertThat(rebills.waiting(OCTOBER)).as("its rebill is done").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(third, rebill).query(Long.class).single())
                .as("a run after the rebill was acted on does not draft it again").isZero();
        assertThatThrownBy(() -> credits.issue(new CreditRequest(invoice, List.of(CreditRequest.Line.whole(1)), CreditReason.RATE, null, true,
                CreditActor.of("kbusch")))).isInstanceOf(RefusedException.class).hasMessageContaining("line 1 is credited in full already");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT s.record_key FROM draft_line_source s JOIN draft_invoice d ON d.run_id = s.run_id AND d.draft_id = s.draft_id
                WHERE d.status = 'live' AND d.draft_id LIKE ? GROUP BY s.record_key HAVING count(*) > 1) twice""").param(BAUER + "%")
                .query(Long.class).single()).as("E-004's entries are on the invoiced line and on the one rebill line, no more").isEqualTo(
                        (long) recordsOf(BAUER, 1).size());
        assertThat(trace.chain(recordsOf(BAUER, 1).get(0)).fate().state()).isEqualTo(RecordFate.State.BILLED);
    }

    @Test
    void aRejectedRebillIsDraftedAgainByTheNextRunLikeAnyRejectedDraft() throws Exception {
        CreditMemo credit = creditApproved(number(BAUER), 1, CreditReason.RATE, true);
        Path corrected = correctedRateCard();
        long first = run(corrected);
        String rebill = BAUER + "-R" + credit.creditId();

        approvals.reject(rebill, Acting.as("finance"), "the corrected rate is not signed yet");
        assertThat(rebills.waiting(OCTOBER)).as("a rejection leaves the credit's rebill to do").extracting(r -> r.reference())
                .containsExactly(credit.finalNumber());
        long second = run(corrected);

        assertThat(jdbc.sql("SELECT run_id || ' ' || status FROM draft_invoice WHERE draft_id = ? ORDER BY run_id").param(rebill)
                .query(String.class).list()).containsExactly(first + " superseded", second + " live");
        assertThat(jdbc.sql("SELECT record_key FROM draft_line_source WHERE run_id = ? AND draft_id = ? AND line_no = 1 ORDER BY record_key")
                .params(second, rebill).query(String.class).list()).as("the live rebill bills the credited line's records")
                .isEqualTo(recordsOf(BAUER, 1));
    }

    @Test
    void aRebilledPeriodIsOnePeriodInTheContractsHistoryWithTheInvoicedAndTheRebillDraftSummed() throws Exception {
        CreditMemo credit = creditApproved(number(BAUER), 1, CreditReason.RATE, true);
        long rebillRun = run(correctedRateCard());
        String rebill = BAUER + "-R" + credit.creditId();
        BigDecimal invoicedNet = net(invoiced, BAUER);
        BigDecimal rebillNet = net(rebillRun, rebill);

        List<DraftEvidenceQueries.Earlier> history = draftEvidence.earlierLive("2026-11").stream()
                .filter(e -> e.contractId().equals("K-BAUER-2")).toList();

        assertThat(history).as("one invoice of 2026-10 for the dispute risk of November, not two").singleElement().satisfies(e -> {
            assertThat(e.period()).isEqualTo("2026-10");
            assertThat(e.net()).isEqualByComparingTo(invoicedNet.add(rebillNet));
        });
    }

    private BigDecimal net(long runId, String draftId) {
        return jdbc.sql("SELECT net FROM draft_invoice WHERE run_id = ? AND draft_id = ?").params(runId, draftId).query(BigDecimal.class).single();
    }
}
