package org.billrun.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.billrun.report.port.RunDisputes.CurrencyDisputes;

/**
 * The run report's dispute figures (docs/run-report.md, KPIs; docs/disputes.md, "KPIs"): per currency, how many of
 * the run's numbered invoices were disputed, the disputes still open and the median days to resolve the others.
 * Empty until an invoice of the run is numbered: the run's own report stage writes before that, `billrun report RUN`
 * later shows the disputes as they stand then.
 */
final class RunDisputeFigures {

    private RunDisputeFigures() {}

    static List<RunReport.Kpi> kpis(List<CurrencyDisputes> currencies) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        for (CurrencyDisputes c : currencies) {
            kpis.add(new RunReport.Kpi("dispute_frequency", "Dispute frequency", c.currency(), "ratio",
                    Amounts.ratio(BigDecimal.valueOf(c.disputedInvoices()), BigDecimal.valueOf(c.invoices())), Long.toString(c.disputedInvoices()),
                    Long.toString(c.invoices()), "numbered invoices of the run disputed (an invoice disputed twice counts once) / numbered "
                            + "invoices of the run, in the currency"));
            long disputes = c.open() + c.resolved();
            kpis.add(new RunReport.Kpi("disputes_open", "Disputes open", c.currency(), "count", Long.toString(c.open()), Long.toString(c.open()),
                    Long.toString(disputes), "disputes of the run's invoices not yet resolved / all disputes of the run's invoices"));
            String median = c.medianDaysToResolve() == null ? null : c.medianDaysToResolve().toPlainString();
            kpis.add(new RunReport.Kpi("dispute_days_to_resolve_median", "Days to resolve a dispute, median", c.currency(), "days", median,
                    median, Long.toString(c.resolved()), "days from opening a dispute of the run's invoices to its resolution (credited, "
                            + "rebilled or rejected), median over the resolved ones (denominator); null when none is resolved"));
        }
        return kpis;
    }
}
