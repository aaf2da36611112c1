package org.billrun.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.audit.AuditLog;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.erp.file.FileOutboxAdapter;
import org.billrun.infra.Stage;
import org.billrun.posting.einvoice.EInvoiceValidator;
import org.billrun.posting.einvoice.EInvoiceValidator.RuleSet;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approved credit memos of the sample firm's posted invoices go through the same posting ledger as invoices:
 * a posting row in the approval's transaction, one batch with control totals, one ledger row per attempt,
 * a `posted` event on the credited invoice's stream; their UBL CreditNote (a partial credit of a
 * reverse-charge invoice, a full credit of a 19 % one) validates under EN 16931 and Peppol BIS Billing 3.0
 * and the file outbox journals it as a credit note of its invoice.
 */
@BillrunIntegrationTest
class CreditNotePostingIntegrationTests {

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    CreditService credits;

    @Autowired
    PostService post;

    @Autowired
    CreditNoteAssembly creditNotes;

    @Autowired
    ScriptedErp erp;

    @Autowired
    AuditLog audit;

    @Autowired
    PostingQueries postings;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path outbox;

    private String number(String draftId) {
        return jdbc.sql("SELECT final_number FROM posting WHERE draft_id = ? AND credit_id IS NULL").param(draftId).query(String.class).single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void approvedCreditsArePostedThroughTheLedgerAsValidCreditNotes() throws Exception {
        new DatabaseState(jdbc).reset();
        erp.clear();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        post.post(null, PostService.DEFAULT_LIMIT);
        String wisla = number("2026-10-NWDE-K-WISLA-1");
        String bauer = number("2026-10-NWDE-K-BAUER-2");
        int timeLine = jdbc.sql("SELECT min(line_no) FROM draft_line WHERE draft_id = '2026-10-NWDE-K-WISLA-1' AND line_type = 'time' AND quantity >= 2")
                .query(Integer.class).single();

        CreditMemo partial = credits.issue(new CreditRequest(wisla, List.of(new CreditRequest.Line(timeLine, new BigDecimal("1.5"), null)),
                CreditReason.HOURS, "hours booked twice", false, CreditActor.of("admin")));
        CreditMemo full = credits.issue(new CreditRequest(bauer, List.of(), CreditReason.CANCELLED, null, false, CreditActor.of("admin")));
        credits.approve(partial.reference(), CreditActor.of("finance"), null);
        credits.approve(full.reference(), CreditActor.of("finance"), null);
        String partialNumber = credits.find(partial.reference()).finalNumber();
        String fullNumber = credits.approve(full.reference(), CreditActor.of("E-001"), null).finalNumber();

        assertThat(count("SELECT count(*) FROM posting WHERE credit_id IS NOT NULL AND state = 'pending'")).as("queued at approval").isEqualTo(2);
        PostService.PostReport report = post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(report.failed()).isFalse();
        assertThat(report.batches()).singleElement().satisfies(b -> assertThat(b.state()).isEqualTo(BatchState.BALANCED));
        assertThat(List.of(partialNumber, fullNumber)).allSatisfy(n -> {
            assertThat(erp.documentsWith(n)).as(n).isOne();
            assertThat(count("SELECT count(*) FROM posting p JOIN posting_ledger l ON l.posting_id = p.posting_id "
                    + "WHERE p.final_number = ? AND p.state = 'posted' AND l.status = 'posted'", n)).isOne();
        });
        assertThat(count("SELECT count(*) FROM event_outbox e JOIN posting p ON p.run_id = e.run_id AND p.draft_id = e.draft_id "
                + "WHERE e.type = 'posted' AND e.final_number = ? AND p.final_number = ?", fullNumber, bauer))
                .as("the credit note's posted event, on the credited invoice's stream").isOne();
        assertThat(audit.verify().intact()).isTrue();

        // a credit note takes off what the client owes: the batch's control total is negative, and the queries of
        // invoices (delivery, payments and dispute notices by number, the run report's posting figures) leave it out
        BigDecimal credited = credits.find(partialNumber).gross().add(credits.find(fullNumber).gross());
        assertThat(jdbc.sql("SELECT sum(control_gross) FROM posting_batch_total WHERE batch_id = ?").param(report.batches().get(0).batchId())
                .query(BigDecimal.class).single()).isEqualByComparingTo(credited.negate());
        assertThat(postings.posted(null)).extracting(PostingQueries.Posted::finalNumber).doesNotContain(partialNumber, fullNumber)
                .contains(wisla, bauer);
        assertThat(postings.byFinalNumber(fullNumber)).isEmpty();
        assertThat(postings.byFinalNumber(bauer)).isPresent();
        assertThat(postings.byEntity(null)).singleElement().satisfies(e -> assertThat(e.posted())
                .isEqualTo(count("SELECT count(*) FROM posting WHERE credit_id IS NULL AND state = 'posted'")));

        EInvoiceValidator validator = new EInvoiceValidator();
        for (CreditMemo c : List.of(credits.find(partialNumber), credits.find(fullNumber))) {
            long postingId = count("SELECT posting_id FROM posting WHERE credit_id = ?", c.creditId());
            OutgoingInvoice note = creditNotes.assemble(c.creditId(), c.finalNumber(), c.issueDate(), "BATCH-T");
            assertThat(note.kind()).isEqualTo(OutgoingInvoice.Kind.CREDIT_NOTE);
            assertThat(note.creditedReference()).isEqualTo(c.invoiceNumber());
            assertThat(note.gross()).isEqualByComparingTo(c.gross());
            String xml = new String(note.ublXml(), StandardCharsets.UTF_8);
            assertThat(xml).contains("<CreditNote ", "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>", c.invoiceNumber(),
                    "<cbc:ID>" + c.finalNumber() + "</cbc:ID>");
            for (RuleSet rules : RuleSet.values()) {
                EInvoiceValidator.Result result = validator.validate(note.ublXml(), rules);
                assertThat(result.errors()).as("%s under %s (posting %d)", c.finalNumber(), rules, postingId).isEmpty();
            }
            FileOutboxAdapter file = new FileOutboxAdapter(outbox, Clock.systemUTC());
            assertThat(file.send(note).outcome()).isEqualTo(ErpAnswer.Outcome.POSTED);
            assertThat(outbox.resolve(c.entityId()).resolve(c.finalNumber() + ".xml")).exists();
        }
        assertThat(xmlOf(partialNumber)).as("reverse charge: category AE with its exemption reason").contains("<cbc:ID>AE</cbc:ID>",
                "Reverse charge");
        String journal = Files.readString(outbox.resolve("journal.csv"));
        assertThat(journal).contains(fullNumber, "CREDIT_NOTE", bauer);
    }

    @Test
    void aCreditNoteWaitsUntilTheERPHoldsTheInvoiceItCredits() throws Exception {
        new DatabaseState(jdbc).reset();
        erp.clear();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        String bauer = number("2026-10-NWDE-K-BAUER-2");
        CreditMemo full = credits.issue(new CreditRequest(bauer, List.of(), CreditReason.CANCELLED, null, false, CreditActor.of("admin")));
        credits.approve(full.reference(), CreditActor.of("finance"), null);
        String creditNumber = credits.approve(full.reference(), CreditActor.of("E-001"), null).finalNumber();
        erp.script(bauer, ScriptedErp.Fault.RETRYABLE);

        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(erp.sent).as("the invoice was tried and is waiting for its retry").contains(bauer).doesNotContain(creditNumber);
        assertThat(count("SELECT count(*) FROM posting WHERE final_number = ? AND state = 'pending' AND batch_id IS NULL", creditNumber))
                .as("the credit note is held back, in no batch").isOne();

        jdbc.sql("UPDATE posting SET next_attempt_at = clock_timestamp() WHERE final_number = ?").param(bauer).update();
        post.post(null, PostService.DEFAULT_LIMIT);
        post.post(null, PostService.DEFAULT_LIMIT);

        assertThat(erp.documentsWith(bauer)).isOne();
        assertThat(erp.documentsWith(creditNumber)).as("sent once its invoice was posted").isOne();
        assertThat(erp.sent.indexOf(creditNumber)).isGreaterThan(erp.sent.lastIndexOf(bauer));
    }

    private String xmlOf(String number) {
        CreditMemo c = credits.find(number);
        return new String(creditNotes.assemble(c.creditId(), c.finalNumber(), c.issueDate(), "BATCH-T").ublXml(), StandardCharsets.UTF_8);
    }
}
