package org.billrun.assist.risk;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well the risk score, trained on a billing history's earlier periods, ranks and flags the disputes of a later
 * period it did not see (docs/assistance.md, "Dispute risk"): a model is trained on the invoices up to
 * {@code lastTraining}, every invoice after it is scored against the history before it, and the result gives the AUC
 * and, at the routing threshold, how many drafts would have been flagged and how many of those were disputed.
 *
 * @param shippedAuc the AUC of the model billrun ships ({@link RiskModel#shipped()}, trained on another history) on
 *                   the same held-out invoices: how far that model carries over to this history
 */
public record RiskEvaluation(YearMonth firstTraining, YearMonth lastTraining, YearMonth firstHeldOut, YearMonth lastHeldOut,
        int trainingInvoices, int trainingDisputed, int heldOutInvoices, int heldOutDisputed, double auc, RiskMetrics.AtThreshold atThreshold,
        double shippedAuc, RiskModel model) {

    /**
     * Trains on the invoices of periods up to {@code lastTraining} and judges the later ones.
     *
     * @throws IllegalArgumentException when either part has no disputed or no undisputed invoice
     */
    public static RiskEvaluation of(List<ClientHistory> histories, YearMonth lastTraining, double threshold) {
        YearMonth first = null;
        YearMonth last = null;
        for (ClientHistory h : histories) {
            for (PastInvoice i : h.invoices()) {
                first = first == null || i.period().isBefore(first) ? i.period() : first;
                last = last == null || i.period().isAfter(last) ? i.period() : last;
            }
        }
        if (first == null || !lastTraining.isBefore(last) || lastTraining.isBefore(first)) {
            throw new IllegalArgumentException("the history (" + first + ".." + last + ") must have periods up to and after " + lastTraining);
        }
        List<RiskExample> training = RiskTraining.examples(histories, first, lastTraining);
        List<RiskExample> heldOut = RiskTraining.examples(histories, lastTraining.plusMonths(1), last);
        RiskModel model = RiskModel.train(training);
        List<RiskMetrics.Scored> scored = new ArrayList<>();
        List<RiskMetrics.Scored> shipped = new ArrayList<>();
        for (RiskExample e : heldOut) {
            scored.add(new RiskMetrics.Scored(model.score(e.features()).probability(), e.disputed()));
            shipped.add(new RiskMetrics.Scored(RiskModel.shipped().score(e.features()).probability(), e.disputed()));
        }
        return new RiskEvaluation(first, lastTraining, lastTraining.plusMonths(1), last, training.size(),
                (int) training.stream().filter(RiskExample::disputed).count(), heldOut.size(),
                (int) heldOut.stream().filter(RiskExample::disputed).count(), RiskMetrics.auc(scored), RiskMetrics.atThreshold(scored, threshold),
                RiskMetrics.auc(shipped), model);
    }

    /** The share of held-out invoices disputed: the precision of flagging every draft. */
    public double baseRate() {
        return heldOutInvoices == 0 ? Double.NaN : (double) heldOutDisputed / heldOutInvoices;
    }

    /** What {@code billrun generate --dispute-history} prints: the split, the AUC and the flags at the threshold. */
    public List<String> describe() {
        return List.of(
                String.format(Locale.ROOT, "trained on %s..%s: %,d invoices, %,d disputed", firstTraining, lastTraining, trainingInvoices,
                        trainingDisputed),
                String.format(Locale.ROOT, "held out %s..%s: %,d invoices, %,d disputed (base rate %.3f)", firstHeldOut, lastHeldOut,
                        heldOutInvoices, heldOutDisputed, baseRate()),
                String.format(Locale.ROOT, "AUC %.3f (the shipped model on the same invoices: %.3f; guessing 0.500)", auc, shippedAuc),
                String.format(Locale.ROOT, "at the threshold %s: %,d flagged, %,d of them disputed: precision %s, recall %s",
                        trim(atThreshold.threshold()), atThreshold.flagged(), atThreshold.flaggedDisputed(), ratio(atThreshold.precision()),
                        ratio(atThreshold.recall())));
    }

    private static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
