package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One invoice line as the invoice shows it: what was sold, how much at what price, its net amount after
 * the line's own allowances and charges, and its tax category and rate.
 *
 * <p>{@code net} is the amount billrun invoices for the line, rounded to the currency's minor unit; it must
 * equal {@code quantity x unitPrice + charges - allowances} up to that rounding (half a minor unit).
 * billrun's lines without a quantity (expenses, retainer overage) are one unit at their amount:
 * {@link #lumpSum}. A negative amount is a quantity of -1 at a positive price, since a price may not be
 * negative (BR-27).
 *
 * @param unitCode UN/ECE Recommendation 20 code: {@link #HOURS}, {@link #ONE}, {@link #DAYS}
 * @param taxRate percent; null or 0 for category O
 */
public record Line(String id, String name, String description, BigDecimal quantity, String unitCode, BigDecimal unitPrice,
        BigDecimal net, List<AllowanceCharge> allowancesCharges, TaxCategory taxCategory, BigDecimal taxRate) {

    public static final String HOURS = "HUR";
    public static final String ONE = "C62";
    public static final String DAYS = "DAY";

    public Line {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quantity, () -> "line " + id + ": quantity");
        Objects.requireNonNull(unitPrice, () -> "line " + id + ": unitPrice");
        Objects.requireNonNull(net, () -> "line " + id + ": net");
        Objects.requireNonNull(taxCategory, () -> "line " + id + ": taxCategory");
        allowancesCharges = allowancesCharges == null ? List.of() : List.copyOf(allowancesCharges);
    }

    /** A line without a quantity of its own: one unit at its amount, or -1 unit for a negative amount. */
    public static Line lumpSum(String id, String name, String description, BigDecimal amount, TaxCategory taxCategory,
            BigDecimal taxRate) {
        BigDecimal quantity = amount.signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE;
        return new Line(id, name, description, quantity, ONE, amount.abs(), amount, List.of(), taxCategory, taxRate);
    }

    /** quantity x unitPrice + charges - allowances, unrounded: what {@code net} is the rounding of. */
    BigDecimal exactNet() {
        return allowancesCharges.stream().map(AllowanceCharge::signed).reduce(quantity.multiply(unitPrice), BigDecimal::add);
    }
}
