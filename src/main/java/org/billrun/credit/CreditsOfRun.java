package org.billrun.credit;

import java.util.List;
import org.billrun.report.port.RunCredits;
import org.springframework.stereotype.Component;

/** The run report's credit figures: {@link CreditQueries#byEntity(Long, String)} for one run. */
@Component
class CreditsOfRun implements RunCredits {

    private final CreditQueries queries;

    CreditsOfRun(CreditQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<EntityCredits> ofRun(long runId) {
        return queries.byEntity(runId, null).stream().map(f -> new EntityCredits(f.entityId(), f.currency(), f.approved(), f.approvedNet(),
                f.approvedGross(), f.inReview(), f.inReviewGross())).toList();
    }
}
