package org.billrun.infra;

import java.util.Comparator;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Saves a chunk step's restart position when the step starts, not with its first commit. Spring Batch 6 writes a
 * restarted step's new execution with an empty context and saves the position it restored (the reader's read count)
 * only with the first chunk's commit: a process killed before that commit (while the step reads its master data, or
 * skips to the position) leaves an execution without a position, and the next restart, which copies the last
 * execution's context, would read from the first record and write again what earlier attempts committed (the chaos
 * sweep's SIGKILL, restart, SIGKILL ended in a run that failed on validated_record's primary key at every resume).
 * So when the copied context has no position, the newest earlier execution of the step that has one lends it; a
 * completed execution ends the search (a step that runs again after completing starts afresh). The same holds for what
 * a partitioned step's manager keeps for its restarts: the plan of its partitions.
 */
public final class RestartPosition implements StepExecutionListener {

    private final JobRepository jobRepository;
    private final String positionKey;

    private RestartPosition(JobRepository jobRepository, String positionKey) {
        this.jobRepository = jobRepository;
        this.positionKey = positionKey;
    }

    /** A chunk step's position: the read count of its reader, named {@code readerName}. */
    public static RestartPosition ofReader(JobRepository jobRepository, String readerName) {
        return new RestartPosition(jobRepository, readerName + ".read.count");
    }

    /** What a step keeps in its context under {@code key} for its restarts (a partitioned step's plan, say). */
    public static RestartPosition ofKey(JobRepository jobRepository, String key) {
        return new RestartPosition(jobRepository, key);
    }

    @Override
    public void beforeStep(StepExecution step) {
        ExecutionContext context = step.getExecutionContext();
        if (!context.containsKey(positionKey) && earlierAttempts(step)) {
            newestEarlierPosition(step).ifPresent(earlier -> earlier.entrySet().forEach(e -> context.put(e.getKey(), e.getValue())));
        }
        jobRepository.updateExecutionContext(step);
    }

    /** Whether the step ran before in this job instance: on a first start there is no position to look for. */
    private boolean earlierAttempts(StepExecution step) {
        try {
            return jobRepository.getStepExecutionCount(step.getJobExecution().getJobInstance(), step.getStepName()) > 1;
        } catch (NoSuchStepException e) {
            return false;
        }
    }

    private Optional<ExecutionContext> newestEarlierPosition(StepExecution step) {
        return jobRepository.getJobExecutions(step.getJobExecution().getJobInstance()).stream()
                .flatMap(job -> job.getStepExecutions().stream())
                .filter(s -> s.getStepName().equals(step.getStepName()) && s.getId() != step.getId())
                .sorted(Comparator.comparingLong(StepExecution::getId).reversed())
                .takeWhile(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getExecutionContext)
                .filter(c -> c.containsKey(positionKey))
                .findFirst();
    }
}
