package org.billrun.infra.partition;

import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Spring Batch's splitter, with every partition's clients guaranteed. The splitter writes a new partition's execution
 * with an empty context and saves the partition's context in a second call; a process killed between the two leaves a
 * partition without clients, and a restart, which gives a partition its last execution's context, ran it with none: it
 * drafted nothing and completed, and that client's records were never billed (the chaos sweep's SIGKILL while the
 * drafting partitions were created). A partition whose context has no clients takes them from the plan the manager kept
 * ({@link ClientPartitions#plannedOnce}, which the partitioner returns again), and is saved at once.
 */
public final class PlannedSplitter extends SimpleStepExecutionSplitter {

    /** Between the worker step's name and the partition's, as Spring Batch names a partition's step execution. */
    private static final String SEPARATOR = ":";

    private final JobRepository jobRepository;
    private final Partitioner partitioner;

    public PlannedSplitter(JobRepository jobRepository, String workerStepName, Partitioner partitioner) {
        super(jobRepository, workerStepName, partitioner);
        this.jobRepository = jobRepository;
        this.partitioner = partitioner;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        Set<StepExecution> partitions = super.split(manager, gridSize);
        Map<String, ExecutionContext> plan = null;
        for (StepExecution partition : partitions) {
            if (partition.getExecutionContext().containsKey(ClientPartitions.CLIENTS)) {
                continue;
            }
            if (plan == null) {
                plan = partitioner.partition(gridSize);
            }
            String name = partition.getStepName().substring(partition.getStepName().indexOf(SEPARATOR) + 1);
            ExecutionContext planned = plan.get(name);
            if (planned == null) {
                throw new IllegalStateException("partition " + partition.getStepName() + " has no clients and its manager's plan does not"
                        + " name it; the run cannot tell which clients it drafts");
            }
            planned.entrySet().forEach(e -> partition.getExecutionContext().put(e.getKey(), e.getValue()));
            jobRepository.updateExecutionContext(partition);
        }
        return partitions;
    }
}
