package org.billrun.run;

import java.time.LocalDateTime;
import java.util.List;
import org.billrun.draft.DraftQueries.CurrencyTotals;
import org.billrun.ingest.IngestQueries.Rejection;
import org.billrun.ingest.IngestQueries.Source;
import org.billrun.validate.ValidationQueries.Summary;

/**
 * What a run did, for the terminal and for schedulers (--format json): each stage's part read through
 * that stage's query class (validation is null when the run stopped before validating; drafts are
 * empty when it stopped before drafting).
 */
public record RunSummary(
        long runId,
        String period,
        String scope,
        long runNumber,
        String status,
        String exitMessage,
        String inputDir,
        String until,
        LocalDateTime started,
        LocalDateTime ended,
        List<Source> sources,
        long rejectedRows,
        List<Rejection> rejections,
        List<StepTiming> steps,
        Summary validation,
        List<CurrencyTotals> drafts) {

    /**
     * A step as its last execution left it, the one that counted (in run attempt {@code attempt}), with
     * the executions of earlier attempts of a resumed run (say a FAILED one) as its history, oldest first.
     */
    public record StepTiming(String step, String status, long readCount, long writeCount, Double seconds, int attempt,
            List<EarlierAttempt> earlierAttempts) {}

    /** An earlier execution of a step: the run attempt it ran in and how it ended. */
    public record EarlierAttempt(int attempt, String status, long readCount, long writeCount, Double seconds) {}

    public boolean balanced() {
        return sources.stream().allMatch(Source::balanced);
    }
}
