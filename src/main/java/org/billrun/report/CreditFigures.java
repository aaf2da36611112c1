package org.billrun.report;

import java.util.ArrayList;
import java.util.List;
import org.billrun.report.port.RunCredits.EntityCredits;
import org.billrun.report.port.RunCredits.RecordEnds;

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

    /**
     * Conservation after credits and rebills (docs/credits.md, "Conservation"): the records of the run's credited lines
     * and rebill lines by where they end. {@code records_billed_twice} must be 0.
     */
    static List<RunReport.Kpi> recordKpis(List<RecordEnds> ends) {
        List<RunReport.Kpi> kpis = new ArrayList<>();
        for (RecordEnds e : ends) {
            String definition = switch (e.end()) {
                case "credited" -> "records of the run's lines that approved credits gave back without a rebill: they end credited";
                case "rebilled" -> "records credited and billed again, counted once, on their live rebill line";
                case "awaiting_rebill" -> "records a credit with a rebill reopened that no live line bills yet (the next run of the period drafts them)";
                default -> "records on two live lines no credit gave back: a breach of conservation, must be 0";
            };
            kpis.add(new RunReport.Kpi("records_" + e.end(), "Records " + e.end().replace('_', ' '), null, "count", Long.toString(e.records()),
                    Long.toString(e.records()), null, definition));
        }
        return kpis;
    }
}
