package org.billrun.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Value formatting in the shapes docs/input-formats.md asks for. */
final class Fmt {

    private static final String[] QUARTER = {"", ".25", ".5", ".75"};

    private Fmt() {}

    /** Hours held as a count of quarter hours: 30 becomes {@code 7.5}, 32 becomes {@code 8}. */
    static String hours(long quarters) {
        return (quarters / 4) + QUARTER[(int) (quarters % 4)];
    }

    /** Money with exactly two decimals. */
    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** {@code hours} (in quarter hours) times an hourly rate, rounded half-up to cents. */
    static BigDecimal amount(long quarters, BigDecimal hourlyRate) {
        return hourlyRate.multiply(BigDecimal.valueOf(quarters)).divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP);
    }

    /** Rounds a cent amount half-up to a multiple of {@code unitCents}. */
    static long roundCents(long cents, long unitCents) {
        return (cents + unitCents / 2) / unitCents * unitCents;
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    static int digits(long value) {
        return Long.toString(value).length();
    }

    /** A UTC timestamp {@code yyyy-MM-ddTHH:mm:00Z}. */
    static String timestamp(LocalDate date, int minuteOfDay) {
        return date + "T" + pad(minuteOfDay / 60, 2) + ":" + pad(minuteOfDay % 60, 2) + ":00Z";
    }

    static String bool(boolean value) {
        return value ? "true" : "false";
    }

    static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
