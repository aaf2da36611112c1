package org.billrun.draft;

import org.billrun.infra.partition.PerExecution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * What the drafting partitions of each attempt at a run this JVM drafts share ({@link DraftInputs.Shared}: the master
 * data, the run's open exceptions, the dispute risk's histories), read by its first partition ({@link PerExecution}).
 * At 3M entries each of 15 partitions reading the master data again was a third of the stage's time, and two copies of
 * it at once cost heap the drafts need; at 10M each of 50 partitions spent 1.6 s of the server's time on the open
 * exceptions and about 1 s on the histories. None of it is what the contracts' locks protect; what they do protect
 * (cap and retainer ledgers, milestones billed elsewhere, drafts acted on) each partition still reads under its locks.
 */
@Component
class DraftSharedInputs {

    private final DraftInputs inputs;
    private final PerExecution<DraftInputs.Shared> byExecution = new PerExecution<>();

    DraftSharedInputs(DraftInputs inputs) {
        this.inputs = inputs;
    }

    /**
     * What the partitions of {@code execution}, an attempt at run {@code runId}, share, with FX quotes up to
     * {@code fxLookbackDays} back (the run's policy, the same for all).
     */
    DraftInputs.Shared of(JobExecution execution, long runId, int fxLookbackDays) {
        return byExecution.of(execution, e -> inputs.shared(runId, fxLookbackDays));
    }

    /** Lets go of what {@code execution}'s partitions shared: its drafting is over. */
    void release(JobExecution execution) {
        byExecution.release(execution);
    }

    /** Whether this JVM holds what {@code execution}'s partitions share. */
    boolean holds(JobExecution execution) {
        return byExecution.holds(execution);
    }
}
