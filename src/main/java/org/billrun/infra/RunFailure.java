package org.billrun.infra;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a job execution failed, for the one line a user or a log gets. Spring Batch's
 * {@code getAllFailureExceptions} hands them in no order (a hash set), and a partitioned step adds its
 * own summary ("Partition handler returned an unsuccessful step") beside the partition's real fault.
 */
public final class RunFailure {

    private RunFailure() {}

    /**
     * The first failure of the step that failed first, a partition's own (or, for a remote partition, what
     * its manager learnt of it) rather than a manager's summary; else the job's own failure; else a summary.
     */
    public static Optional<Throwable> of(JobExecution execution) {
        List<Throwable> byStep = execution.getStepExecutions().stream()
                .filter(step -> !step.getFailureExceptions().isEmpty())
                .sorted(Comparator.comparing(StepExecution::getStartTime, Comparator.nullsLast(Comparator.<LocalDateTime>naturalOrder()))
                        .thenComparingLong(StepExecution::getId))
                .flatMap(step -> step.getFailureExceptions().stream())
                .toList();
        return Stream.of(byStep.stream().filter(failure -> !isSummary(failure)), execution.getFailureExceptions().stream(), byStep.stream())
                .flatMap(failures -> failures)
                .findFirst();
    }

    /** A partition manager's "a partition failed", which says nothing of why. */
    private static boolean isSummary(Throwable failure) {
        return failure.getClass() == JobExecutionException.class && failure.getCause() == null;
    }
}
