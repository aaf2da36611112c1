package org.billrun.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Date and number options read with billrun's own messages. picocli's built-in converters name
 * Java classes ("cannot convert '2026-13-01' to class java.time.LocalDate
 * (java.time.format.DateTimeParseException: ...)", "'many' is not an int"); these say what is
 * expected, with an example, in the words the rest of billrun uses.
 */
final class OptionConverters {

    private OptionConverters() {}

    /** Registers the converters on {@code cli} and every subcommand it has. */
    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, OptionConverters::date);
        cli.registerConverter(YearMonth.class, OptionConverters::month);
        ITypeConverter<Integer> integer = OptionConverters::integer;
        cli.registerConverter(Integer.class, integer);
        cli.registerConverter(Integer.TYPE, integer);
        ITypeConverter<Long> whole = OptionConverters::wholeNumber;
        cli.registerConverter(Long.class, whole);
        cli.registerConverter(Long.TYPE, whole);
        cli.registerConverter(BigDecimal.class, OptionConverters::decimal);
    }

    static LocalDate date(String value) {
        String text = value.strip();
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new TypeConversionException("expected a date as yyyy-MM-dd such as 2026-10-31, got '" + value + "'");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a calendar date (yyyy-MM-dd, month 01-12, a day the month has)");
        }
    }

    static YearMonth month(String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("expected a month as yyyy-MM such as 2026-10, got '" + value + "'");
        }
    }

    static Integer integer(String value) {
        long number = wholeNumber(value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + value + "' is too large; expected a whole number up to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    static Long wholeNumber(String value) {
        String text = value.strip();
        if (!text.matches("[+-]?\\d+")) {
            throw new TypeConversionException("expected a whole number such as 12, got '" + value + "'"
                    + (text.matches("[+-]?\\d*[.,]\\d+") ? " (no decimals here)" : ""));
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too large; expected a whole number up to " + Long.MAX_VALUE);
        }
    }

    static BigDecimal decimal(String value) {
        String text = value.strip();
        if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new TypeConversionException("expected an amount such as 1250.50 with '.' as decimal separator and no thousands"
                    + " separator, got '" + value + "'");
        }
        return new BigDecimal(text);
    }
}
