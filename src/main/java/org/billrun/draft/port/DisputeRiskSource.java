package org.billrun.draft.port;

import java.time.YearMonth;
import org.billrun.assist.risk.DraftFacts;
import org.billrun.assist.risk.RiskScore;

/**
 * Where drafting gets each draft's dispute risk from (docs/assistance.md, "Dispute risk"): the disputes
 * stage implements it from the contracts' history. Routing sends a draft whose risk is above the policy's
 * {@code approval.dispute-risk-threshold} to review.
 */
public interface DisputeRiskSource {

    /** Scores drafts of one period against their contract's history (read once, when this is called). */
    Scorer forPeriod(YearMonth period);

    /** Scores one draft; null when there is nothing to score it with. */
    interface Scorer {
        RiskScore score(String contractId, String clientId, String currency, DraftFacts draft);

        /** No scores: routing ignores the risk (a test, or a firm without the disputes stage). */
        Scorer NONE = (contractId, clientId, currency, draft) -> null;
    }
}
