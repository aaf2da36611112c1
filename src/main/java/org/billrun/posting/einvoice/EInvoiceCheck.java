package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.billrun.posting.einvoice.InvoiceSums.TaxKey;

/**
 * What the writer checks before it writes: that the invoice adds up (its totals and tax breakdown are the
 * sums of its lines), that billrun's rounding stays within what EN 16931 accepts, and that the parties carry
 * the ids the rules need for the invoice's tax categories. Each problem names the field and what was
 * expected, in billrun's terms. The full EN 16931 and Peppol rule sets stay the job of
 * {@link EInvoiceValidator}; these are the rules billrun's data decides.
 */
final class EInvoiceCheck {

    private static final Set<String> VAT_PREFIXES = vatPrefixes();

    private final EInvoice invoice;
    private final InvoiceSums sums;
    private final String ccy;
    private final List<String> problems = new ArrayList<>();

    private EInvoiceCheck(EInvoice invoice, InvoiceSums sums) {
        this.invoice = invoice;
        this.sums = sums;
        this.ccy = invoice.currency();
    }

    static List<String> problems(EInvoice invoice, InvoiceSums sums) {
        EInvoiceCheck check = new EInvoiceCheck(invoice, sums);
        check.document();
        check.parties();
        check.lines();
        check.documentAllowancesCharges();
        check.breakdown();
        check.totals();
        return check.problems;
    }

    /**
     * BR-CO-17: the tax of a category is its taxable amount x rate, rounded to 2 decimals, give or take less
     * than one whole currency unit (the Schematron's tolerance); at rate 0 it is 0. billrun's line rounding
     * moves the tax by up to half a minor unit per line, so it stays inside for a 2-decimal currency up to
     * 199 lines, and for a 0-decimal currency (half a yen per line) only for very few.
     */
    static boolean taxWithinTolerance(BigDecimal taxable, BigDecimal ratePct, BigDecimal tax) {
        if (ratePct == null || ratePct.signum() == 0) {
            return tax.signum() == 0;
        }
        BigDecimal expected = taxable.abs().multiply(ratePct).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        return tax.abs().subtract(expected).abs().compareTo(BigDecimal.ONE) < 0;
    }

    private void document() {
        if (!ccy.matches("[A-Z]{3}")) {
            problems.add("currency '" + ccy + "' is not an ISO 4217 code");
        }
        if (invoice.lines().isEmpty()) {
            problems.add("no lines: an invoice has at least one (BR-16)");
        }
        EInvoice.References refs = invoice.references();
        if (blank(refs.buyerReference()) && blank(refs.purchaseOrder())) {
            problems.add("neither a buyer reference nor a purchase order: Peppol needs one of them (PEPPOL-EN16931-R003)");
        }
        if (invoice.kind() == EInvoice.Kind.CREDIT_NOTE && refs.precedingInvoice() == null) {
            problems.add("a credit note names the invoice it credits (preceding invoice reference, BT-25)");
        }
        Payment payment = invoice.payment();
        if (sums.due().signum() > 0 && invoice.dueDate() == null && (payment == null || blank(payment.terms()))) {
            problems.add("amount due " + sums.due().toPlainString() + " without a due date or payment terms (BR-CO-25)");
        }
        if (invoice.kind() == EInvoice.Kind.CREDIT_NOTE && invoice.dueDate() != null && (payment == null || payment.means() == null)) {
            problems.add("a credit note's due date goes into its payment means (UBL 2.1 CreditNote has no due date of its own),"
                    + " but it names none");
        }
        if (payment != null && payment.means() != null && blank(payment.account())) {
            problems.add("payment by " + payment.means() + " names no account to pay to (BR-50)");
        }
        if (payment != null && payment.means() == null && !blank(payment.account())) {
            problems.add("payment names account " + payment.account() + " but no means of payment to carry it (BR-49)");
        }
        EInvoice.Period period = invoice.period();
        if (period != null && period.from() != null && period.to() != null && period.to().isBefore(period.from())) {
            problems.add("service period ends " + period.to() + " before it starts " + period.from() + " (BR-29)");
        }
        EInvoice.TaxAmount accounting = invoice.taxInAccountingCurrency();
        if (accounting != null) {
            if (accounting.currency().equals(ccy)) {
                problems.add("the VAT accounting currency " + ccy + " is the invoice's own: leave it out (PEPPOL-EN16931-R005)");
            }
            if (accounting.amount().signum() * sums.tax().signum() < 0) {
                problems.add("VAT in " + accounting.currency() + " " + accounting.amount().toPlainString()
                        + " has the other sign than the VAT " + sums.tax().toPlainString() + " (PEPPOL-EN16931-R055)");
            }
            decimals("VAT in " + accounting.currency(), accounting.amount(), accounting.currency());
        }
    }

