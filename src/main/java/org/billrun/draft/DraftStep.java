package org.billrun.draft;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The draft step: {@link DraftService#draft} in the step's transaction. */
class DraftStep implements Tasklet {

    private final long runId;
    private final String scope;
    private final DraftService drafting;

    DraftStep(long runId, String scope, DraftService drafting) {
        this.runId = runId;
        this.scope = scope;
        this.drafting = drafting;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        contribution.incrementWriteCount(drafting.draft(runId, scope));
        return RepeatStatus.FINISHED;
    }
}
