package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.billrun.billing.MoneyFormat;

/**
 * How amounts are written: at the currency's minor unit (EUR 150.00, JPY 15000), the same minor unit
 * billrun rounds to ({@link MoneyFormat#minorDigits}), but never with more than 2 decimals, EN 16931's limit
 * for every amount (BR-DEC-01 to BR-DEC-28). An amount of a 3-decimal currency (KWD, BHD) whose third
 * decimal is not 0 cannot be written at all.
 */
final class Amounts {

    static final int MAX_DECIMALS = 2;

    private Amounts() {}

    static int scale(String currency) {
        return Math.min(MoneyFormat.minorDigits(currency), MAX_DECIMALS);
    }

    static boolean fits(BigDecimal amount, String currency) {
        return Math.max(amount.stripTrailingZeros().scale(), 0) <= scale(currency);
    }

    /** Why {@code amount} cannot be written, for a message; null when it can. */
    static String misfit(BigDecimal amount, String currency) {
        if (fits(amount, currency)) {
            return null;
        }
        int minor = MoneyFormat.minorDigits(currency);
        return minor > MAX_DECIMALS
                ? amount.toPlainString() + " has more than 2 decimals, and EN 16931 allows no more in an amount (BR-DEC) even for "
                        + currency + " (" + minor + " decimals)"
                : amount.toPlainString() + " has more decimals than " + currency + "'s minor unit (" + minor + ")";
    }

    /** {@code amount} at the written scale; call only for an amount that {@link #fits}. */
    static BigDecimal written(BigDecimal amount, String currency) {
        return amount.setScale(scale(currency), RoundingMode.UNNECESSARY);
    }

    /** Half of the currency's minor unit: how far billrun's rounding may move an amount (0.005 for EUR, 0.5 for JPY). */
    static BigDecimal halfMinorUnit(String currency) {
        return BigDecimal.valueOf(5, MoneyFormat.minorDigits(currency) + 1);
    }
}
