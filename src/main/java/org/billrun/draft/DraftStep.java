package org.billrun.draft;

import java.util.Set;
import org.billrun.infra.partition.ClientKey;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A partition of the draft step: {@link DraftService#draftClients} for the partition's clients, in the
 * partition's transaction, with what its attempt's partitions share in this JVM ({@link DraftSharedInputs}).
 */
class DraftStep implements Tasklet {

    private final long runId;
    private final String scope;
    private final Set<ClientKey> clients;
    private final DraftService drafting;
    private final DraftSharedInputs sharedInputs;

    DraftStep(long runId, String scope, Set<ClientKey> clients, DraftService drafting, DraftSharedInputs sharedInputs) {
        this.runId = runId;
        this.scope = scope;
        this.clients = clients;
        this.drafting = drafting;
        this.sharedInputs = sharedInputs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution attempt = chunkContext.getStepContext().getStepExecution().getJobExecution();
        contribution.incrementWriteCount(drafting.draftClients(runId, scope, clients, lookback -> sharedInputs.of(attempt, runId, lookback)));
        return RepeatStatus.FINISHED;
    }
}
