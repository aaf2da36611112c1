package org.billrun.assist.risk;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** A client's earlier invoices, all amounts in {@code currency}, kept in period order. */
public record ClientHistory(String clientId, String currency, List<PastInvoice> invoices) {

    public ClientHistory {
        invoices = invoices.stream().sorted(Comparator.comparing(PastInvoice::period)).toList();
    }

    /** The last {@code count} invoices of periods before {@code period}, oldest first. */
    public List<PastInvoice> before(YearMonth period, int count) {
        List<PastInvoice> earlier = invoices.stream().filter(i -> i.period().isBefore(period)).toList();
        return earlier.subList(Math.max(0, earlier.size() - count), earlier.size());
    }
}
