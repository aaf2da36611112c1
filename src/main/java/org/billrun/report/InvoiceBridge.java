package org.billrun.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge from the drafted records' value to the invoices' totals, per currency: value + markup +
 * line rounding + retainer fees + retainer overage + write-downs + time covered at 0.00 = net, and
 * net + tax = gross. Plain Java over the lines' totals and the drafts' totals.
 */
final class InvoiceBridge {

    /** The run's drafts in one currency: how many, by route, and their totals. */
    record DraftTotals(String currency, long drafts, long straightThrough, long review, BigDecimal net, BigDecimal tax, BigDecimal gross,
            BigDecimal writeDown) {}

    private InvoiceBridge() {}

    /** One bridge per currency the run drafted in; it adds up when every part is explained and both equations hold. */
    static List<RunReport.InvoiceTotals> invoiceTotals(Map<String, LineTotals> lines, Map<String, DraftTotals> drafts) {
        List<RunReport.InvoiceTotals> totals = new ArrayList<>();
        drafts.forEach((c, d) -> {
            LineTotals l = lines.getOrDefault(c, new LineTotals());
            BigDecimal parts = l.recordValue.add(l.markup).add(l.rounding).add(l.fees).add(l.overage).add(l.writeDowns).add(l.covered);
            boolean reconciles = l.unexplained.signum() == 0 && parts.compareTo(d.net()) == 0 && d.net().add(d.tax()).compareTo(d.gross()) == 0;
            totals.add(new RunReport.InvoiceTotals(c, d.drafts(), d.straightThrough(), d.review(), Amounts.exact(l.recordValue, c),
                    Amounts.exact(l.markup, c), Amounts.exact(l.rounding, c), Amounts.money(l.fees, c), Amounts.money(l.overage, c),
                    Amounts.money(l.writeDowns, c), Amounts.money(l.covered, c), Amounts.money(d.net(), c), Amounts.money(d.tax(), c),
                    Amounts.money(d.gross(), c), reconciles));
        });
        return totals;
    }
}
