package org.billrun.report;

import java.util.ArrayList;
import java.util.List;
import org.billrun.report.port.RunCredits.EntityCredits;

/**
 * The run report's credit memo figures (docs/run-report.md, KPIs; docs/credits.md): per legal entity and
 * currency, the credit memos of the run's invoices approved and the value they give back, and those still
 * in review. Empty until a credit of one of the run's invoices is asked for.
 */
final class CreditFigures {

    private CreditFigures() {}

    static List<RunReport.Kpi> kpis(List<EntityCredits> credits) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        for (EntityCredits c : credits) {
            String at = ", entity " + c.entityId();
            kpis.add(new RunReport.Kpi("credit_memos", "Credit memos approved" + at, c.currency(), "count", Long.toString(c.approved()),
                    Long.toString(c.approved()), null, "credit memos of the run's invoices approved and numbered, in the currency"));
            kpis.add(new RunReport.Kpi("credit_memo_value", "Credit memo value (gross)" + at, c.currency(), "amount",
                    c.approvedGross().toPlainString(), c.approvedNet().toPlainString(), null,
                    "gross the approved credit memos give back (numerator: their net)"));
            kpis.add(new RunReport.Kpi("credit_memos_in_review", "Credit memos in review" + at, c.currency(), "count", Long.toString(c.inReview()),
                    c.inReviewGross().toPlainString(), null, "credit memos waiting for approval (numerator: their gross)"));
        }
        return kpis;
    }
}
