package org.billrun.posting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.billrun.billing.Rounding;
import org.billrun.masterdata.InvoicingParties.Buyer;
import org.billrun.masterdata.InvoicingParties.Seller;
import org.billrun.posting.einvoice.AllowanceCharge;
import org.billrun.posting.einvoice.DocumentAllowanceCharge;
import org.billrun.posting.einvoice.EInvoice;
import org.billrun.posting.einvoice.Line;
import org.billrun.posting.einvoice.Party;
import org.billrun.posting.einvoice.Payment;
import org.billrun.posting.einvoice.TaxCategory;
import org.billrun.posting.einvoice.TaxSubtotal;

/**
 * An approved invoice version and its parties as the e-invoice model ({@link EInvoice}) states them
 * (docs/e-invoices.md, "From billrun's invoice to the model"). Plain Java: the writer then decides how
 * Peppol BIS Billing 3.0 says it.
 *
 * <p>Adjustments are line allowances and charges: a line keeps the quantity and price the draft billed,
 * and a write-down (or write-off: the whole net) is an allowance on it, a write-up a charge. The client
 * sees what was worked and what was taken off, and each allowance shares its line's tax category, so
 * the tax breakdown stays the one billrun computed. The not-to-exceed cap's write-down, a line of its own
 * in billrun, is a document-level allowance in the category and rate of the time it writes down.
 */
final class EInvoiceMapping {

    /** UNCL 5189: discount. */
    static final String DISCOUNT = "95";

    private EInvoiceMapping() {}

    /** What the final number and date add to the version: the invoice's identity and its two parties. */
    record Particulars(String number, LocalDate issueDate, Seller seller, Buyer buyer) {

        /** Issue date plus the client's payment terms. */
        LocalDate dueDate() {
            return issueDate.plusDays(buyer.paymentTermsDays());
        }
    }

    static EInvoice map(ApprovedVersion v, Particulars p) {
        List<Line> lines = new ArrayList<>();
        List<DocumentAllowanceCharge> documentAllowances = new ArrayList<>();
        for (ApprovedVersion.Line l : v.lines()) {
            TaxCategory category = category(v, l);
            BigDecimal rate = category.hasRate() ? l.taxRate() : null;
            if ("cap_write_down".equals(l.type())) {
                documentAllowances.add(new DocumentAllowanceCharge(AllowanceCharge.allowance(l.net().negate(), DISCOUNT, l.description()),
                        category, rate));
            } else {
                lines.add(line(v, l, category, rate));
            }
        }
        List<TaxSubtotal> subtotals = v.taxes().stream().map(t -> subtotal(v, t)).toList();
        String buyerReference = blank(v.poNumber()) ? v.contractId() : v.poNumber();
        EInvoice.References references = new EInvoice.References(buyerReference, blank(v.poNumber()) ? null : v.poNumber(), null,
                v.contractId(), null);
        return new EInvoice(EInvoice.Kind.INVOICE, p.number(), p.issueDate(), p.dueDate(), v.currency(), references,
                new EInvoice.Period(v.serviceFrom(), v.serviceTo()), null, seller(p.seller()), buyer(p.buyer()), payment(p, v.currency()),
                lines, documentAllowances, subtotals, null, new EInvoice.Totals(v.net(), v.tax(), v.gross(), BigDecimal.ZERO, v.gross()));
    }

    /**
     * Hours at the rate, one unit at the amount, or the covered hours at price 0 (time a fixed fee or a
     * retainer pays for), then the version's adjustment as an allowance or a charge.
     */
    private static Line line(ApprovedVersion v, ApprovedVersion.Line l, TaxCategory category, BigDecimal rate) {
        boolean hours = "time".equals(l.type()) || "fixed_fee_time".equals(l.type());
        String unit = hours ? Line.HOURS : Line.ONE;
        BigDecimal quantity;
        BigDecimal price;
        if (l.quantity() != null && l.unitPrice() != null && l.quantity().signum() > 0
                && Rounding.toMinorUnit(l.quantity().multiply(l.unitPrice()), v.currency()).compareTo(l.draftNet()) == 0) {
            quantity = l.quantity();
            price = l.unitPrice();
        } else if (l.quantity() != null && l.quantity().signum() > 0 && l.draftNet().signum() == 0) {
            quantity = l.quantity();
            price = BigDecimal.ZERO;
        } else {
            quantity = l.draftNet().signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE;
            price = l.draftNet().abs();
            unit = Line.ONE;
        }
        List<AllowanceCharge> adjustments = new ArrayList<>();
        BigDecimal change = l.adjustment();
        if (change.signum() < 0) {
            adjustments.add(AllowanceCharge.allowance(change.negate(), DISCOUNT, l.writtenOff() ? "Written off" : "Write-down"));
        } else if (change.signum() > 0) {
            adjustments.add(AllowanceCharge.charge(change, null, "Write-up"));
        }
        return new Line(Integer.toString(l.lineNo()), l.description(), null, quantity, unit, price, l.net(), adjustments, category, rate);
    }

