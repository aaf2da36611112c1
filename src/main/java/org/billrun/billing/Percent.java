package org.billrun.billing;

import java.math.BigDecimal;

/** "Percent of", the one place billrun computes it: exact, amount x pct / 100, no rounding (callers round where their rule says). */
public final class Percent {

    private Percent() {}

    /** {@code pct} percent of {@code amount}, exact: amount x pct / 100 needs no division, only a shift of the decimal point. */
    public static BigDecimal of(BigDecimal amount, BigDecimal pct) {
        return amount.multiply(pct).movePointLeft(2);
    }
}
