package org.billrun.events.inbound;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads an amount as people and systems write it: 1234.56, 1,234.56, 1.234,56, 1234,56, 1 234,56, with a
 * currency code or sign around it removed. The decimal separator is the last of "." and "," when both
 * appear, or the only one when it is followed by fewer digits than three; a lone separator followed by
 * exactly three digits (1,234 or 1.234) is ambiguous and refused unless the currency has three decimals.
 * Amounts finer than the currency's minor unit are refused: a payment is never rounded.
 */
final class Amounts {

    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}([.,' ]\\d{3})+");

    private Amounts() {}

    /** The amount, or a {@link BadAmount} saying what is wrong with it. */
    static BigDecimal parse(String text, int minorDigits) {
        if (text == null || text.isBlank()) {
            throw new BadAmount("no amount");
        }
        String s = text.strip().replace("\u00a0", " ").replace("\u202f", " ");
        boolean negative = s.startsWith("-") || s.startsWith("(") && s.endsWith(")");
        s = s.replaceAll("^[-+(]|\\)$", "").replaceAll("^[A-Za-z]{3}\\s*|\\s*[A-Za-z]{3}$", "").replaceAll("^[€$£¥]\\s*|\\s*[€$£¥]$", "")
                .strip();
        if (!s.matches("[0-9][0-9.,' ]*")) {
            throw new BadAmount("'" + text + "' is not an amount");
        }
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        String integer;
        String fraction;
        if (dot >= 0 && comma >= 0) {
            int at = Math.max(dot, comma);
            integer = s.substring(0, at);
            fraction = s.substring(at + 1);
            char grouping = at == dot ? ',' : '.';
            if (integer.indexOf(s.charAt(at)) >= 0 || !GROUPED.matcher(integer).matches() || integer.chars().anyMatch(c -> !Character.isDigit(c)
                    && c != grouping)) {
                throw new BadAmount("'" + text + "' mixes separators");
            }
        } else if (dot >= 0 || comma >= 0) {
            char separator = dot >= 0 ? '.' : ',';
            int first = s.indexOf(separator);
            int at = dot >= 0 ? dot : comma;
            fraction = s.substring(at + 1);
            if (first != at) {
                // several: thousands groups (1,234,567 or 1.234.567)
                if (!GROUPED.matcher(s).matches()) {
                    throw new BadAmount("'" + text + "' is not an amount");
                }
                integer = s;
                fraction = "";
            } else if (fraction.length() == 3 && minorDigits != 3) {
                throw new BadAmount("'" + text + "' is ambiguous: " + s.substring(0, at) + " thousand " + fraction + ", or "
                        + s.substring(0, at) + " and a fraction? Write it with its decimals (" + s.substring(0, at) + fraction + ".00)");
            } else {
                integer = s.substring(0, at);
            }
        } else {
            integer = s;
            fraction = "";
        }
        String digits = integer.replaceAll("[.,' ]", "");
        if (digits.isEmpty() || !fraction.chars().allMatch(Character::isDigit)) {
            throw new BadAmount("'" + text + "' is not an amount");
        }
        if (integer.contains(" ") && !GROUPED.matcher(integer).matches()) {
            throw new BadAmount("'" + text + "' is not an amount");
        }
        BigDecimal amount = new BigDecimal(digits + (fraction.isEmpty() ? "" : "." + fraction));
        if (amount.stripTrailingZeros().scale() > minorDigits) {
            throw new BadAmount("'" + text + "' has more decimals than the currency's " + minorDigits);
        }
        if (negative) {
            amount = amount.negate();
        }
        if (amount.signum() <= 0) {
            throw new BadAmount("'" + text + "' is not a positive amount");
        }
        return amount;
    }

    /** An amount that cannot be read; the message says why, for finance. */
    static final class BadAmount extends RuntimeException {
        BadAmount(String message) {
            super(message);
        }
    }
}
