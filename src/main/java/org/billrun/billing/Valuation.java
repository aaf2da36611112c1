package org.billrun.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one period record is worth in its contract's currency, before any invoice rounding: the value
 * validation shows on an exception and the value a draft line's lineage carries, so the two always
 * agree. Kept to 4 decimals (half up), well below every currency's minor unit; invoice lines round
 * their sums, never these values one by one.
 */
public final class Valuation {

    public static final int SCALE = 4;

    private Valuation() {}

    /** Hours x the hourly rate in force. */
    public static BigDecimal time(BigDecimal hours, BigDecimal hourlyRate) {
        return hours.multiply(hourlyRate).setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** An expense converted at {@code fxRate} (1 for the contract's own currency). */
    public static BigDecimal expense(BigDecimal amount, BigDecimal fxRate) {
        return amount.multiply(fxRate).setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The markup on a converted expense: pct percent of value ({@link Percent#of}), exact; zero without a markup. */
    public static BigDecimal markup(BigDecimal value, BigDecimal markupPct) {
        return markupPct == null || markupPct.signum() == 0 ? BigDecimal.ZERO : Percent.of(value, markupPct);
    }
}
