package org.billrun.assist.risk;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A draft's dispute risk: the model's probability that the client disputes it (0..1; a statistic,
 * not money), the log odds of the average training draft it starts from, and every feature's
 * contribution, largest effect first. The baseline plus the contributions is the score's log odds,
 * so the factors explain the score exactly.
 */
public record RiskScore(double probability, double baselineLogOdds, List<RiskFactor> factors) {

    public RiskScore {
        factors = List.copyOf(factors);
    }

    /** The {@code n} factors with the largest effect, either way. */
    public List<RiskFactor> top(int n) {
        return factors.subList(0, Math.min(n, factors.size()));
    }

    /** "dispute risk 0.62: 3 of the last 6 invoices were disputed (+1.20); ...". */
    public String explanation(int n) {
        return String.format(Locale.ROOT, "dispute risk %.2f: %s", probability,
                top(n).stream().map(RiskFactor::toString).collect(Collectors.joining("; ")));
    }
}
