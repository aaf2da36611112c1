package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.billrun.billing.InvoiceTax;
import org.billrun.billing.Rounding;
import org.billrun.billing.TaxRule;
import org.billrun.billing.TaxRule.RoundingLevel;

/**
 * Builds an {@link EInvoice} the way the posting stage will: lines and document allowances as billrun's
 * invoice has them, the tax of each category and rate computed by billrun's own {@link Rounding} at the
 * tax rule's rounding level (a document allowance is taxed like billrun's cap write-down line), and the
 * totals as billrun's invoice states them.
 */
final class InvoiceBuilder {

    private EInvoice.Kind kind = EInvoice.Kind.INVOICE;
    private final String number;
    private LocalDate issueDate = LocalDate.of(2026, 10, 31);
    private LocalDate dueDate;
    private final String currency;
    private EInvoice.References references = new EInvoice.References(null, null, null, null, null);
    private EInvoice.Period period = new EInvoice.Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    private String note;
    private Party seller;
    private Party buyer;
    private Payment payment;
    private final List<Line> lines = new ArrayList<>();
    private final List<DocumentAllowanceCharge> allowances = new ArrayList<>();
    private EInvoice.TaxAmount accounting;
    private BigDecimal paid = BigDecimal.ZERO;
    private RoundingLevel rounding = RoundingLevel.LINE;
    private final Map<TaxCategory, String> exemptionNotes = new EnumMap<>(TaxCategory.class);

    InvoiceBuilder(String number, String currency) {
        this.number = number;
        this.currency = currency;
    }

    InvoiceBuilder creditNote(String creditedNumber, LocalDate creditedIssueDate) {
        kind = EInvoice.Kind.CREDIT_NOTE;
        references = new EInvoice.References(references.buyerReference(), references.purchaseOrder(), references.salesOrder(),
                references.contract(), new EInvoice.InvoiceReference(creditedNumber, creditedIssueDate));
        return this;
    }

    InvoiceBuilder dates(LocalDate issue, LocalDate due) {
        issueDate = issue;
        dueDate = due;
        return this;
    }

    InvoiceBuilder references(String buyerReference, String purchaseOrder, String contract) {
        references = new EInvoice.References(buyerReference, purchaseOrder, null, contract, references.precedingInvoice());
        return this;
    }

    InvoiceBuilder period(LocalDate from, LocalDate to) {
        period = new EInvoice.Period(from, to);
        return this;
    }

    InvoiceBuilder note(String text) {
        note = text;
        return this;
    }

    InvoiceBuilder parties(Party seller, Party buyer) {
        this.seller = seller;
        this.buyer = buyer;
        return this;
    }

    InvoiceBuilder payment(Payment payment) {
        this.payment = payment;
        return this;
    }

    InvoiceBuilder line(Line line) {
        lines.add(line);
        return this;
    }

    InvoiceBuilder allowance(DocumentAllowanceCharge allowance) {
        allowances.add(allowance);
        return this;
    }

    InvoiceBuilder taxInAccountingCurrency(String accountingCurrency, String amount) {
        accounting = new EInvoice.TaxAmount(accountingCurrency, new BigDecimal(amount));
        return this;
    }

    InvoiceBuilder paid(String amount) {
        paid = new BigDecimal(amount);
        return this;
    }

    InvoiceBuilder documentRounding() {
        rounding = RoundingLevel.DOCUMENT;
        return this;
    }

    InvoiceBuilder exemption(TaxCategory category, String note) {
        exemptionNotes.put(category, note);
        return this;
    }

    EInvoice build() {
        Map<InvoiceSums.TaxKey, List<BigDecimal>> nets = new LinkedHashMap<>();
        for (Line line : lines) {
            nets.computeIfAbsent(InvoiceSums.TaxKey.of(line.taxCategory(), line.taxRate()), k -> new ArrayList<>()).add(line.net());
        }
        for (DocumentAllowanceCharge dac : allowances) {
            nets.computeIfAbsent(InvoiceSums.TaxKey.of(dac.taxCategory(), dac.taxRate()), k -> new ArrayList<>())
                    .add(dac.allowanceCharge().signed());
        }
        List<TaxSubtotal> subtotals = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (Map.Entry<InvoiceSums.TaxKey, List<BigDecimal>> group : nets.entrySet()) {
            InvoiceTax invoiceTax = Rounding.invoiceTax(group.getValue(), rule(group.getKey()), currency);
            TaxCategory category = group.getKey().category();
            subtotals.add(new TaxSubtotal(category, category.hasRate() ? group.getKey().rate() : null, invoiceTax.netTotal(),
                    invoiceTax.taxTotal(), null, exemptionNotes.get(category)));
            net = net.add(invoiceTax.netTotal());
            tax = tax.add(invoiceTax.taxTotal());
        }
        BigDecimal gross = net.add(tax);
        return new EInvoice(kind, number, issueDate, dueDate, currency, references, period, note, seller, buyer, payment, lines,
                allowances, subtotals, accounting, new EInvoice.Totals(net, tax, gross, paid, gross.subtract(paid)));
    }

    private TaxRule rule(InvoiceSums.TaxKey key) {
        return new TaxRule("TX-TEST-" + key.category(), "DE", TaxRule.ANY, TaxRule.ANY, TaxRule.ANY, TaxRule.ANY,
                TaxRule.Category.valueOf(key.category().name()), key.rate(), rounding, exemptionNotes.get(key.category()),
                LocalDate.of(2000, 1, 1), null);
    }
}