    private void parties() {
        party("seller", invoice.seller(), "PEPPOL-EN16931-R020");
        party("buyer", invoice.buyer(), "PEPPOL-EN16931-R010");
        Set<TaxCategory> categories = EnumSet.noneOf(TaxCategory.class);
        sums.taxable().keySet().forEach(k -> categories.add(k.category()));
        Party seller = invoice.seller();
        Party buyer = invoice.buyer();
        if (categories.contains(TaxCategory.O)) {
            if (categories.size() > 1) {
                problems.add("outside scope (O) shares the invoice with " + without(categories, TaxCategory.O)
                        + ": an invoice outside the scope of VAT has no other category (BR-O-11 to BR-O-14)");
            }
            if (!seller.hasCompanyId()) {
                problems.add("seller " + seller.name() + " has no company registration id: outside scope (O) leaves the VAT id"
                        + " out (BR-O-02), so the seller is identified by its registration id (BT-30, BR-CO-26)");
            }
            return;
        }
        if (!seller.hasVatId() && !seller.hasCompanyId()) {
            problems.add("seller " + seller.name() + " has neither a VAT id nor a company registration id (BR-CO-26)");
        }
        for (TaxCategory category : categories) {
            if (!seller.hasVatId()) {
                problems.add("category " + category + " needs the seller's VAT id (BR-" + category + "-02)");
            }
        }
        if (categories.contains(TaxCategory.AE) && !buyer.hasVatId() && !buyer.hasCompanyId()) {
            problems.add("reverse charge (AE) needs the buyer's VAT id (BR-AE-02): buyer " + buyer.name() + " has none");
        }
        vatPrefix("seller", seller);
        vatPrefix("buyer", buyer);
    }

    private void party(String role, Party party, String endpointRule) {
        if (party.electronicAddress() == null || blank(party.electronicAddress().id()) || blank(party.electronicAddress().scheme())) {
            problems.add(role + " " + party.name() + " has no electronic address (Peppol participant id): Peppol BIS 3 has no"
                    + " document without one (" + endpointRule + ")");
        }
        if (!party.address().country().matches("[A-Z]{2}")) {
            problems.add(role + " " + party.name() + ": country '" + party.address().country() + "' is not an ISO 3166-1 code");
        }
    }

    /** BR-CO-09: a VAT id starts with its country's ISO 3166 code (Greece may use EL, Northern Ireland XI). */
    private void vatPrefix(String role, Party party) {
        if (party.hasVatId() && !VAT_PREFIXES.contains(party.vatId().strip().substring(0, Math.min(2, party.vatId().strip().length())))) {
            problems.add(role + " " + party.name() + ": VAT id '" + party.vatId() + "' has no country prefix (BR-CO-09);"
                    + " a tax number that is no VAT id belongs in the company registration id");
        }
    }

    private void lines() {
        for (Line line : invoice.lines()) {
            String name = "line " + line.id();
            decimals(name + " net", line.net(), ccy);
            if (blank(line.name())) {
                problems.add(name + ": no name for what it bills (BT-153)");
            }
            if (blank(line.unitCode())) {
                problems.add(name + ": no unit code for quantity " + line.quantity().toPlainString());
            }
            if (line.unitPrice().signum() < 0) {
                problems.add(name + ": price " + line.unitPrice().toPlainString() + " is negative (BR-27); bill a negative amount"
                        + " as a negative quantity at a positive price");
            }
            BigDecimal exact = line.exactNet();
            if (exact.subtract(line.net()).abs().compareTo(Amounts.halfMinorUnit(ccy)) > 0) {
                problems.add(name + ": net " + line.net().toPlainString() + " is not quantity x price + charges - allowances ("
                        + exact.toPlainString() + ") rounded to " + ccy + "'s minor unit");
            }
            for (AllowanceCharge ac : line.allowancesCharges()) {
                allowanceCharge(name, ac);
            }
            rate(name, line.taxCategory(), line.taxRate());
        }
    }

    private void documentAllowancesCharges() {
        int n = 0;
        for (DocumentAllowanceCharge dac : invoice.allowancesCharges()) {
            String name = "document " + dac.allowanceCharge().kind().name().toLowerCase(Locale.ROOT) + " " + ++n;
            allowanceCharge(name, dac.allowanceCharge());
            rate(name, dac.taxCategory(), dac.taxRate());
        }
    }

