package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.billrun.posting.port.OutgoingInvoice.OutgoingLine;

/**
 * What one final invoice becomes in Tryton: the customer party (found or created by billrun's client id as
 * its code), the customer invoice with billrun's final number as its {@code reference}, and the totals
 * Tryton must arrive at. Pure: no call to Tryton.
 *
 * <p>Mapping rules. A line's tax is the Tryton tax set up for a rule with the line's category and rate
 * (scripts/tryton-setup creates one per tax rule of the entity; the lowest Tryton id when several match).
 * Tryton computes a line's amount as quantity x unit price rounded to the currency, and keeps quantities
 * with two decimals: where that does not give billrun's net exactly, the line goes as one unit at its net.
 * A credit note with positive amounts is booked as Tryton books credit notes, an invoice with negative
 * quantities. The payment term is the one of the invoice's days from issue to due date; without a due
 * date (a credit note may have none) there is none, and Tryton makes the total due on the invoice date.
 * The VAT id goes in as an untyped identifier: Tryton refuses a typed one whose check digits it cannot
 * verify.
 */
record TrytonPosting(TrytonPartyData party, String reference, LocalDate invoiceDate, String description,
        Long paymentTermId, long currencyId, List<Line> lines, BigDecimal net, BigDecimal tax, BigDecimal gross) {

    /**
     * How a credit note's description starts in Tryton ("billrun credit note NWDE-CN-2026-000001 of invoice NWDE-2026-000004,
     * posting batch ..."): it tells a person, and billrun's listing, that the document's negative amounts are a credit.
     */
    static final String CREDIT_NOTE = "billrun credit note ";

    /** One line: its description, quantity, unit price and Tryton tax. */
    record Line(String description, BigDecimal quantity, BigDecimal unitPrice, long taxId) {}

    /** The invoice cannot be put into this Tryton as it is set up: permanent until the setup or the data changes. */
    static final class Unmappable extends RuntimeException {
        Unmappable(String message) {
            super(message);
        }
    }

    TrytonPosting {
        lines = List.copyOf(lines);
    }

    static TrytonPosting of(OutgoingInvoice invoice, TrytonSetup setup) {
        if (!invoice.entityId().equals(setup.entity())) {
            throw new Unmappable("Tryton database '" + setup.database() + "' keeps the books of entity " + setup.entity()
                    + " only, not " + invoice.entityId());
        }
        if (invoice.issueDate() == null) {
            throw new Unmappable("invoice " + invoice.reference() + " has no issue date");
        }
        if (invoice.lines().isEmpty()) {
            throw new Unmappable("invoice " + invoice.reference() + " has no lines");
        }
        Long currencyId = setup.currencies().get(invoice.currency());
        if (currencyId == null) {
            throw new Unmappable("Tryton has no currency " + invoice.currency() + " (set up: " + setup.currencies().keySet()
                    + "); run scripts/tryton-setup again after the contracts changed");
        }
        int sign = invoice.kind() == Kind.CREDIT_NOTE && invoice.gross().signum() > 0 ? -1 : 1;
        long days = invoice.dueDate() == null ? 0 : ChronoUnit.DAYS.between(invoice.issueDate(), invoice.dueDate());
        Long paymentTerm = invoice.dueDate() == null ? null : setup.paymentTerms().get((int) days);
        if (paymentTerm == null && invoice.dueDate() != null) {
            throw new Unmappable("Tryton has no payment term of " + days + " days (set up: " + setup.paymentTerms().keySet()
                    + ")");
        }
        OutgoingInvoice.Customer customer = invoice.customer();
        TrytonPartyData party = new TrytonPartyData(customer.clientId(),
                customer.name() == null ? customer.clientId() : customer.name(),
                new TrytonAddress(customer.address(), null, null, customer.country()),
                customer.vatId() == null || customer.vatId().isBlank() ? null : new TrytonTaxIdentifier(null, customer.vatId()),
                paymentTerm);
        List<Line> lines = invoice.lines().stream().map(line -> line(line, sign, setup.taxes(), invoice.reference())).toList();
        String what = invoice.kind() == Kind.CREDIT_NOTE
                ? CREDIT_NOTE + invoice.reference() + (invoice.creditedReference() == null ? "" : " of invoice " + invoice.creditedReference())
                : "billrun " + invoice.reference();
        String description = invoice.batchReference() == null ? what : what + ", posting batch " + invoice.batchReference();
        return new TrytonPosting(party, invoice.reference(), invoice.issueDate(), description, paymentTerm, currencyId, lines,
                signed(invoice.net(), sign), signed(invoice.tax(), sign), signed(invoice.gross(), sign));
    }

    TrytonInvoiceRequest request(long partyId, TrytonSetup setup) {
        return new TrytonInvoiceRequest(reference, partyId, invoiceDate, description, setup.receivableAccountId(),
                setup.revenueJournalId(), paymentTermId, currencyId, lines.stream().map(line -> new TrytonInvoiceLineRequest(
                        line.description(), line.quantity(), line.unitPrice(), setup.revenueAccountId(), List.of(line.taxId())))
                        .toList());
    }

    /** Whether Tryton's amounts are billrun's, to the cent. */
    boolean sameTotals(TrytonInvoice booked) {
        return same(net, booked.untaxedAmount()) && same(tax, booked.taxAmount()) && same(gross, booked.totalAmount());
    }

    private static Line line(OutgoingLine line, int sign, Map<String, TrytonSetup.Tax> taxes, String reference) {
        String description = line.description() == null || line.description().isBlank() ? "Line " + line.lineNo()
                : line.description();
        long taxId = taxes.entrySet().stream()
                .filter(e -> e.getValue().category().equalsIgnoreCase(String.valueOf(line.taxCategory()))
                        && line.taxRate() != null && new BigDecimal(e.getValue().ratePct()).compareTo(line.taxRate()) == 0)
                .map(e -> e.getValue().id()).sorted().findFirst()
                .orElseThrow(() -> new Unmappable("invoice " + reference + " line " + line.lineNo() + ": Tryton has no tax of"
                        + " category " + line.taxCategory() + " at " + line.taxRate() + " % (set up: " + taxes.keySet() + ")"));
        if (line.net() == null) {
            throw new Unmappable("invoice " + reference + " line " + line.lineNo() + " has no net amount");
        }
        boolean itemised = line.quantity() != null && line.unitPrice() != null
                && line.quantity().stripTrailingZeros().scale() <= 2 && line.unitPrice().stripTrailingZeros().scale() <= 4
                && line.quantity().multiply(line.unitPrice()).setScale(line.net().scale(), RoundingMode.HALF_UP)
                        .compareTo(line.net()) == 0;
        BigDecimal quantity = itemised ? line.quantity() : BigDecimal.ONE;
        BigDecimal unitPrice = itemised ? line.unitPrice() : line.net();
        return new Line(description, sign < 0 ? quantity.negate() : quantity, unitPrice, taxId);
    }

    private static BigDecimal signed(BigDecimal amount, int sign) {
        return amount == null || sign > 0 ? amount : amount.negate();
    }

    private static boolean same(BigDecimal billrun, BigDecimal tryton) {
        return billrun == null || (tryton != null && billrun.compareTo(tryton) == 0);
    }
}
