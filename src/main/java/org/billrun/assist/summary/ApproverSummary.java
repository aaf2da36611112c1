package org.billrun.assist.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.billrun.assist.summary.SummaryInput.Anomaly;
import org.billrun.assist.summary.SummaryInput.Change;
import org.billrun.assist.summary.SummaryInput.LineChange;
import org.billrun.assist.summary.SummaryInput.Routing;
import org.billrun.billing.MoneyFormat;

/**
 * The paragraph `review show` opens with: why the draft was routed, what it warns about, and what
 * changed since last period, from a fixed template (docs/assistance.md, "Approver summary"). No
 * model and no network: the same input always gives the same words. At most
 * {@value #MAX_CHANGES} line changes are told, the largest net effect first; the rest are counted.
 */
public final class ApproverSummary {

    static final int MAX_CHANGES = 3;

    private ApproverSummary() {}

    public static String write(SummaryInput input) {
        List<String> sentences = new ArrayList<>();
        sentences.add(routing(input.reasons()));
        if (!input.anomalies().isEmpty()) {
            sentences.add(anomalies(input.anomalies()));
        }
        sentences.add(changes(input));
        return String.join(" ", sentences);
    }

    private static String routing(List<Routing> reasons) {
        if (reasons.isEmpty()) {
            return "Goes straight through: no open exception and within every threshold.";
        }
        Map<String, List<String>> byReviewer = new LinkedHashMap<>();
        for (Routing r : reasons) {
            byReviewer.computeIfAbsent(r.reviewer(), k -> new ArrayList<>()).add(stripPeriod(r.because()));
        }
        List<String> parts = new ArrayList<>();
        byReviewer.forEach((reviewer, because) -> parts.add("to " + reviewer + " because " + list(because)));
        return "Routed " + String.join("; and ", parts) + ".";
    }

    private static String anomalies(List<Anomaly> anomalies) {
        List<String> told = anomalies.stream().map(a -> a.code() + " (" + stripPeriod(a.message()) + ")").toList();
        return (anomalies.size() == 1 ? "Warning: " : "Warnings: ") + list(told) + ".";
    }

    private static String changes(SummaryInput input) {
        if (input.previousPeriod() == null) {
            return "There is no draft of the previous period to compare with.";
        }
        String previous = monthName(input);
        List<LineChange> changed = input.changes().stream().filter(c -> c.change() != Change.CHANGED || c.netDelta().signum() != 0
                || !same(c.quantityBefore(), c.quantityAfter())).sorted(Comparator.comparing((LineChange c) -> c.netDelta().abs()).reversed()
                .thenComparing(LineChange::what)).toList();
        if (changed.isEmpty()) {
            return "Compared with " + previous + ", nothing changed.";
        }
        BigDecimal total = changed.stream().map(LineChange::netDelta).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> told = new ArrayList<>();
        for (LineChange c : changed.subList(0, Math.min(MAX_CHANGES, changed.size()))) {
            told.add(change(c, input.currency()));
        }
        int rest = changed.size() - told.size();
        String more = rest == 0 ? "" : rest == 1 ? "; one smaller change besides" : "; " + rest + " smaller changes besides";
        return "Compared with " + previous + ", " + list(told) + more + ": net " + signed(total, input.currency()) + " in all.";
    }

    private static String change(LineChange c, String currency) {
        return switch (c.change()) {
            case ADDED -> c.what() + " is new (" + quantity(c.quantityAfter(), c.unit(), "") + MoneyFormat.format(c.netAfter(), currency) + ")";
            case REMOVED -> c.what() + " is gone (" + quantity(c.quantityBefore(), c.unit(), "was ") + MoneyFormat.format(c.netBefore(), currency)
                    + " last time)";
            case CHANGED -> changed(c, currency);
        };
    }

    private static String changed(LineChange c, String currency) {
        BigDecimal delta = c.netDelta();
        String verb = delta.signum() > 0 ? "rose" : delta.signum() < 0 ? "fell" : "stayed";
        StringBuilder s = new StringBuilder(c.what()).append(' ').append(verb);
        if (c.quantityBefore() != null && c.quantityAfter() != null && !same(c.quantityBefore(), c.quantityAfter())) {
            s.append(" from ").append(plain(c.quantityBefore())).append(" to ").append(plain(c.quantityAfter())).append(' ').append(c.unit());
            s.append(delta.signum() == 0 ? " at the same amount" : "");
        }
        if (delta.signum() != 0) {
            s.append(" (").append(signed(delta, currency)).append(percent(c.netBefore(), delta)).append(')');
        }
        return s.toString();
    }

    private static String quantity(BigDecimal quantity, String unit, String prefix) {
        return quantity == null || unit == null ? "" : prefix + plain(quantity) + " " + unit + ", ";
    }

    /** "+12 %" of the earlier amount, whole percent half up; nothing when there was no earlier amount. */
    private static String percent(BigDecimal before, BigDecimal delta) {
        if (before == null || before.signum() == 0) {
            return "";
        }
        BigDecimal pct = delta.multiply(BigDecimal.valueOf(100)).divide(before.abs(), 0, RoundingMode.HALF_UP);
        return ", " + (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + " %";
    }

    private static String signed(BigDecimal amount, String currency) {
        return (amount.signum() > 0 ? "+" : amount.signum() < 0 ? "-" : "") + MoneyFormat.format(amount.abs(), currency);
    }

    private static String plain(BigDecimal value) {
        return MoneyFormat.number(value, Math.max(0, Math.min(2, value.stripTrailingZeros().scale())));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String monthName(SummaryInput input) {
        String month = input.previousPeriod().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return input.previousPeriod().getYear() == input.period().getYear() ? month : month + " " + input.previousPeriod().getYear();
    }

    /** "a", "a and b", "a, b and c". */
    private static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String stripPeriod(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
