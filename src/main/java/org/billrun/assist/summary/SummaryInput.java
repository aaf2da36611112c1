package org.billrun.assist.summary;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * What the approver summary is written from: the draft's routing reasons (empty when it goes
 * straight through), its warnings, and its lines compared with the same contract's draft of the
 * previous period ({@code previousPeriod} null when there was none). Amounts are net, in
 * {@code currency}, BigDecimal: they are money.
 */
public record SummaryInput(String draftId, String clientName, String currency, YearMonth period, YearMonth previousPeriod,
        List<Routing> reasons, List<Anomaly> anomalies, List<LineChange> changes) {

    public SummaryInput {
        reasons = List.copyOf(reasons);
        anomalies = List.copyOf(anomalies);
        changes = List.copyOf(changes);
    }

    /** A routing reason: who reviews ("finance", "E-103 Ruth Ellis") and why, in the draft stage's words. */
    public record Routing(String reviewer, String because) {}

    /** A warning on the draft: its rule code and message. */
    public record Anomaly(String code, String message) {}

    public enum Change { ADDED, REMOVED, CHANGED }

    /**
     * A line of this period against the same line last period: what it bills ("time on P-HUDSON-DD",
     * "expenses: hotel"), the quantity and unit where it has one (hours), and the net amounts. The
     * side that has no line is null.
     */
    public record LineChange(Change change, String what, String unit, BigDecimal quantityBefore, BigDecimal quantityAfter,
            BigDecimal netBefore, BigDecimal netAfter) {

        /** Net after minus net before; a missing side counts as zero. */
        public BigDecimal netDelta() {
            return orZero(netAfter).subtract(orZero(netBefore));
        }

        private static BigDecimal orZero(BigDecimal value) {
            return value == null ? BigDecimal.ZERO : value;
        }
    }
}
