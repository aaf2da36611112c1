package org.billrun.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The approval KPIs (docs/approval.md, "KPIs") of a set of invoices, from plain facts: first-pass
 * approval rate, approval cycle time (median and 90th percentile), write-down and write-off
 * percentages, SLA breaches and what is pending. One row per group (entity, client, region or all) and
 * currency: amounts of different currencies are never added up.
 */
public final class ApprovalKpis {

    private ApprovalKpis() {}

    public enum Outcome {
        APPROVED, REJECTED, PENDING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How rows are grouped. */
    public enum By {
        ALL(i -> "all"), ENTITY(Invoice::entity), CLIENT(Invoice::client), REGION(Invoice::region);

        private final Function<Invoice, String> key;

        By(Function<Invoice, String> key) {
            this.key = key;
        }

        public static By parse(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A review task of an invoice: when it was due and when it was done (null: still open). */
    public record Task(Instant due, Instant done) {

        /** Done after its due time, or still open after it at {@code now}. */
        public boolean breached(Instant now) {
            return (done == null ? now : done).isAfter(due);
        }
    }

    /**
     * One invoice (a draft and its versions) as the KPIs see it.
     *
     * @param drafted version 1's net: what the draft billed before anyone changed it
     * @param submitted when the draft was ready for review (its run finished drafting)
     * @param decided when it was approved or rejected; null while pending
     * @param versions how many versions it has (1: never adjusted)
     * @param straightThrough the matrix asks no approval of it (released by the policy or not yet): no person reviews it
     * @param writtenDown net written down by adjustments, less any written up (never below 0)
     * @param writtenOff net of the lines written off
     */
    public record Invoice(String draftId, String entity, String client, String region, Money drafted, Outcome outcome,
            Instant submitted, Instant decided, int versions, boolean straightThrough, Money writtenDown, Money writtenOff,
            List<Task> tasks) {

        public Invoice {
            Objects.requireNonNull(outcome, "outcome");
            tasks = List.copyOf(tasks);
            if ((outcome == Outcome.PENDING) != (decided == null)) {
                throw new IllegalArgumentException(draftId + ": a pending invoice has no decision time, a decided one has");
            }
        }

        /** Approved as drafted by the first person who looked: version 1, reviewed, approved. */
        boolean firstPass() {
            return outcome == Outcome.APPROVED && versions == 1 && !straightThrough;
        }
    }

    /**
     * The KPIs of one group in one currency. Rates and percentages have one decimal and are null when
     * there is nothing to divide by; cycle times are null without a reviewed approval.
     */
    public record Row(String group, String currency, int invoices, int straightThrough, int reviewed, int approved, int rejected,
            int pending, int firstPass, BigDecimal firstPassRatePct, Duration cycleMedian, Duration cycleP90, Money drafted, Money writtenDown,
            Money writtenOff, BigDecimal writeDownPct, BigDecimal writeOffPct, int tasks, int slaBreaches) {}

    /** The rows of {@code invoices} grouped {@code by}, sorted by group and currency; {@code now} decides open tasks' breaches. */
    public static List<Row> of(List<Invoice> invoices, By by, Instant now) {
        Map<String, Map<String, List<Invoice>>> groups = new TreeMap<>();
        for (Invoice invoice : invoices) {
            String group = Objects.requireNonNullElse(by.key.apply(invoice), "(none)");
            groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(invoice.drafted().currency(), c -> new ArrayList<>()).add(invoice);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((group, byCurrency) -> byCurrency.forEach((currency, members) -> rows.add(row(group, currency, members, now))));
        return List.copyOf(rows);
    }

    private static Row row(String group, String currency, List<Invoice> invoices, Instant now) {
        int straight = count(invoices, i -> i.straightThrough());
        List<Invoice> reviewed = invoices.stream().filter(i -> !i.straightThrough()).toList();
        int approved = count(reviewed, i -> i.outcome() == Outcome.APPROVED);
        int rejected = count(reviewed, i -> i.outcome() == Outcome.REJECTED);
        int pending = count(reviewed, i -> i.outcome() == Outcome.PENDING);
        int firstPass = count(reviewed, Invoice::firstPass);
        List<Duration> cycles = reviewed.stream().filter(i -> i.outcome() == Outcome.APPROVED)
                .map(i -> Duration.between(i.submitted(), i.decided())).sorted().toList();
        Money drafted = sum(invoices, Invoice::drafted, currency);
        Money down = sum(invoices, Invoice::writtenDown, currency);
        Money off = sum(invoices, Invoice::writtenOff, currency);
        int tasks = invoices.stream().mapToInt(i -> i.tasks().size()).sum();
        int breaches = (int) invoices.stream().flatMap(i -> i.tasks().stream()).filter(t -> t.breached(now)).count();
        return new Row(group, currency, invoices.size(), straight, reviewed.size(), approved, rejected, pending, firstPass,
                pct(firstPass, approved + rejected), percentile(cycles, 50), percentile(cycles, 90), drafted, down, off,
                pct(down.amount(), drafted.amount()), pct(off.amount(), drafted.amount()), tasks, breaches);
    }

    /** The number of reviewed approvals whose cycle time the median and p90 are taken over. */
    public static int cycles(Row row) {
        return row.approved();
    }

    /**
     * Nearest-rank percentile: the smallest value with at least {@code p} percent of the values at or
     * below it (the median of 4 values is the 2nd). Null for no values.
     */
    public static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (p * sorted.size() + 99) / 100;
        return sorted.stream().sorted(Comparator.naturalOrder()).toList().get(Math.max(rank, 1) - 1);
    }

    private static BigDecimal pct(int part, int whole) {
        return pct(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }

    private static BigDecimal pct(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }

    private static int count(List<Invoice> invoices, java.util.function.Predicate<Invoice> test) {
        return (int) invoices.stream().filter(test).count();
    }

    private static Money sum(List<Invoice> invoices, Function<Invoice, Money> amount, String currency) {
        return invoices.stream().map(amount).filter(Objects::nonNull).reduce(Money.zero(currency), Money::plus).rounded();
    }
}
