package org.billrun.report.port;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Where a run's invoices stand on their way to the ERP, per legal entity, for its run report. The report stage
 * owns this contract; the posting stage implements it (posting already depends on report for the final PDF, so
 * report may not depend on posting).
 */
public interface RunPostings {

    /** Per entity with numbered invoices of the run, in entity order; empty before anything of the run is approved. */
    List<EntityPostings> ofRun(long runId);

    /**
     * @param approved invoices of the run with a final number (approved)
     * @param latencyMedian approval to posted, nearest-rank median over the posted ones; null when none is posted
     * @param finishedAttempts attempts to reach the ERP with an answer recorded
     * @param failedAttempts those that did not end posted or found
     */
    record EntityPostings(String entityId, long approved, long posted, long waiting, long failing, Duration latencyMedian,
            Duration latencyP90, long finishedAttempts, long failedAttempts) {}

    /** Failed attempts in percent of finished ones, to one decimal; zero when none finished. */
    static BigDecimal failureRatePct(EntityPostings p) {
        return p.finishedAttempts() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(p.failedAttempts() * 100).divide(BigDecimal.valueOf(p.finishedAttempts()), 1, java.math.RoundingMode.HALF_UP);
    }
}
