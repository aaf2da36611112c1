package org.billrun.report.port;

import java.math.BigDecimal;
import java.util.List;

/**
 * The credit memos of a run's invoices, per legal entity and currency, for its run report (docs/credits.md,
 * "Figures"). The report stage owns this contract; the credit stage implements it (credit depends on posting,
 * which depends on report, so report may not depend on credit).
 */
public interface RunCredits {

    /** Per entity and currency with credits of the run's invoices, in that order; empty when none was asked for. */
    List<EntityCredits> ofRun(long runId);

    /**
     * Where the records of the run's credited lines and of its rebill lines end once credits and rebills are counted
     * (docs/credits.md, "Conservation"): how many per end, the ends with none left out; empty when there is no credit.
     */
    default List<RecordEnds> recordEnds(long runId) {
        return List.of();
    }

    /** {@code end}: credited, rebilled (billed on a rebill line), awaiting_rebill or billed_twice. */
    record RecordEnds(String end, long records) {}

    /**
     * @param approved credit memos approved (numbered), with the net and gross they give back
     * @param inReview credit memos waiting for approval, with their gross
     */
    record EntityCredits(String entityId, String currency, long approved, BigDecimal approvedNet, BigDecimal approvedGross, long inReview,
            BigDecimal inReviewGross) {}
}
