package org.billrun.credit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.RebillQueries;
import org.billrun.posting.PostingQueries;
import org.springframework.stereotype.Component;

/**
 * The lineage of one source record (`billrun trace RECORD_ID`, docs/credits.md, "Lineage"): each draft line
 * that billed it (run, draft, line, whether the draft is live, its final invoice and posting state, and for a
 * rebill draft the credit it bills again), each credit line that gave (part of) such a line back (credit, number,
 * state, quantity, net, reason, who asked and who approved, whether a rebill was asked for), and where the record
 * ends ({@link RecordFate}). The chain reads source record → original line → credit line → rebill line.
 */
@Component
public class RecordTrace {

    /**
     * One link of the chain: a line that billed the record, with its invoice and, for a rebill line, the credit it
     * bills again ({@code rebillOf}, its reference); or a credit line of it.
     */
    public record Link(DraftQueries.Billed billed, PostingQueries.FinalInvoice invoice, CreditQueries.CreditedRecord credit, String rebillOf) {}

    /** The chain of one record and where it ends. */
    public record Chain(List<Link> links, RecordFate.Fate fate) {}

    private final DraftQueries drafts;
    private final PostingQueries postings;
    private final CreditQueries credits;
    private final RebillQueries rebills;

    RecordTrace(DraftQueries drafts, PostingQueries postings, CreditQueries credits, RebillQueries rebills) {
        this.drafts = drafts;
        this.postings = postings;
        this.credits = credits;
        this.rebills = rebills;
    }

    /** The chain, oldest first: billed lines (with their invoice where one was issued), then the credit lines of those invoices. */
    public List<Link> of(String recordKey) {
        return chain(recordKey).links();
    }

    /** The chain and the record's end. */
    public Chain chain(String recordKey) {
        List<Link> links = new ArrayList<>();
        List<RecordFate.Line> live = new ArrayList<>();
        List<CreditQueries.CreditedRecord> credited = credits.creditsOf(recordKey);
        for (DraftQueries.Billed b : drafts.billed(recordKey)) {
            Optional<PostingQueries.FinalInvoice> invoice = postings.invoiceOf(b.runId(), b.draftId());
            Optional<Long> rebillOf = rebills.creditOf(b.runId(), b.draftId());
            links.add(new Link(b, invoice.orElse(null), null, rebillOf.map(this::referenceOf).orElse(null)));
            invoice.ifPresent(i -> credited.stream().filter(c -> c.invoiceNumber().equals(i.finalNumber()) && c.lineNo() == b.lineNo())
                    .forEach(c -> links.add(new Link(null, null, c, null))));
            if (b.status().equals("live")) {
                live.add(new RecordFate.Line(b.runId(), b.draftId(), b.lineNo(), invoice.map(PostingQueries.FinalInvoice::finalNumber).orElse(null),
                        rebillOf.orElse(null)));
            }
        }
        List<RecordFate.GivenBack> givenBack = credited.stream().filter(c -> c.state() == CreditState.APPROVED && c.closesLine())
                .map(c -> new RecordFate.GivenBack(c.creditId(), c.finalNumber(), c.invoiceNumber(), c.lineNo(), c.rebill(), c.reason(),
                        c.decidedBy()))
                .toList();
        return new Chain(links, RecordFate.of(live, givenBack));
    }

    private String referenceOf(long creditId) {
        return credits.find(creditId).map(CreditMemo::reference).orElse(CreditMemo.reference(creditId));
    }
}
