package org.billrun.ingest;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one raw CSV value according to its {@link ColumnSpec} and returns it in canonical text form
 * (the form PostgreSQL's COPY reads), or {@code null} for an empty optional value.
 */
public final class FieldParser {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0");
    private static final int EXCERPT = 40;

    private FieldParser() {}

    public static String parse(ColumnSpec spec, String raw) throws FieldException {
        String value = raw == null ? "" : raw.strip();
        if (value.indexOf('\uFFFD') >= 0) {
            throw new FieldException("contains bytes that are not valid UTF-8");
        }
        checkStorable(value);
        if (value.isEmpty()) {
            if (spec.required()) {
                throw new FieldException("a value is required, the field is empty");
            }
            return null;
        }
        return switch (spec.type()) {
            case ID -> id(spec, value);
            case TEXT -> text(spec, value);
            case ENUM -> oneOf(spec, value);
            case COUNTRY -> code(value, COUNTRIES, spec);
            case CURRENCY -> code(value, CURRENCIES, spec);
            case DATE -> date(value);
            case TIMESTAMP -> timestamp(value);
            case PERIOD -> period(value);
            case DECIMAL, MONEY, HOURS -> decimal(spec, value);
            case INTEGER -> integer(spec, value);
            case BOOLEAN -> bool(value);
        };
    }

    /**
     * A short, single-line form of a bad value for messages and the rejection table. Characters
     * PostgreSQL cannot store in text (NUL, a lone surrogate) are written as escapes (a backslash and
     * 0, or a backslash, u and the surrogate's hex code), so that the rejection of such a value can itself be stored.
     */
    public static String excerpt(String raw) {
        if (raw == null) {
            return null;
        }
        String oneLine = storable(raw.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"));
        if (oneLine.length() <= EXCERPT) {
            return oneLine;
        }
        // never cut a surrogate pair in two
        int end = Character.isHighSurrogate(oneLine.charAt(EXCERPT - 1)) ? EXCERPT - 1 : EXCERPT;
        return oneLine.substring(0, end) + "…(" + raw.length() + " chars)";
    }

    /**
     * Refuses what PostgreSQL cannot keep in a text column whatever the column's type: the NUL
     * character (COPY and every text value refuse byte 0x00) and a lone UTF-16 surrogate (a half of a
     * character, which has no UTF-8 form: it would be stored as '?'). A CSV file decoded as UTF-8
     * cannot carry a lone surrogate (its bytes are invalid UTF-8); a database source's driver can.
     */
    private static void checkStorable(String value) throws FieldException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new FieldException("contains a NUL character (byte 0x00) at position " + (i + 1)
                        + ", which a text value cannot hold; remove it from the export");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw new FieldException(String.format("contains a lone UTF-16 surrogate (\\u%04X) at position %d, half of a character;"
                            + " the export's text is damaged", (int) c, i + 1));
                }
                i++;
            }
        }
    }

    /** {@code value} with NUL written as backslash-0 and each lone surrogate as backslash-u and its hex code. */
    static String storable(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = null;
            if (c == '\0') {
                escape = "\\0";
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                escape = String.format("\\u%04X", (int) c);
            }
            if (escape != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? value : out.toString();
    }

    private static String id(ColumnSpec spec, String value) throws FieldException {
        if (value.length() > spec.maxLength()) {
            throw new FieldException("an id is at most " + spec.maxLength() + " characters, this one has " + value.length());
        }
        if (!isId(value)) {
            throw new FieldException("expected " + ColumnType.ID.expected() + ", got '" + excerpt(value) + "'");
        }
        return value;
    }

    private static boolean isId(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String text(ColumnSpec spec, String value) throws FieldException {
        int length = value.codePointCount(0, value.length());
        if (length > spec.maxLength()) {
            throw new FieldException("text is at most " + spec.maxLength() + " characters, this one has " + length);
        }
        return value;
    }

    private static String oneOf(ColumnSpec spec, String value) throws FieldException {
        for (String allowed : spec.allowedValues()) {
            if (allowed.equalsIgnoreCase(value)) {
                return allowed;
            }
        }
        throw new FieldException("expected one of " + String.join(", ", spec.allowedValues()) + ", got '" + excerpt(value) + "'");
    }

    private static String code(String value, Set<String> known, ColumnSpec spec) throws FieldException {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!known.contains(upper)) {
            throw new FieldException("expected " + spec.type().expected() + ", got '" + excerpt(value) + "'");
        }
        return upper;
    }

    private static String date(String value) throws FieldException {
        if (value.length() > 10 && isDateShape(value, 0)) {
            // PostgreSQL would take 2026-10-05T10:00:00 as 2026-10-05 and drop the rest without a word
            throw new FieldException("expected " + ColumnType.DATE.expected() + " and nothing after it, got '" + excerpt(value)
                    + "' (a date with a time or other text after it)");
        }
        if (value.length() != 10 || !isDateShape(value, 0)) {
            throw new FieldException("expected " + ColumnType.DATE.expected() + ", got '" + excerpt(value) + "'");
        }
        checkCalendarDate(value, 0);
        return value;
    }

    /** yyyy-MM-dd at {@code from}; a hand-written check because this runs for every date of every row. */
    private static boolean isDateShape(String value, int from) {
        if (value.length() < from + 10 || value.charAt(from + 4) != '-' || value.charAt(from + 7) != '-') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            char c = value.charAt(from + i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The yyyy-MM-dd at {@code from} (its shape already checked: ASCII digits and dashes) must name a
     * day that exists, as {@code LocalDate.of} would accept it: month 1-12, day 1 to the month's
     * length in the proleptic Gregorian calendar. Worked out from the digits, since this runs for
     * every date and timestamp of every row.
     */
    static void checkCalendarDate(String value, int from) throws FieldException {
        int year = digit(value, from) * 1000 + digit(value, from + 1) * 100 + digit(value, from + 2) * 10 + digit(value, from + 3);
        int month = digit(value, from + 5) * 10 + digit(value, from + 6);
        int day = digit(value, from + 8) * 10 + digit(value, from + 9);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            throw new FieldException("'" + value.substring(from, from + 10) + "' is not a calendar date");
        }
    }

    private static int digit(String value, int at) {
        return value.charAt(at) - '0';
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static String timestamp(String value) throws FieldException {
        if (value.length() == 20 && value.charAt(19) == 'Z' && value.charAt(10) == 'T' && isDateShape(value, 0)
                && isTimeOfDay(value, 11)) {
            checkCalendarDate(value, 0);
            return value; // the common shape, 2026-11-02T09:30:00Z, is already canonical for COPY
        }
        try {
            return OffsetDateTime.parse(value).toString();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException e) {
                throw new FieldException("expected " + ColumnType.TIMESTAMP.expected() + ", got '" + excerpt(value) + "'");
            }
        }
    }

    /**
     * HH:mm:ss at {@code from} with hours 00-23 and minutes and seconds 00-59, as LocalTime.parse
     * accepts them; checked by hand because a DateTimeFormatter parse was most of the cost of a time
     * entry's fields. Anything else takes the general path, which rejects it with a message.
     */
    private static boolean isTimeOfDay(String value, int from) {
        return value.charAt(from + 2) == ':' && value.charAt(from + 5) == ':'
                && twoDigits(value, from) <= 23 && twoDigits(value, from + 3) <= 59 && twoDigits(value, from + 6) <= 59;
    }

    /** The number written by the two ASCII digits at {@code from}, or 99 when they are not two digits. */
    private static int twoDigits(String value, int from) {
        char tens = value.charAt(from);
        char units = value.charAt(from + 1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            return 99;
        }
        return (tens - '0') * 10 + (units - '0');
    }

    private static String period(String value) throws FieldException {
        try {
            return YearMonth.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new FieldException("expected " + ColumnType.PERIOD.expected() + ", got '" + excerpt(value) + "'");
        }
    }

    private static String decimal(ColumnSpec spec, String value) throws FieldException {
        BigDecimal number = number(spec, value);
        if (number.scale() > spec.maxScale()) {
            throw new FieldException("at most " + spec.maxScale() + " decimals allowed, got '" + value + "'");
        }
        checkBounds(spec, number, value);
        return number.toPlainString();
    }

    private static String integer(ColumnSpec spec, String value) throws FieldException {
        BigDecimal number = number(spec, value);
        if (number.scale() > 0 && number.stripTrailingZeros().scale() > 0) {
            throw new FieldException("expected a whole number, got '" + excerpt(value) + "'");
        }
        checkBounds(spec, number, value);
        try {
            return String.valueOf(number.intValueExact());
        } catch (ArithmeticException e) {
            throw new FieldException("number too large: '" + excerpt(value) + "'");
        }
    }

    private static BigDecimal number(ColumnSpec spec, String value) throws FieldException {
        if (value.length() <= 30 && isPlainDecimal(value)) {
            return new BigDecimal(value);
        }
        String expected = "expected " + spec.type().expected() + " with '.' as decimal separator and no thousands separator";
        if (value.matches("[+-]?\\d+,\\d+")) {
            throw new FieldException(expected + ", got '" + value + "' (a comma used as decimal separator?)");
        }
        if (value.matches("[+-]?[\\d.,' ]+")) {
            throw new FieldException(expected + ", got '" + value + "' (thousands separators are not allowed)");
        }
        throw new FieldException(expected + ", got '" + excerpt(value) + "'");
    }

    /** [+-]digits[.digits], checked by hand: this runs for every amount and hour of every row. */
    private static boolean isPlainDecimal(String value) {
        int i = value.charAt(0) == '+' || value.charAt(0) == '-' ? 1 : 0;
        int digitsBefore = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
            i++;
            digitsBefore++;
        }
        if (digitsBefore == 0) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i++) != '.' || i == value.length()) {
            return false;
        }
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkBounds(ColumnSpec spec, BigDecimal number, String value) throws FieldException {
        if (spec.min() != null) {
            int cmp = number.compareTo(spec.min());
            if (cmp < 0 || (cmp == 0 && spec.minExclusive())) {
                throw new FieldException("must be " + (spec.minExclusive() ? "greater than " : "at least ")
                        + spec.min().toPlainString() + ", got " + value);
            }
        }
        if (spec.max() != null && number.compareTo(spec.max()) > 0) {
            throw new FieldException("must be at most " + spec.max().toPlainString() + ", got " + value);
        }
    }

    private static String bool(String value) throws FieldException {
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return "true";
        }
        if (FALSE.contains(lower)) {
            return "false";
        }
        throw new FieldException("expected true or false, got '" + excerpt(value) + "'");
    }
}
