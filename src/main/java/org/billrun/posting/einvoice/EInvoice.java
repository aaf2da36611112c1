package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A final invoice or credit note as billrun issues it, the input of its e-invoice ({@link UblWriter}). It
 * describes the invoice, not UBL: the posting stage fills it from billrun's invoice and master data, and
 * the writer decides how Peppol BIS Billing 3.0 wants it said.
 *
 * <p>Money: every amount is a BigDecimal in {@code currency}, the one currency of the document (Peppol
 * allows no other, R051), at most at the currency's minor unit. A credit note states what it credits as
 * positive amounts, as its printed form does.
 *
 * @param dueDate when payment is due; null where {@code payment} states terms instead (BR-CO-25)
 * @param period the service period the invoice bills; may be null
 * @param note one free-text note for the buyer (Peppol allows one, R002); may be null
 * @param payment how to pay; may be null except between two German parties (DE-R-001)
 * @param allowancesCharges document-level allowances (write-downs) and charges
 * @param taxSubtotals the tax breakdown: one per category and rate the lines and allowances use
 * @param taxInAccountingCurrency the VAT total in the seller's VAT accounting currency, where it differs
 *     from the invoice's (a JPY invoice with UK VAT states the VAT in GBP too); null otherwise
 * @param totals the totals as billrun's invoice states them; the writer derives them again and refuses a
 *     document whose totals differ
 */
public record EInvoice(Kind kind, String number, LocalDate issueDate, LocalDate dueDate, String currency, References references,
        Period period, String note, Party seller, Party buyer, Payment payment, List<Line> lines,
        List<DocumentAllowanceCharge> allowancesCharges, List<TaxSubtotal> taxSubtotals, TaxAmount taxInAccountingCurrency,
        Totals totals) {

    public EInvoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(issueDate, () -> number + ": issueDate");
        Objects.requireNonNull(currency, () -> number + ": currency");
        Objects.requireNonNull(seller, () -> number + ": seller");
        Objects.requireNonNull(buyer, () -> number + ": buyer");
        Objects.requireNonNull(totals, () -> number + ": totals");
        references = references == null ? new References(null, null, null, null, null) : references;
        lines = List.copyOf(Objects.requireNonNull(lines, () -> number + ": lines"));
        allowancesCharges = allowancesCharges == null ? List.of() : List.copyOf(allowancesCharges);
        taxSubtotals = List.copyOf(Objects.requireNonNull(taxSubtotals, () -> number + ": taxSubtotals"));
    }

    public enum Kind {
        INVOICE, CREDIT_NOTE
    }

    /**
     * What the buyer's side uses to match the invoice: its own reference (BT-10), its purchase order
     * (BT-13), the seller's sales order (BT-14), the contract (BT-12), and for a credit note the invoice it
     * credits (BT-25, BT-26). Peppol needs a buyer reference or a purchase order (R003).
     */
    public record References(String buyerReference, String purchaseOrder, String salesOrder, String contract,
            InvoiceReference precedingInvoice) {}

    /** An earlier invoice: its number and issue date. */
    public record InvoiceReference(String number, LocalDate issueDate) {

        public InvoiceReference {
            Objects.requireNonNull(number, "number");
        }
    }

    /** A period, both days inclusive. */
    public record Period(LocalDate from, LocalDate to) {}

    /** An amount of tax in another currency than the invoice's. */
    public record TaxAmount(String currency, BigDecimal amount) {

        public TaxAmount {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The invoice's totals: net (after document allowances and charges), tax, gross = net + tax, paid
     * before (e.g. a retainer paid in advance; zero if none) and due = gross - paid.
     */
    public record Totals(BigDecimal net, BigDecimal tax, BigDecimal gross, BigDecimal paid, BigDecimal due) {

        public Totals {
            Objects.requireNonNull(net, "net");
            Objects.requireNonNull(tax, "tax");
            Objects.requireNonNull(gross, "gross");
            paid = paid == null ? BigDecimal.ZERO : paid;
            Objects.requireNonNull(due, "due");
        }
    }
}
