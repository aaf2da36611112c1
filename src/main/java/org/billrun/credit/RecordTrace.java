package org.billrun.credit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.draft.DraftQueries;
import org.billrun.posting.PostingQueries;
import org.springframework.stereotype.Component;

/**
 * The lineage of one source record (`billrun trace RECORD_ID`, docs/credits.md, "Lineage"): each draft line
 * that billed it (run, draft, line, whether the draft is live, its final invoice and posting state), and each
 * credit line that gave (part of) such a line back (credit, number, state, quantity, net, reason, who asked
 * and who approved, whether a rebill was asked for).
 */
@Component
public class RecordTrace {

    /** One link of the chain: a line that billed the record, with its invoice; or a credit line of it. */
    public record Link(DraftQueries.Billed billed, PostingQueries.FinalInvoice invoice, CreditQueries.CreditedRecord credit) {}

    private final DraftQueries drafts;
    private final PostingQueries postings;
    private final CreditQueries credits;

    RecordTrace(DraftQueries drafts, PostingQueries postings, CreditQueries credits) {
        this.drafts = drafts;
        this.postings = postings;
        this.credits = credits;
    }

    /** The chain, oldest first: billed lines (with their invoice where one was issued), then the credit lines of those invoices. */
    public List<Link> of(String recordKey) {
        List<Link> links = new ArrayList<>();
        List<CreditQueries.CreditedRecord> credited = credits.creditsOf(recordKey);
        for (DraftQueries.Billed b : drafts.billed(recordKey)) {
            Optional<PostingQueries.FinalInvoice> invoice = postings.invoiceOf(b.runId(), b.draftId());
            links.add(new Link(b, invoice.orElse(null), null));
            invoice.ifPresent(i -> credited.stream().filter(c -> c.invoiceNumber().equals(i.finalNumber()) && c.lineNo() == b.lineNo())
                    .forEach(c -> links.add(new Link(null, null, c))));
        }
        return links;
    }
}
