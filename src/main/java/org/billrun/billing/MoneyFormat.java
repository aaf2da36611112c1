package org.billrun.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/** Amounts for messages people read: "EUR 1,234.50", to the currency's minor unit, never in scientific notation. */
public final class MoneyFormat {

    private MoneyFormat() {}

    public static String format(BigDecimal amount, String currency) {
        return currency + " " + number(amount, minorDigits(currency));
    }

    /** "1,234.50": grouped, with the given number of decimals (half up). */
    public static String number(BigDecimal value, int decimals) {
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    /** ISO 4217 minor unit: 2 for EUR, 0 for JPY, 3 for KWD; 2 for a code the JDK does not know. */
    public static int minorDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