    private void allowanceCharge(String owner, AllowanceCharge ac) {
        String name = owner + " " + ac.kind().name().toLowerCase(Locale.ROOT);
        decimals(name, ac.amount(), ccy);
        if (ac.amount().signum() < 0) {
            problems.add(name + " " + ac.amount().toPlainString() + " is negative: its kind says which way it goes");
        }
        if (blank(ac.reason()) && blank(ac.reasonCode())) {
            problems.add(name + " " + ac.amount().toPlainString() + " says neither why nor a reason code (BR-33, BR-38, BR-42, BR-44)");
        }
    }

    private void rate(String owner, TaxCategory category, BigDecimal rate) {
        boolean positive = rate != null && rate.signum() > 0;
        if (category == TaxCategory.S && !positive) {
            problems.add(owner + ": category S needs a rate above 0 (BR-S-05)");
        } else if (category != TaxCategory.S && rate != null && rate.signum() != 0) {
            problems.add(owner + ": category " + category + " has rate 0, not " + rate.toPlainString() + " (BR-" + category + "-05)");
        }
    }

    private void breakdown() {
        Map<TaxKey, TaxSubtotal> given = new LinkedHashMap<>();
        for (TaxSubtotal subtotal : invoice.taxSubtotals()) {
            TaxKey key = TaxKey.of(subtotal.category(), subtotal.rate());
            if (given.put(key, subtotal) != null) {
                problems.add("two tax subtotals for " + key);
            }
            decimals("tax subtotal " + key + " taxable amount", subtotal.taxableAmount(), ccy);
            decimals("tax subtotal " + key + " tax", subtotal.taxAmount(), ccy);
            exemption(key, subtotal);
        }
        sums.taxable().forEach((key, taxable) -> {
            TaxSubtotal subtotal = given.get(key);
            if (subtotal == null) {
                problems.add("no tax subtotal for " + key + ", which lines or allowances use (BR-CO-18)");
            } else if (subtotal.taxableAmount().compareTo(taxable) != 0) {
                problems.add("tax subtotal " + key + ": taxable amount " + subtotal.taxableAmount().toPlainString()
                        + ", but its lines less allowances plus charges make " + taxable.toPlainString()
                        + " (BR-" + key.category() + "-08)");
            } else if (!taxWithinTolerance(taxable, key.rate(), subtotal.taxAmount())) {
                problems.add("tax subtotal " + key + ": tax " + subtotal.taxAmount().toPlainString() + " on "
                        + taxable.toPlainString() + " is a whole " + ccy + " or more away from " + key.rate().toPlainString()
                        + " % of it rounded once (BR-CO-17): rounding the tax per line drifted too far; round it per document");
            }
        });
        given.keySet().stream().filter(k -> !sums.taxable().containsKey(k))
                .forEach(k -> problems.add("tax subtotal " + k + " has no line or allowance of its category and rate"));
    }

    private void exemption(TaxKey key, TaxSubtotal subtotal) {
        boolean hasReason = !blank(subtotal.effectiveExemptionCode()) || !blank(subtotal.exemptionReason());
        if (key.category().needsExemptionReason() && !hasReason) {
            problems.add("tax subtotal " + key + " says no exemption reason (BR-" + key.category() + "-10)");
        } else if (!key.category().needsExemptionReason() && hasReason) {
            problems.add("tax subtotal " + key + " has an exemption reason, which category " + key.category()
                    + " does not allow (BR-" + key.category() + "-10)");
        }
    }

    private void totals() {
        EInvoice.Totals totals = invoice.totals();
        total("net", totals.net(), sums.net(), "the lines less allowances plus charges");
        total("tax", totals.tax(), sums.tax(), "the tax subtotals");
        total("gross", totals.gross(), sums.gross(), "net + tax");
        total("due", totals.due(), sums.due(), "gross - paid");
        decimals("paid", totals.paid(), ccy);
    }

    private void total(String name, BigDecimal stated, BigDecimal derived, String how) {
        decimals(name, stated, ccy);
        if (stated.compareTo(derived) != 0) {
            problems.add(name + ": the invoice says " + stated.toPlainString() + ", " + how + " make " + derived.toPlainString());
        }
    }

    private void decimals(String name, BigDecimal amount, String currency) {
        String misfit = Amounts.misfit(amount, currency);
        if (misfit != null) {
            problems.add(name + ": " + misfit);
        }
    }

    private static Set<String> vatPrefixes() {
        Set<String> prefixes = new HashSet<>(Set.of(Locale.getISOCountries()));
        prefixes.addAll(List.of("EL", "XI"));
        return Set.copyOf(prefixes);
    }

    private static List<TaxCategory> without(Set<TaxCategory> categories, TaxCategory category) {
        return categories.stream().filter(c -> c != category).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
