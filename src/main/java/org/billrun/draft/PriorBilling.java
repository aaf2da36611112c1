package org.billrun.draft;

import java.math.BigDecimal;

/**
 * What earlier periods left a contract with: the cap a not-to-exceed contract has consumed before
 * this period, and the retainer balance carried into it (docs/drafting.md).
 */
public record PriorBilling(BigDecimal capConsumedBefore, BigDecimal retainerCarried) {

    public static final PriorBilling NONE = new PriorBilling(BigDecimal.ZERO, BigDecimal.ZERO);
}
