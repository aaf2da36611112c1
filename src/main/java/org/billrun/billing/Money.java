package org.billrun.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in a currency. Arithmetic refuses to mix currencies; rounding goes to the currency's minor
 * unit by the one documented rule ({@link Rounding}). Amounts are exact until rounded: adding and
 * taking a percentage never round, so a caller rounds once, where the invoice rules say.
 *
 * <p>Two amounts are equal when they are in the same currency and numerically equal, whatever their
 * scale: 10.0 EUR equals 10.00 EUR.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency);
    }

    /** Zero at the currency's minor unit (0.00 EUR, 0 JPY). */
    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency).rounded();
    }

    /** {@code amount} rounded to the currency's minor unit ({@link Rounding#toMinorUnit}). */
    public static Money rounded(BigDecimal amount, String currency) {
        return new Money(Rounding.toMinorUnit(amount, currency), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other, "add").amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other, "subtract").amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** The larger of the two (this one on a tie). */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@code pct} percent of this amount, exact ({@link Percent#of}). */
    public Money percent(BigDecimal pct) {
        return new Money(Percent.of(amount, pct), currency);
    }

    /** This amount rounded half up to the currency's minor unit; the result has exactly that scale. */
    public Money rounded() {
        return new Money(Rounding.toMinorUnit(amount, currency), currency);
    }

    public int signum() {
        return amount.signum();
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other, "compare").amount);
    }

    private Money sameCurrency(Money other, String operation) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot " + operation + " " + other.currency + " and " + currency + " amounts: "
                    + other.amount.toPlainString() + " " + other.currency + ", " + amount.toPlainString() + " " + currency);
        }
        return other;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money other && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros(), currency);
    }

    /** As a person reads it: the amount at the currency's minor unit with its code ({@link MoneyFormat#format}). */
    @Override
    public String toString() {
        return MoneyFormat.format(amount, currency);
    }
}
