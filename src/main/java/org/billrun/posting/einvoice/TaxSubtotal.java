package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of the invoice's tax breakdown: the taxable amount of one category and rate and the tax on it,
 * as billrun computed it (line or document rounding, by the tax rule). The writer derives the taxable
 * amount from the lines and document allowances and charges again and refuses a breakdown that differs.
 *
 * @param rate percent; null or 0 for category O
 * @param exemptionCode VATEX code (BT-121); null takes {@link TaxCategory#defaultExemptionCode()}
 * @param exemptionReason the text of the tax rule's exemption note (BT-120), e.g. "Reverse charge: ..."
 */
public record TaxSubtotal(TaxCategory category, BigDecimal rate, BigDecimal taxableAmount, BigDecimal taxAmount,
        String exemptionCode, String exemptionReason) {

    public TaxSubtotal {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(taxableAmount, "taxableAmount");
        Objects.requireNonNull(taxAmount, "taxAmount");
    }

    /** The exemption code the document carries: the one given, else the category's own. */
    public String effectiveExemptionCode() {
        return exemptionCode != null && !exemptionCode.isBlank() ? exemptionCode : category.defaultExemptionCode();
    }
}
