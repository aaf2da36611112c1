package org.billrun.billing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Exchange rates by currency pair and date (fx_rates.csv). The rule, documented in the README: the
 * rate of the day itself; when that day has none (a weekend or holiday the export skipped), the
 * latest earlier rate up to {@code lookbackDays} before it; a pair given only the other way round is
 * inverted. Nothing else: a currency with no rate in that window has no rate.
 */
public final class FxTable {

    /** Precision of an inverted rate: well beyond the 6 decimals rate files carry. */
    private static final MathContext INVERSE = new MathContext(20);

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byPair = new HashMap<>();
    private final int lookbackDays;

    public record Quote(String from, String to, LocalDate date, BigDecimal rate, boolean inverted) {}

    public FxTable(Collection<Quote> quotes, int lookbackDays) {
        for (Quote quote : quotes) {
            byPair.computeIfAbsent(quote.from() + "/" + quote.to(), k -> new TreeMap<>()).put(quote.date(), quote.rate());
        }
        this.lookbackDays = lookbackDays;
    }

    /** The rate to convert one {@code from} into {@code to} on {@code date}: 1 for the same currency. */
    public Optional<Quote> rate(String from, String to, LocalDate date) {
        if (from.equals(to)) {
            return Optional.of(new Quote(from, to, date, BigDecimal.ONE, false));
        }
        Optional<Quote> direct = lookup(from, to, date);
        if (direct.isPresent()) {
            return direct;
        }
        return lookup(to, from, date).map(q -> new Quote(from, to, q.date(), BigDecimal.ONE.divide(q.rate(), INVERSE), true));
    }

    private Optional<Quote> lookup(String from, String to, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> rates = byPair.get(from + "/" + to);
        if (rates == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> entry = rates.floorEntry(date);
        if (entry == null || entry.getKey().isBefore(date.minusDays(lookbackDays))) {
            return Optional.empty();
        }
        return Optional.of(new Quote(from, to, entry.getKey(), entry.getValue(), false));
    }
}
