package org.billrun.billing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Money rounding, the one documented rule of invariant 5: an amount is rounded to its currency's minor
 * unit ({@link MoneyFormat#minorDigits}: EUR 2, JPY 0, KWD and BHD 3) with {@link RoundingMode#HALF_UP}.
 * HALF_UP is commercial rounding, the rule invoices, tax authorities and ERPs use and the one a person
 * checking an invoice with a calculator expects (0.125 becomes 0.13); banker's rounding (HALF_EVEN) would
 * save fractions on average but surprises readers of a single invoice. HALF_UP works on the magnitude, so
 * a credit note is the exact mirror of its invoice: -0.125 becomes -0.13.
 *
 * <p>Everything is BigDecimal arithmetic on exact decimals: the exact tax {@code net x rate / 100} needs no
 * division, so the only rounding is the one stated here.
 */
public final class Rounding {

    /** Commercial rounding: half away from zero. */
    public static final RoundingMode MODE = RoundingMode.HALF_UP;

    private Rounding() {}

    /** {@code amount} rounded half up to the minor unit of {@code currency}; the result has exactly that scale. */
    public static BigDecimal toMinorUnit(BigDecimal amount, String currency) {
        return amount.setScale(MoneyFormat.minorDigits(currency), MODE);
    }

    /** The exact, unrounded tax on {@code net}: rate percent of net ({@link Percent#of}). */
    public static BigDecimal exactTax(BigDecimal net, BigDecimal ratePct) {
        return Percent.of(net, ratePct);
    }

    /**
     * Tax for the lines of one invoice that share a tax rule (an invoice with lines under several rules
     * computes one of these per rule, as its tax subtotals).
     *
     * <ul>
     * <li>{@code line} rounding: each line's tax is rounded, the total tax is the sum of the rounded line
     * taxes.</li>
     * <li>{@code document} rounding: the total tax is the tax on the sum of the lines, rounded once. The
     * per-line taxes are then an allocation of that total (for posting and lineage), so they too add up to
     * it exactly: each line gets its exact tax rounded down to the minor unit, and the minor units left
     * over go one each to the lines with the largest remainders (the earlier line on a tie).</li>
     * </ul>
     *
     * @param netLines net line amounts, already at the currency's minor unit (fewer decimals are fine,
     *     more are refused: a line the invoice shows must be the line that is taxed)
     * @throws IllegalArgumentException for a line with more decimals than the currency's minor unit
     */
    public static InvoiceTax invoiceTax(List<BigDecimal> netLines, TaxRule rule, String currency) {
        Objects.requireNonNull(rule, "rule");
        int scale = MoneyFormat.minorDigits(currency);
        List<BigDecimal> nets = atScale(netLines, scale, currency);
        BigDecimal netTotal = nets.stream().reduce(BigDecimal.ZERO.setScale(scale), BigDecimal::add);
        List<BigDecimal> lineTaxes = lineTaxes(nets, rule.ratePct(), rule.rounding(), currency);
        BigDecimal taxTotal = lineTaxes.stream().reduce(BigDecimal.ZERO.setScale(scale), BigDecimal::add);
        return new InvoiceTax(currency, rule, nets, lineTaxes, netTotal, taxTotal, netTotal.add(taxTotal));
    }

    /**
     * The tax of each of {@code netLines} that one rule taxes at {@code ratePct} and rounding {@code level},
     * by the rule of {@link #invoiceTax}: what an invoice version whose rule is known only by its rate and
     * level (a stored version being adjusted) is taxed with.
     */
    public static List<BigDecimal> lineTaxes(List<BigDecimal> netLines, BigDecimal ratePct, TaxRule.RoundingLevel level, String currency) {
        Objects.requireNonNull(ratePct, "ratePct");
        int scale = MoneyFormat.minorDigits(currency);
        List<BigDecimal> nets = atScale(netLines, scale, currency);
        if (level == TaxRule.RoundingLevel.LINE) {
            return nets.stream().map(net -> exactTax(net, ratePct).setScale(scale, MODE)).toList();
        }
        BigDecimal netTotal = nets.stream().reduce(BigDecimal.ZERO.setScale(scale), BigDecimal::add);
        return allocate(exactTax(netTotal, ratePct).setScale(scale, MODE), nets, ratePct, scale);
    }

    private static List<BigDecimal> atScale(List<BigDecimal> netLines, int scale, String currency) {
        List<BigDecimal> nets = new ArrayList<>(netLines.size());
        for (int i = 0; i < netLines.size(); i++) {
            nets.add(atScale(netLines.get(i), scale, currency, i));
        }
        return nets;
    }

    /** Largest-remainder allocation of a rounded document tax over the lines it was computed from. */
    private static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> nets, BigDecimal ratePct, int scale) {
        int n = nets.size();
        BigDecimal[] floors = new BigDecimal[n];
        BigDecimal[] remainders = new BigDecimal[n];
        BigDecimal floorSum = BigDecimal.ZERO.setScale(scale);
        for (int i = 0; i < n; i++) {
            BigDecimal exact = exactTax(nets.get(i), ratePct);
            floors[i] = exact.setScale(scale, RoundingMode.FLOOR);
            remainders[i] = exact.subtract(floors[i]);
            floorSum = floorSum.add(floors[i]);
        }
        // 0 <= leftover <= n: the rounded total lies between the sum of the floors and the sum of the ceilings
        int leftover = total.subtract(floorSum).unscaledValue().intValueExact();
        BigDecimal unit = new BigDecimal(BigInteger.ONE, scale);
        List<Integer> order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i))
                .toList();
        for (int k = 0; k < leftover; k++) {
            int i = order.get(k);
            floors[i] = floors[i].add(unit);
        }
        return List.of(floors);
    }

    private static BigDecimal atScale(BigDecimal line, int scale, String currency, int index) {
        Objects.requireNonNull(line, () -> "net line " + (index + 1) + " is missing");
        try {
            return line.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("net line " + (index + 1) + " (" + line.toPlainString() + ") has more than "
                    + scale + " decimals, the minor unit of " + currency + "; round the line before taxing it", e);
        }
    }
}
