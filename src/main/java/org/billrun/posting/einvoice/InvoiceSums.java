package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The totals an e-invoice states, derived from its lines, document allowances and charges and tax
 * breakdown, never copied from billrun's totals: EN 16931 checks each one against these very sums
 * (BR-CO-10 line total, BR-CO-11/12 allowance and charge totals, BR-CO-13 net, BR-CO-14 tax, BR-CO-15
 * gross, BR-CO-16 amount due), exactly, so stating anything else would be refused. Derived this way they
 * add up by construction; {@link EInvoiceCheck} then compares them with billrun's totals.
 *
 * @param taxable the taxable amount per category and rate: its lines' nets, less its document allowances,
 *     plus its document charges (BR-S-08, BR-AE-08, BR-O-08 and the others), in order of first use
 */
record InvoiceSums(BigDecimal lineTotal, BigDecimal allowanceTotal, BigDecimal chargeTotal, BigDecimal net, BigDecimal tax,
        BigDecimal gross, BigDecimal due, Map<TaxKey, BigDecimal> taxable) {

    /** A category and rate of the tax breakdown; the rate without trailing zeros (19 and 19.00 are one rate), 0 for O. */
    record TaxKey(TaxCategory category, BigDecimal rate) {

        static TaxKey of(TaxCategory category, BigDecimal rate) {
            BigDecimal normal = rate == null || category == TaxCategory.O ? BigDecimal.ZERO : rate.stripTrailingZeros();
            return new TaxKey(category, normal.signum() == 0 ? BigDecimal.ZERO : normal);
        }

        @Override
        public String toString() {
            return category + (category.hasRate() ? " " + rate.toPlainString() + " %" : "");
        }
    }

    static InvoiceSums of(EInvoice invoice) {
        Map<TaxKey, BigDecimal> taxable = new LinkedHashMap<>();
        BigDecimal lineTotal = BigDecimal.ZERO;
        for (Line line : invoice.lines()) {
            lineTotal = lineTotal.add(line.net());
            taxable.merge(TaxKey.of(line.taxCategory(), line.taxRate()), line.net(), BigDecimal::add);
        }
        BigDecimal allowances = BigDecimal.ZERO;
        BigDecimal charges = BigDecimal.ZERO;
        for (DocumentAllowanceCharge dac : invoice.allowancesCharges()) {
            AllowanceCharge ac = dac.allowanceCharge();
            if (ac.isCharge()) {
                charges = charges.add(ac.amount());
            } else {
                allowances = allowances.add(ac.amount());
            }
            taxable.merge(TaxKey.of(dac.taxCategory(), dac.taxRate()), ac.signed(), BigDecimal::add);
        }
        BigDecimal tax = invoice.taxSubtotals().stream().map(TaxSubtotal::taxAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal net = lineTotal.subtract(allowances).add(charges);
        BigDecimal gross = net.add(tax);
        return new InvoiceSums(lineTotal, allowances, charges, net, tax, gross, gross.subtract(invoice.totals().paid()), taxable);
    }
}
