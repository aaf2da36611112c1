package org.billrun.credit;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.draft.DraftQueries;
import org.billrun.posting.port.CreditNotes;
import org.springframework.stereotype.Component;

/**
 * The posting stage's port to credit memos: an approved credit as its credit note states it, with the
 * credited invoice's identity, contract, PO number and service period, and the tax breakdown per category
 * and rate of the lines it gives back (the exemption note of each line's tax rule, as on the invoice).
 */
@Component
class CreditNoteSource implements CreditNotes {

    private final CreditQueries queries;
    private final CreditedInvoices invoices;

    CreditNoteSource(CreditQueries queries, CreditedInvoices invoices) {
        this.queries = queries;
        this.invoices = invoices;
    }

    @Override
    public CreditNote creditNote(long creditId) {
        CreditMemo c = queries.find(creditId).orElseThrow(() -> new IllegalStateException("no credit memo " + creditId));
        if (c.state() != CreditState.APPROVED) {
            throw new IllegalStateException(c.reference() + " is " + c.state().label() + ": only an approved credit is a credit note");
        }
        CreditedInvoices.Invoice invoice = invoices.of(c.invoiceNumber());
        DraftQueries.Detail draft = invoice.draft();
        Map<String, String> notes = new HashMap<>();
        draft.taxes().forEach(t -> {
            if (t.ruleId() != null && t.exemptionNote() != null) {
                notes.putIfAbsent(t.ruleId(), t.exemptionNote());
            }
        });
        Map<String, Tax> taxes = new LinkedHashMap<>();
        for (CreditMemo.Line l : c.lines()) {
            BigDecimal rate = l.taxRate() == null ? null : l.taxRate().stripTrailingZeros();
            String key = l.taxCategory() + "/" + (rate == null ? "" : rate.toPlainString());
            Tax sum = taxes.get(key);
            String note = sum != null && sum.exemptionNote() != null ? sum.exemptionNote() : l.taxRuleId() == null ? null : notes.get(l.taxRuleId());
            taxes.put(key, new Tax(l.taxCategory(), rate, note, (sum == null ? BigDecimal.ZERO : sum.net()).add(l.net()),
                    (sum == null ? BigDecimal.ZERO : sum.tax()).add(l.tax())));
        }
        List<Line> lines = c.lines().stream().map(l -> new Line(l.lineNo(), invoice.draftLines().get(l.lineNo()).type(), l.description(),
                l.quantity(), l.unitPrice(), l.net(), l.tax(), l.taxCategory(), l.taxRate())).toList();
        return new CreditNote(c.creditId(), c.finalNumber(), c.issueDate(), c.invoiceNumber(), invoice.posted().issueDate(), c.runId(),
                c.draftId(), invoice.posted().versionNo(), c.entityId(), c.clientId(), c.currency(), draft.contractId(), draft.poNumber(),
                draft.serviceFrom(), draft.serviceTo(), c.reason().label(), c.comment(), lines, List.copyOf(taxes.values()), c.net(), c.tax(),
                c.gross());
    }
}
