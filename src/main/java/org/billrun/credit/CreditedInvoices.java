package org.billrun.credit;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.billrun.approval.ApprovalQueries;
import org.billrun.billing.Money;
import org.billrun.billing.TaxGrouping;
import org.billrun.billing.TaxRule;
import org.billrun.credit.CreditArithmetic.OriginalLine;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.infra.RefusedException;
import org.billrun.posting.PostingQueries;
import org.billrun.posting.PostingQueries.FinalInvoice;
import org.springframework.stereotype.Component;

/**
 * A final invoice as a credit reads it: its posting and approved version (posting), its draft's lines,
 * tax rules and records (draft) and the version's own nets and taxes (approval), the way the final
 * invoice was issued: a version's line is its own where it has one, else the draft's.
 */
@Component
class CreditedInvoices {

    /** The invoice credited: its posting row, its draft, and its lines as issued. */
    record Invoice(FinalInvoice posted, Detail draft, List<OriginalLine> lines, Map<Integer, DraftQueries.Line> draftLines) {}

    private final PostingQueries postings;
    private final DraftQueries drafts;
    private final ApprovalQueries approvals;

    CreditedInvoices(PostingQueries postings, DraftQueries drafts, ApprovalQueries approvals) {
        this.postings = postings;
        this.drafts = drafts;
        this.approvals = approvals;
    }

    Invoice of(String finalNumber) {
        FinalInvoice posted = postings.invoice(finalNumber).orElseThrow(() -> new RefusedException(
                "no final invoice " + finalNumber + ": a credit memo credits an approved invoice by its final number (billrun postings)"));
        Detail draft = drafts.find(posted.runId(), posted.draftId(), true).orElseThrow(() -> new IllegalStateException(
                finalNumber + ": draft " + posted.draftId() + " of run " + posted.runId() + " is missing"));
        Map<String, TaxRule.RoundingLevel> rounding = new HashMap<>();
        draft.taxes().forEach(t -> {
            if (t.ruleId() != null && t.rounding() != null) {
                rounding.put(t.ruleId(), TaxRule.RoundingLevel.valueOf(t.rounding().toUpperCase(Locale.ROOT)));
            }
        });
        Map<Integer, ApprovalQueries.VersionLine> own = new HashMap<>();
        if (posted.versionNo() > 1) {
            approvals.lines(posted.versionId()).forEach(l -> own.put(l.lineNo(), l));
        }
        String ccy = posted.currency();
        Map<Integer, DraftQueries.Line> draftLines = new HashMap<>();
        List<OriginalLine> lines = draft.lines().stream().map(l -> {
            draftLines.put(l.lineNo(), l);
            TaxGrouping.Basis basis = l.taxRuleId() == null ? null
                    : new TaxGrouping.Basis(l.taxRuleId(), l.taxRate(), rounding.getOrDefault(l.taxRuleId(), TaxRule.RoundingLevel.LINE));
            ApprovalQueries.VersionLine mine = own.get(l.lineNo());
            BigDecimal net = mine == null ? l.net() : mine.net();
            BigDecimal tax = mine == null ? l.tax() : mine.tax();
            return new OriginalLine(l.lineNo(), l.quantity(), Money.rounded(net, ccy), Money.rounded(tax, ccy), basis);
        }).toList();
        return new Invoice(posted, draft, lines, draftLines);
    }
}
