package org.billrun.posting;

import java.util.List;
import org.billrun.report.port.RunPostings;
import org.springframework.stereotype.Component;

/** The run report's posting figures: {@link PostingQueries#byEntity(Long)} for one run. */
@Component
class PostingsOfRun implements RunPostings {

    private final PostingQueries queries;

    PostingsOfRun(PostingQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<EntityPostings> ofRun(long runId) {
        return queries.byEntity(runId).stream()
                .map(s -> new EntityPostings(s.entityId(), s.approved(), s.posted(), s.waiting(), s.failing(), s.latencyMedian(),
                        s.latencyP90(), s.finishedAttempts(), s.failedAttempts()))
                .toList();
    }
}
