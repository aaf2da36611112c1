package org.billrun.posting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.Rounding;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.masterdata.InvoicingParties.Buyer;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.CreditNoteAssembly;
import org.billrun.posting.einvoice.EInvoice;
import org.billrun.posting.einvoice.UblWriter;
import org.billrun.posting.port.CreditNotes;
import org.billrun.posting.port.CreditNotes.CreditNote;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.stereotype.Component;

/**
 * The credit note of an approved credit memo (docs/credits.md, "Posting"): its lines and totals as the ERP
 * books them and its Peppol BIS Billing 3.0 UBL CreditNote, which names the invoice it credits (BT-25,
 * BT-26) and states the amounts given back as positive amounts. The lines are mapped as an invoice's are
 * ({@link EInvoiceMapping}), with the credit's quantities and nets and no adjustments. No PDF yet: the
 * e-invoice is the credit note; a client or entity without a Peppol id gets none ({@code ublXml} null).
 */
@Component
class CreditNoteDocuments implements CreditNoteAssembly {

    private final CreditNotes credits;
    private final InvoicingParties parties;
    private final UblWriter ubl = new UblWriter();

    CreditNoteDocuments(CreditNotes credits, InvoicingParties parties) {
        this.credits = credits;
        this.parties = parties;
    }

    @Override
    public OutgoingInvoice assemble(long creditId, String finalNumber, LocalDate issueDate, String batchReference) {
        CreditNote c = credits.creditNote(creditId);
        Seller seller = parties.seller(c.runId(), c.entityId()).orElseThrow(() -> new IllegalStateException(
                finalNumber + ": legal entity " + c.entityId() + " is not in the master data of run " + c.runId()));
        Buyer buyer = parties.buyer(c.runId(), c.clientId()).orElseThrow(() -> new IllegalStateException(
                finalNumber + ": client " + c.clientId() + " is not in the master data of run " + c.runId()));
        EInvoice eInvoice = eInvoice(c, new EInvoiceMapping.Particulars(finalNumber, issueDate, seller, buyer));
        byte[] xml = blank(seller.peppolId()) || blank(buyer.peppolId()) ? null : ubl.write(eInvoice);
        List<OutgoingInvoice.OutgoingLine> lines = c.lines().stream().map(l -> new OutgoingInvoice.OutgoingLine(l.lineNo(), l.description(),
                l.quantity() == null || l.unitPrice() == null ? BigDecimal.ONE : l.quantity(),
                l.quantity() == null || l.unitPrice() == null ? l.net() : l.unitPrice(), l.net(), l.taxCategory(), l.taxRate(), l.tax()))
                .toList();
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey(c.entityId(), finalNumber, 1), c.entityId(), finalNumber, 0, 1, c.draftId(),
                batchReference, OutgoingInvoice.Kind.CREDIT_NOTE, c.invoiceNumber(), issueDate, null, c.currency(),
                new OutgoingInvoice.Customer(buyer.clientId(), buyer.name(), buyer.country(), buyer.taxId(), buyer.address()), lines, c.net(),
                c.tax(), c.gross(), xml, null);
    }

    /** The credit as the e-invoice model states it: an invoice's mapping of its lines, as a credit note of the invoice it credits. */
    static EInvoice eInvoice(CreditNote c, EInvoiceMapping.Particulars p) {
        int digits = MoneyFormat.minorDigits(c.currency());
        List<ApprovedVersion.Line> lines = c.lines().stream().map(l -> {
            BigDecimal net = l.net().setScale(digits, java.math.RoundingMode.UNNECESSARY);
            boolean priced = l.quantity() != null && l.unitPrice() != null
                    && Rounding.toMinorUnit(l.quantity().multiply(l.unitPrice()), c.currency()).compareTo(net) == 0;
            return new ApprovedVersion.Line(l.lineNo(), l.type(), l.description(), priced ? l.quantity() : null, priced ? l.unitPrice() : null,
                    net, net, l.tax().setScale(digits, java.math.RoundingMode.UNNECESSARY), l.taxCategory(), l.taxRate(), false);
        }).toList();
        List<ApprovedVersion.Tax> taxes = c.taxes().stream().map(t -> new ApprovedVersion.Tax(t.category(), t.rate(), t.exemptionNote(),
                t.net().setScale(digits, java.math.RoundingMode.UNNECESSARY), t.tax().setScale(digits, java.math.RoundingMode.UNNECESSARY)))
                .toList();
        ApprovedVersion figures = new ApprovedVersion(c.draftId(), 1, c.currency(), c.contractId(), c.poNumber(), c.serviceFrom(), c.serviceTo(),
                lines, taxes, c.net().setScale(digits, java.math.RoundingMode.UNNECESSARY), c.tax().setScale(digits, java.math.RoundingMode.UNNECESSARY),
                c.gross().setScale(digits, java.math.RoundingMode.UNNECESSARY));
        EInvoice invoice = EInvoiceMapping.map(figures, p);
        EInvoice.References r = invoice.references();
        return new EInvoice(EInvoice.Kind.CREDIT_NOTE, invoice.number(), invoice.issueDate(), invoice.dueDate(), invoice.currency(),
                new EInvoice.References(r.buyerReference(), r.purchaseOrder(), r.salesOrder(), r.contract(),
                        new EInvoice.InvoiceReference(c.invoiceNumber(), c.invoiceIssueDate())),
                invoice.period(), "Credit note of invoice " + c.invoiceNumber() + " (" + c.reason() + ")", invoice.seller(), invoice.buyer(),
                invoice.payment(), invoice.lines(), invoice.allowancesCharges(), invoice.taxSubtotals(), invoice.taxInAccountingCurrency(),
                invoice.totals());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
