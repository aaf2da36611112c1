package org.billrun.disputes;

import java.util.List;
import java.util.Map;
import org.billrun.assist.risk.RiskScore;
import org.billrun.credit.CreditQueries;
import org.billrun.posting.PostingQueries;
import org.billrun.report.port.RunDisputes;
import org.springframework.stereotype.Component;

/**
 * The dispute figures `billrun kpis --disputes` and the run report show (docs/disputes.md, "KPIs"): dispute frequency,
 * open and resolved disputes, days to resolve and the credit memos' value per invoice period and currency, from the
 * numbered invoices (posting), the disputes and the approved credit memos (credit); and for the run report each live
 * draft's dispute risk.
 */
@Component
public class DisputeFigures implements RunDisputes {

    private final DisputeQueries disputes;
    private final PostingQueries postings;
    private final CreditQueries credits;
    private final DisputeRisk risk;

    DisputeFigures(DisputeQueries disputes, PostingQueries postings, CreditQueries credits, DisputeRisk risk) {
        this.disputes = disputes;
        this.postings = postings;
        this.credits = credits;
        this.risk = risk;
    }

    /** Per invoice period and currency ({@code period} null: every period). */
    public List<DisputeKpis.Row> kpis(String period) {
        return rows(null).stream().filter(r -> period == null || r.period().equals(period)).toList();
    }

    @Override
    public List<CurrencyDisputes> ofRun(long runId) {
        return rows(runId).stream().map(r -> new CurrencyDisputes(r.currency(), r.invoices(), r.disputedInvoices(), r.open(), r.resolved(),
                r.medianDaysToResolve())).toList();
    }

    @Override
    public Map<String, RiskScore> risks(long runId) {
        return risk.scores(runId);
    }

    private List<DisputeKpis.Row> rows(Long runId) {
        List<DisputeKpis.Invoice> invoices = postings.invoicesOfPeriods(runId).stream()
                .map(i -> new DisputeKpis.Invoice(i.period(), i.currency(), i.finalNumber())).toList();
        List<DisputeKpis.Credited> credited = credits.approvedByPeriod(runId).stream()
                .map(c -> new DisputeKpis.Credited(c.period(), c.currency(), c.approved(), c.net(), c.gross())).toList();
        return DisputeKpis.of(invoices, runId == null ? disputes.disputes(null) : disputes.ofRun(runId), credited);
    }
}
