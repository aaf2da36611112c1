package org.billrun.assist.evidence;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a calendar date written in a sentence: 2026-10-22, 22.10.2026, 22/10/2026 (day first, as
 * the firm's European clients write it), 22 October 2026, October 22, 2026, 22. Oktober 2026,
 * 22 octobre 2026, and "22 October" with the year of the document. The first date found wins.
 */
final class DateFinder {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4), Map.entry("may", 5),
            Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8), Map.entry("september", 9), Map.entry("october", 10),
            Map.entry("november", 11), Map.entry("december", 12), Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
            Map.entry("apr", 4), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12),
            Map.entry("januar", 1), Map.entry("februar", 2), Map.entry("märz", 3), Map.entry("mai", 5), Map.entry("juni", 6),
            Map.entry("juli", 7), Map.entry("oktober", 10), Map.entry("dezember", 12),
            Map.entry("janvier", 1), Map.entry("février", 2), Map.entry("mars", 3), Map.entry("avril", 4), Map.entry("juin", 6),
            Map.entry("juillet", 7), Map.entry("août", 8), Map.entry("septembre", 9), Map.entry("octobre", 10),
            Map.entry("novembre", 11), Map.entry("décembre", 12));

    private static final String MONTH = "(" + String.join("|", MONTHS.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) + ")";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})\\.?\\s+" + MONTH + "\\b\\.?(?:,?\\s+(\\d{4}))?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private DateFinder() {}

    /** The first date in the text; a date without a year takes {@code defaultYear} (none when that is null). */
    static Optional<LocalDate> find(String text, Integer defaultYear) {
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        m = NUMERIC.matcher(text);
        if (m.find()) {
            return date(m.group(3), m.group(2), m.group(1));
        }
        m = DAY_MONTH.matcher(text);
        if (m.find()) {
            return named(m.group(1), m.group(2), m.group(3), defaultYear);
        }
        m = MONTH_DAY.matcher(text);
        if (m.find()) {
            return named(m.group(2), m.group(1), m.group(3), defaultYear);
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> named(String day, String month, String year, Integer defaultYear) {
        Integer y = year != null ? Integer.valueOf(year) : defaultYear;
        if (y == null) {
            return Optional.empty();
        }
        return date(String.valueOf(y), String.valueOf(MONTHS.get(month.toLowerCase(Locale.ROOT))), day);
    }

    private static Optional<LocalDate> date(String year, String month, String day) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
