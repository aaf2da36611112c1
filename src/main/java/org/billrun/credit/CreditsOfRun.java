package org.billrun.credit;

import java.util.List;
import org.billrun.report.port.RunCredits;
import org.springframework.stereotype.Component;

/** The run report's credit figures: {@link CreditQueries#byEntity(Long, String)} for one run. */
@Component
class CreditsOfRun implements RunCredits {

    private final CreditQueries queries;
    private final RecordTrace trace;
    private final org.billrun.draft.RebillQueries rebills;

    CreditsOfRun(CreditQueries queries, RecordTrace trace, org.billrun.draft.RebillQueries rebills) {
        this.queries = queries;
        this.trace = trace;
        this.rebills = rebills;
    }

    /**
     * The records of the run's lines that approved credits gave back, and of its rebill lines, by where they end
     * ({@link RecordFate}). One trace per record: credits touch few lines, so this stays small at any scale.
     */
    @Override
    public List<RecordEnds> recordEnds(long runId) {
        java.util.Set<String> keys = new java.util.TreeSet<>(queries.creditedRecordsOfRun(runId));
        keys.addAll(rebills.rebilledRecordsOfRun(runId));
        java.util.Map<String, Long> ends = new java.util.LinkedHashMap<>();
        for (String end : List.of("credited", "rebilled", "awaiting_rebill", "billed_twice")) {
            ends.put(end, 0L);
        }
        for (String key : keys) {
            RecordFate.Fate fate = trace.chain(key).fate();
            String end = switch (fate.state()) {
                case CREDITED -> "credited";
                case AWAITING_REBILL -> "awaiting_rebill";
                case BILLED_TWICE -> "billed_twice";
                case BILLED -> fate.line().rebillOf() != null ? "rebilled" : null;
                case NOT_BILLED -> null;
            };
            if (end != null) {
                ends.merge(end, 1L, Long::sum);
            }
        }
        return keys.isEmpty() ? List.of() : ends.entrySet().stream().map(e -> new RecordEnds(e.getKey(), e.getValue())).toList();
    }

    @Override
    public List<EntityCredits> ofRun(long runId) {
        return queries.byEntity(runId, null).stream().map(f -> new EntityCredits(f.entityId(), f.currency(), f.approved(), f.approvedNet(),
                f.approvedGross(), f.inReview(), f.inReviewGross())).toList();
    }
}
