package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One line of a customer invoice to create. Tryton computes the line amount as quantity x unit price
 * rounded to the currency, and each tax from that amount; the revenue account and the taxes must be given
 * (a line without a product gets neither from Tryton). Tryton keeps the quantity as a float: two decimals
 * travel exactly, and so do prices with up to four.
 */
public record TrytonInvoiceLineRequest(String description, BigDecimal quantity, BigDecimal unitPrice, long accountId,
        List<Long> taxIds) {

    public TrytonInvoiceLineRequest {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        taxIds = List.copyOf(taxIds);
    }
}
