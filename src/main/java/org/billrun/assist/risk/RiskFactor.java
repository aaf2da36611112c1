package org.billrun.assist.risk;

import java.util.Locale;

/**
 * One feature's part in a risk score: what it measured, in words, and how much it moved the log odds
 * of a dispute away from those of the average draft the model trained on (positive: riskier).
 */
public record RiskFactor(RiskFeature feature, String sentence, double contribution) {

    /** "3 of the last 6 invoices were disputed (+1.20)". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%+.2f)", sentence, contribution);
    }
}
