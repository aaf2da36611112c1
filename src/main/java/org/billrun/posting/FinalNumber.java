package org.billrun.posting;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A final invoice number: {@code PREFIX-YYYY-NNNNNN}, the legal entity's invoice prefix (entities.csv), the
 * fiscal year and the invoice's place in that entity's year, from 1, without gaps. The fiscal year is the
 * calendar year of the issue date (billrun has no fiscal-year setting). Six digits are the minimum width;
 * the millionth invoice of a year gets seven, and numbers still sort by sequence within a width.
 */
public record FinalNumber(String prefix, int fiscalYear, long sequence) {

    public FinalNumber {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("an invoice prefix is letters, digits, _ and -, not '" + prefix + "'");
        }
        if (fiscalYear < 1000 || fiscalYear > 9999) {
            throw new IllegalArgumentException("a fiscal year has four digits, not " + fiscalYear);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("numbers start at 1, not " + sequence);
        }
    }

    /** The fiscal year an invoice issued on {@code issueDate} is numbered in. */
    public static int fiscalYearOf(LocalDate issueDate) {
        return issueDate.getYear();
    }

    public String text() {
        return String.format("%s-%04d-%06d", prefix, fiscalYear, sequence);
    }

    @Override
    public String toString() {
        return text();
    }
}
