package org.billrun.draft;

import org.billrun.infra.partition.PerExecution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The master data of each attempt at a run this JVM drafts, read by its first drafting partition and
 * shared by the others ({@link PerExecution}): at 3M entries each of 15 partitions reading it again was
 * a third of the stage's time, and two copies of it at once cost heap the drafts need. The master data
 * is not what the contracts' locks protect; what they do protect (cap and retainer ledgers, milestones
 * billed elsewhere, drafts acted on) each partition still reads under its locks.
 */
@Component
class DraftMasterData {

    private final DraftInputs inputs;
    private final PerExecution<DraftInputs.Master> byExecution = new PerExecution<>();

    DraftMasterData(DraftInputs inputs) {
        this.inputs = inputs;
    }

    /** The master data of {@code execution}, with FX quotes up to {@code fxLookbackDays} back (the run's policy, the same for all). */
    DraftInputs.Master of(JobExecution execution, int fxLookbackDays) {
        return byExecution.of(execution, e -> inputs.master(fxLookbackDays));
    }

    /** Lets go of {@code execution}'s master data: its drafting is over. */
    void release(JobExecution execution) {
        byExecution.release(execution);
    }

    /** Whether this JVM holds {@code execution}'s master data. */
    boolean holds(JobExecution execution) {
        return byExecution.holds(execution);
    }
}
