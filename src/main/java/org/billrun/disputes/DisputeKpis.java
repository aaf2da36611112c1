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
import org.billrun.disputes.port.Dispute;
import org.billrun.disputes.port.DisputeState;

/**
 * Dispute KPIs per invoice period (docs/disputes.md, "KPIs"): how many final invoices the period has, how
 * many of them were disputed (dispute frequency), how many disputes are open and resolved, and the median
 * days from opening to resolution of the resolved ones. Plain Java over the invoices and disputes given.
 */
public final class DisputeKpis {

    /** One period's figures; {@code frequencyPct} and {@code medianDaysToResolve} are null when there is nothing to divide by. */
    public record Row(String period, int invoices, int disputedInvoices, BigDecimal frequencyPct, int open, int resolved,
            BigDecimal medianDaysToResolve) {}

    private DisputeKpis() {}

    /**
     * @param invoicesByPeriod the final numbers of the numbered invoices, by their period ("2026-10")
     * @param disputes every dispute (its final number and period tie it to an invoice)
     */
    public static List<Row> of(Map<String, Set<String>> invoicesByPeriod, List<Dispute> disputes) {
        Set<String> periods = new TreeSet<>(invoicesByPeriod.keySet());
        Map<String, List<Dispute>> byPeriod = new TreeMap<>();
        for (Dispute d : disputes) {
            String period = d.draftId().length() >= 7 ? d.draftId().substring(0, 7) : d.draftId();
            byPeriod.computeIfAbsent(period, k -> new ArrayList<>()).add(d);
            periods.add(period);
        }
        List<Row> rows = new ArrayList<>();
        for (String period : periods) {
            List<Dispute> own = byPeriod.getOrDefault(period, List.of());
            int invoices = invoicesByPeriod.getOrDefault(period, Set.of()).size();
            int disputed = (int) own.stream().map(Dispute::finalNumber).distinct().count();
            List<Duration> times = own.stream().filter(d -> d.state() != DisputeState.OPEN && d.resolvedAt() != null)
                    .map(d -> Duration.between(d.openedAt(), d.resolvedAt())).sorted().toList();
            int open = (int) own.stream().filter(d -> d.state() == DisputeState.OPEN).count();
            rows.add(new Row(period, invoices, disputed, invoices == 0 ? null
                    : BigDecimal.valueOf(100L * disputed).divide(BigDecimal.valueOf(invoices), 1, RoundingMode.HALF_UP), open, times.size(),
                    median(times)));
        }
        return rows;
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
