package org.billrun.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.Rounding;

/** How the run report writes numbers: exact decimal strings for machines, grouped figures for people. */
public final class Amounts {

    private Amounts() {}

    /**
     * The exact amount as a plain decimal with at least the currency's minor digits: control totals add
     * record values of 4 decimals, and rounding them would make an exact equation look off by a cent.
     */
    public static String exact(BigDecimal amount, String currency) {
        return exact(amount, scale(amount, currency));
    }

    /** The decimals {@link #exact(BigDecimal, String)} writes for this amount. */
    public static int scale(BigDecimal amount, String currency) {
        return Math.max(amount == null ? 0 : amount.stripTrailingZeros().scale(), minorDigits(currency));
    }

    /** The exact amount with {@code scale} decimals (never rounded: the scale must hold it). */
    public static String exact(BigDecimal amount, int scale) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An invoice amount: already at the minor unit, written with exactly its digits. */
    public static String money(BigDecimal amount, String currency) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(minorDigits(currency), Rounding.MODE).toPlainString();
    }

    /** A ratio to 4 decimals (0.4615), or null when there is nothing to divide by. */
    public static String ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator == null || denominator.signum() == 0) {
            return null;
        }
        return (numerator == null ? BigDecimal.ZERO : numerator).divide(denominator, 4, RoundingMode.HALF_UP).toPlainString();
    }

    /** "1,234.5678" for people: grouped, the decimals of an exact string kept. */
    public static String grouped(String exact) {
        if (exact == null) {
            return "";
        }
        BigDecimal value = new BigDecimal(exact);
        return MoneyFormat.number(value, Math.max(value.scale(), 0));
    }

    /**
     * "329,963.94" for people from an exact string ("329963.9446"): rounded to the currency's minor unit
     * by the money rounding rule, grouped. For the figures people compare; the exact ones stay in the
     * JSON and CSV.
     */
    public static String atMinorUnit(String exact, String currency) {
        return exact == null ? "" : MoneyFormat.number(Rounding.toMinorUnit(new BigDecimal(exact), currency), minorDigits(currency));
    }

    /** "46.2 %" from a ratio string. */
    public static String percent(String ratio) {
        return ratio == null ? "n/a" : new BigDecimal(ratio).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    public static int minorDigits(String currency) {
        return currency == null ? 2 : MoneyFormat.minorDigits(currency);
    }
}
