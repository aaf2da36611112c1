package org.billrun.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of {@link Rounding#invoiceTax}: the lines' net amounts and taxes and the invoice totals, every
 * amount at the currency's minor-unit scale. By construction {@code netTotal} is the sum of {@code lineNets},
 * {@code taxTotal} the sum of {@code lineTaxes} and {@code grossTotal} is {@code netTotal + taxTotal}
 * exactly, so a printed invoice always adds up (invariant 5).
 */
public record InvoiceTax(String currency, TaxRule rule, List<BigDecimal> lineNets, List<BigDecimal> lineTaxes,
        BigDecimal netTotal, BigDecimal taxTotal, BigDecimal grossTotal) {

    public InvoiceTax {
        lineNets = List.copyOf(lineNets);
        lineTaxes = List.copyOf(lineTaxes);
    }
}
