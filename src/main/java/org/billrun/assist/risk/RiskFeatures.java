package org.billrun.assist.risk;

import static org.billrun.assist.risk.RiskFeature.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.billrun.billing.MoneyFormat;
import org.billrun.billing.RobustStats;

/**
 * Reads the {@link RiskFeature}s of a draft from the client's history, each with a sentence that
 * says what it measured ("3 of the last 6 invoices were disputed"). Sums of money stay BigDecimal;
 * only the resulting shares and ratios, which are statistics, become doubles.
 */
public final class RiskFeatures {

    /** How many earlier invoices the score looks back on. */
    public static final int WINDOW = 6;
    static final int LITTLE_HISTORY_BELOW = 3;
    static final int MIN_SPIKE_MONTHS = 3;

    private RiskFeatures() {}

    /** The features' values (indexed by {@link RiskFeature#ordinal()}) and their sentences. */
    public record Measured(double[] values, List<String> sentences) {

        public double value(RiskFeature feature) {
            return values[feature.ordinal()];
        }

        public String sentence(RiskFeature feature) {
            return sentences.get(feature.ordinal());
        }
    }

    public static Measured measure(ClientHistory history, DraftFacts draft) {
        List<PastInvoice> window = history.before(draft.period(), WINDOW);
        double[] values = new double[RiskFeature.values().length];
        String[] sentences = new String[values.length];
        int n = window.size();
        String last = n == 1 ? "the last invoice" : "the last " + n + " invoices";

        long disputed = window.stream().filter(PastInvoice::disputed).count();
        values[DISPUTE_SHARE.ordinal()] = n == 0 ? 0 : (double) disputed / n;
        sentences[DISPUTE_SHARE.ordinal()] = n == 0 ? "no earlier invoice to judge disputes by"
                : disputed == 0 ? "none of " + last + " was disputed" : disputed + " of " + last + (disputed == 1 ? " was" : " were") + " disputed";

        PastInvoice latest = n == 0 ? null : window.get(n - 1);
        values[LAST_DISPUTED.ordinal()] = latest != null && latest.disputed() ? 1 : 0;
        sentences[LAST_DISPUTED.ordinal()] = latest == null ? "no earlier invoice"
                : "the latest invoice (" + latest.period() + ") was " + (latest.disputed() ? "" : "not ") + "disputed";

        BigDecimal invoiced = sum(window, PastInvoice::amount);
        BigDecimal credited = sum(window, PastInvoice::credited);
        BigDecimal writtenDown = sum(window, PastInvoice::writtenDown);
        values[CREDIT_SHARE.ordinal()] = share(credited, invoiced);
        sentences[CREDIT_SHARE.ordinal()] = credited.signum() == 0 ? "no credit on " + last
                : "credits of " + money(credited, history) + " on " + last + " (" + percent(values[CREDIT_SHARE.ordinal()]) + " of the amount)";
        values[WRITE_DOWN_SHARE.ordinal()] = share(writtenDown, invoiced.add(writtenDown));
        sentences[WRITE_DOWN_SHARE.ordinal()] = writtenDown.signum() == 0 ? "no write-down on " + last
                : "write-downs of " + money(writtenDown, history) + " on " + last + " (" + percent(values[WRITE_DOWN_SHARE.ordinal()])
                        + " of the value)";

        List<Integer> days = window.stream().map(PastInvoice::daysToPay).filter(d -> d != null).sorted().toList();
        double medianDays = days.isEmpty() ? 30 : days.size() % 2 == 1 ? days.get(days.size() / 2)
                : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0;
        values[DAYS_TO_PAY.ordinal()] = medianDays / 30;
        sentences[DAYS_TO_PAY.ordinal()] = days.isEmpty() ? "no paid invoice to measure days to pay by (30 days assumed)"
                : String.format(Locale.ROOT, "the client paid in a median of %.0f days (%d paid of %d)", medianDays, days.size(), n);

        spike(history, window, draft, values, sentences);

        values[LINES_WITHOUT_EVIDENCE.ordinal()] = draft.lines() == 0 ? 0 : (double) draft.linesWithoutEvidence() / draft.lines();
        sentences[LINES_WITHOUT_EVIDENCE.ordinal()] = draft.linesWithoutEvidence() == 0 ? "every line of the draft has evidence"
                : draft.linesWithoutEvidence() + " of " + draft.lines() + " lines of the draft have no evidence";

        values[LITTLE_HISTORY.ordinal()] = n < LITTLE_HISTORY_BELOW ? 1 : 0;
        sentences[LITTLE_HISTORY.ordinal()] = n == 0 ? "a new client: no earlier invoice"
                : n < LITTLE_HISTORY_BELOW ? "only " + n + " earlier invoice" + (n == 1 ? "" : "s") + " to judge by"
                        : n + " earlier invoices to judge by";
        return new Measured(values, List.of(sentences));
    }

    /** This period's amount against the client's monthly amounts, as the validation's BILLING_SPIKE measures it. */
    private static void spike(ClientHistory history, List<PastInvoice> window, DraftFacts draft, double[] values, String[] sentences) {
        Map<YearMonth, BigDecimal> months = new TreeMap<>();
        window.forEach(i -> months.merge(i.period(), i.amount(), BigDecimal::add));
        int z = SPIKE_ROBUST_Z.ordinal();
        int ratio = SPIKE_LOG_RATIO.ordinal();
        if (months.size() < MIN_SPIKE_MONTHS) {
            sentences[z] = sentences[ratio] = "too few months (" + months.size() + ") to compare the amount with";
            return;
        }
        RobustStats stats = RobustStats.of(months.values());
        BigDecimal r = stats.ratio(draft.amount());
        BigDecimal robustZ = stats.robustZ(draft.amount());
        values[z] = robustZ == null ? 0 : clip(robustZ.doubleValue(), -3, 6);
        values[ratio] = r == null || r.signum() <= 0 ? (r == null ? 0 : -2) : clip(Math.log(r.doubleValue()) / Math.log(2), -2, 2);
        String median = money(stats.median(), history) + ", the median of " + months.size() + " months";
        sentences[z] = robustZ == null ? "the earlier amounts do not vary (MAD 0): no robust z"
                : String.format(Locale.ROOT, "the draft is %.1f robust standard deviations %s %s", Math.abs(robustZ.doubleValue()),
                        robustZ.signum() >= 0 ? "above" : "below", median);
        sentences[ratio] = r == null ? "the earlier amounts are zero: no ratio"
                : String.format(Locale.ROOT, "the draft (%s) is %.1f× %s", money(draft.amount(), history), r.doubleValue(), median);
    }

    private static BigDecimal sum(List<PastInvoice> invoices, java.util.function.Function<PastInvoice, BigDecimal> amount) {
        return invoices.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static double share(BigDecimal part, BigDecimal whole) {
        return whole.signum() <= 0 ? 0 : part.divide(whole, MathContext.DECIMAL64).doubleValue();
    }

    private static double clip(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static String money(BigDecimal amount, ClientHistory history) {
        return MoneyFormat.format(amount, history.currency());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
