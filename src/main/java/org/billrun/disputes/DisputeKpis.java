package org.billrun.disputes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.billrun.billing.MoneyFormat;
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeState;

/**
 * Dispute KPIs per invoice period and currency (docs/disputes.md, "KPIs"): how many final invoices the period
 * has, how many of them were disputed (dispute frequency), how many disputes are open and resolved, the median
 * days from opening to resolution of the resolved ones, and the credit memos approved on the period's invoices
 * with the value they give back. Plain Java over the invoices, disputes and credits given.
 */
public final class DisputeKpis {

    /**
     * One period's figures in one currency; {@code frequencyPct} and {@code medianDaysToResolve} are null when there is
     * nothing to divide by. {@code creditedNet} and {@code creditedGross} are what the approved credit memos give back.
     */
    public record Row(String period, String currency, int invoices, int disputedInvoices, BigDecimal frequencyPct, int open, int resolved,
            BigDecimal medianDaysToResolve, long creditMemos, BigDecimal creditedNet, BigDecimal creditedGross) {}

    /** A numbered invoice: the period it billed, its currency and final number. */
    public record Invoice(String period, String currency, String finalNumber) {}

    /** The approved credit memos of one period's invoices in one currency. */
    public record Credited(String period, String currency, long memos, BigDecimal net, BigDecimal gross) {}

    private record Key(String period, String currency) implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int byPeriod = period.compareTo(o.period);
            return byPeriod != 0 ? byPeriod : currency.compareTo(o.currency);
        }
    }

    private DisputeKpis() {}

    /**
     * @param invoices the numbered invoices (credit notes left out)
     * @param disputes every dispute (its draft id starts with the period of the invoice it disputes)
     * @param credits the approved credit memos per period and currency of the invoices they credit
     */
    public static List<Row> of(List<Invoice> invoices, List<Dispute> disputes, List<Credited> credits) {
        Map<Key, Set<String>> numbers = new TreeMap<>();
        invoices.forEach(i -> numbers.computeIfAbsent(new Key(i.period(), i.currency()), k -> new TreeSet<>()).add(i.finalNumber()));
        Map<Key, List<Dispute>> disputed = new TreeMap<>();
        for (Dispute d : disputes) {
            // a draft id starts with its period (draft.InvoiceAssembler.draftId)
            String period = d.draftId().length() >= 7 ? d.draftId().substring(0, 7) : d.draftId();
            disputed.computeIfAbsent(new Key(period, d.currency()), k -> new ArrayList<>()).add(d);
        }
        Map<Key, Credited> credited = new TreeMap<>();
        credits.forEach(c -> credited.put(new Key(c.period(), c.currency()), c));
        Set<Key> keys = new TreeSet<>(numbers.keySet());
        keys.addAll(disputed.keySet());
        keys.addAll(credited.keySet());

        List<Row> rows = new ArrayList<>();
        for (Key key : keys) {
            List<Dispute> own = disputed.getOrDefault(key, List.of());
            int count = numbers.getOrDefault(key, Set.of()).size();
            int disputedInvoices = (int) own.stream().map(Dispute::finalNumber).distinct().count();
            List<Duration> times = own.stream().filter(d -> d.state() != DisputeState.OPEN && d.resolvedAt() != null)
                    .map(d -> Duration.between(d.openedAt(), d.resolvedAt())).sorted().toList();
            int open = (int) own.stream().filter(d -> d.state() == DisputeState.OPEN).count();
            Credited c = credited.get(key);
            rows.add(new Row(key.period(), key.currency(), count, disputedInvoices, count == 0 ? null
                    : BigDecimal.valueOf(100L * disputedInvoices).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP), open, times.size(),
                    median(times), c == null ? 0 : c.memos(), c == null ? none(key.currency()) : c.net(), c == null ? none(key.currency()) : c.gross()));
        }
        return rows;
    }

    /** Zero at the currency's minor unit (0.00, JPY 0). */
    private static BigDecimal none(String currency) {
        return BigDecimal.ZERO.setScale(MoneyFormat.minorDigits(currency));
    }

    /** The median in days with one decimal (the mean of the middle two for an even count); null for none. */
    static BigDecimal median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        long seconds = n % 2 == 1 ? sorted.get(n / 2).toSeconds() : (sorted.get(n / 2 - 1).toSeconds() + sorted.get(n / 2).toSeconds()) / 2;
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(86_400), 1, RoundingMode.HALF_UP);
    }
}