    private static TaxCategory category(ApprovedVersion v, ApprovedVersion.Line l) {
        if (blank(l.taxCategory())) {
            throw new IllegalStateException(v.draftId() + " line " + l.lineNo() + " (" + l.description()
                    + ") has no tax category: no tax rule taxed it, and an e-invoice line must state one");
        }
        return TaxCategory.valueOf(l.taxCategory().strip().toUpperCase(Locale.ROOT));
    }

    private static TaxSubtotal subtotal(ApprovedVersion v, ApprovedVersion.Tax t) {
        TaxCategory category = TaxCategory.valueOf(t.category().strip().toUpperCase(Locale.ROOT));
        return new TaxSubtotal(category, category.hasRate() ? t.rate() : null, t.net(), t.tax(), null,
                category.needsExemptionReason() ? t.exemptionNote() : null);
    }

    static Party seller(Seller s) {
        boolean vat = isVatId(s.vatId());
        return new Party(s.name(), address(s.address(), s.city(), s.postCode(), s.country()), vat ? s.vatId().strip() : null,
                !blank(s.companyId()) ? s.companyId().strip() : vat || blank(s.vatId()) ? null : s.vatId().strip(), null,
                endpoint(s.peppolId()), contact(s));
    }

    static Party buyer(Buyer b) {
        boolean vat = b.business() && isVatId(b.taxId());
        return new Party(b.name(), address(b.address(), b.city(), b.postCode(), b.country()), vat ? b.taxId().strip() : null,
                vat || blank(b.taxId()) ? null : b.taxId().strip(), null, endpoint(b.peppolId()), null);
    }

    /**
     * By credit transfer to the entity's account where master data has one (SEPA for an IBAN in euro),
     * the invoice number as the payment reference; the client's payment terms as text.
     */
    static Payment payment(Particulars p, String currency) {
        Seller s = p.seller();
        String terms = p.buyer().paymentTermsDays() == 0 ? "Due on receipt" : p.buyer().paymentTermsDays() + " days net";
        if (blank(s.bankAccount())) {
            return new Payment(null, null, null, null, p.number(), terms);
        }
        Payment.Means means = isIban(s.bankAccount()) && "EUR".equals(currency) ? Payment.Means.SEPA_CREDIT_TRANSFER
                : Payment.Means.CREDIT_TRANSFER;
        return new Payment(means, s.bankAccount().replace(" ", ""), s.name(), blank(s.bic()) ? null : s.bic().strip(), p.number(), terms);
    }

    /** A VAT id starts with its country's two letters (BR-CO-09); "EIN 98-7654321" or "13-4567890" is another kind of tax id. */
    static boolean isVatId(String id) {
        return !blank(id) && id.strip().matches("[A-Z]{2}[A-Z0-9].*") && !id.strip().startsWith("EIN");
    }

    static boolean isIban(String account) {
        return account.replace(" ", "").matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    }

    /** "scheme:id", e.g. "9930:DE811111111"; null when master data has none. */
    private static Party.ElectronicAddress endpoint(String peppolId) {
        if (blank(peppolId)) {
            return null;
        }
        int colon = peppolId.indexOf(':');
        if (colon <= 0 || colon == peppolId.length() - 1) {
            throw new IllegalStateException("Peppol id '" + peppolId + "' is not scheme:id (e.g. 9930:DE811111111)");
        }
        return new Party.ElectronicAddress(peppolId.substring(0, colon).strip(), peppolId.substring(colon + 1).strip());
    }

    private static Party.Address address(String text, String city, String postCode, String country) {
        return new Party.Address(blank(text) ? List.of() : List.of(text.replace("\n", ", ").strip()), blank(city) ? null : city.strip(),
                blank(postCode) ? null : postCode.strip(), null, country);
    }

    private static Party.Contact contact(Seller s) {
        if (blank(s.contactName()) && blank(s.contactPhone()) && blank(s.contactEmail())) {
            return null;
        }
        return new Party.Contact(s.contactName(), s.contactPhone(), s.contactEmail());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
