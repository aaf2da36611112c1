package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An allowance or charge on the whole invoice, such as the write-down of a not-to-exceed contract to its
 * cap. It reduces (or raises) the taxable amount of its own tax category and rate, which the tax
 * breakdown then shows (BR-S-08 and its siblings for the other categories).
 *
 * @param taxRate the rate in percent; null or 0 for category O, which has no rate
 */
public record DocumentAllowanceCharge(AllowanceCharge allowanceCharge, TaxCategory taxCategory, BigDecimal taxRate) {

    public DocumentAllowanceCharge {
        Objects.requireNonNull(allowanceCharge, "allowanceCharge");
        Objects.requireNonNull(taxCategory, "taxCategory");
    }
}
