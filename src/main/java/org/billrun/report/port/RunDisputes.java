package org.billrun.report.port;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.billrun.assist.risk.RiskScore;

/**
 * The disputes of a run's invoices and the dispute risk of its drafts, for its run report (docs/run-report.md). The
 * report stage owns this contract; the disputes stage implements it (disputes depends on posting, which depends on
 * report, so report may not depend on disputes).
 */
public interface RunDisputes {

    /** Per currency of the run's numbered invoices or disputes, in currency order; empty before an invoice of the run is numbered. */
    List<CurrencyDisputes> ofRun(long runId);

    /**
     * The dispute risk of each of the run's live drafts, by draft id, scored against its contract's history as it stands
     * now (docs/assistance.md, "Dispute risk"); a superseded draft has none.
     */
    Map<String, RiskScore> risks(long runId);

    /**
     * @param invoices the run's numbered invoices in the currency (credit notes left out)
     * @param disputedInvoices how many of them were disputed (an invoice disputed twice counts once)
     * @param open disputes still open
     * @param resolved disputes resolved (credited, rebilled or rejected)
     * @param medianDaysToResolve median days from opening to resolution over the resolved ones, one decimal; null when none is resolved
     */
    record CurrencyDisputes(String currency, long invoices, long disputedInvoices, long open, long resolved, BigDecimal medianDaysToResolve) {}
}
