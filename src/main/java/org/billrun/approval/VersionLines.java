package org.billrun.approval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.ApprovalQueries.VersionLine;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.Money;
import org.billrun.billing.TaxGrouping;
import org.billrun.billing.TaxRule;
import org.billrun.draft.DraftQueries;
import org.billrun.draft.DraftQueries.Detail;
import org.billrun.draft.DraftQueries.Line;
import org.springframework.stereotype.Component;

/**
 * The lines of an invoice version as the adjustment arithmetic sees them: version 1's are the draft's
 * lines; a later version's nets and taxes are its own (invoice_version_line), on the draft's line
 * numbers and tax bases.
 */
@Component
class VersionLines {

    private final ApprovalQueries queries;
    private final DraftQueries drafts;

    VersionLines(ApprovalQueries queries, DraftQueries drafts) {
        this.queries = queries;
        this.drafts = drafts;
    }

    /** The draft's lines, by line number, for descriptions and tax bases. */
    Detail draft(Version v) {
        return drafts.find(v.runId(), v.draftId(), false).orElseThrow(() -> new IllegalStateException(
                "version " + v.versionNo() + " of " + v.draftId() + " has no draft in run " + v.runId()));
    }

    /** The version's lines with their bases and taxes, and which of them are written off. */
    InvoiceAdjustment.Version of(Version v, Detail draft) {
        Map<String, TaxRule.RoundingLevel> rounding = new HashMap<>();
        draft.taxes().forEach(t -> {
            if (t.ruleId() != null && t.rounding() != null) {
                rounding.put(t.ruleId(), TaxRule.RoundingLevel.valueOf(t.rounding().toUpperCase(Locale.ROOT)));
            }
        });
        Map<Integer, VersionLine> own = new HashMap<>();
        if (v.versionNo() > 1) {
            queries.lines(v.versionId()).forEach(l -> own.put(l.lineNo(), l));
        }
        List<InvoiceAdjustment.Line> lines = new ArrayList<>();
        for (Line l : draft.lines()) {
            TaxGrouping.Basis basis = l.taxRuleId() == null ? null
                    : new TaxGrouping.Basis(l.taxRuleId(), l.taxRate(), rounding.getOrDefault(l.taxRuleId(), TaxRule.RoundingLevel.LINE));
            VersionLine mine = own.get(l.lineNo());
            BigDecimal net = mine == null ? l.net() : mine.net();
            BigDecimal tax = mine == null ? l.tax() : mine.tax();
            lines.add(new InvoiceAdjustment.Line(l.lineNo(), Money.rounded(net, v.currency()), basis, Money.rounded(tax, v.currency())));
        }
        return InvoiceAdjustment.Version.price(v.currency(), lines);
    }

    /** Line numbers written off in this version or an earlier one. */
    List<Integer> writtenOff(Version v) {
        return v.versionNo() == 1 ? List.of() : queries.lines(v.versionId()).stream().filter(VersionLine::writtenOff)
                .map(VersionLine::lineNo).toList();
    }
}
