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
 * Spring Batch's splitter, with every partition's work guaranteed in its context. The splitter writes a new partition's
 * execution with an empty context and saves the partition's context in a second call; a process killed between the two
 * leaves a partition without its work, and a restart, which gives a partition its last execution's context, ran it with
 * none. A drafting partition drafted nothing and completed, and its clients' records were never billed; a load partition
 * failed at every resume (the chaos sweep's SIGKILLs while the partitions were created). A partition whose context lacks
 * {@code workKey} takes its context from the partitioner again, which answers with the same partitions on a restart (a
 * kept plan, {@link ClientPartitions#plannedOnce}; the run's registered file parts), and is saved at once.
 */
public final class PlannedSplitter extends SimpleStepExecutionSplitter {

    /** Between the worker step's name and the partition's, as Spring Batch names a partition's step execution. */
    private static final String SEPARATOR = ":";

    private final JobRepository jobRepository;
    private final Partitioner partitioner;
    private final String workKey;

    /** {@code workKey}: the key of a partition's context that names its work (its clients, its file parts). */
    public PlannedSplitter(JobRepository jobRepository, String workerStepName, Partitioner partitioner, String workKey) {
        super(jobRepository, workerStepName, partitioner);
        this.jobRepository = jobRepository;
        this.partitioner = partitioner;
        this.workKey = workKey;
    }

    @Override
    public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
        Set<StepExecution> partitions = super.split(manager, gridSize);
        Map<String, ExecutionContext> plan = null;
        for (StepExecution partition : partitions) {
            if (partition.getExecutionContext().containsKey(workKey)) {
                continue;
            }
            if (plan == null) {
                plan = partitioner.partition(gridSize);
            }
            String name = partition.getStepName().substring(partition.getStepName().indexOf(SEPARATOR) + 1);
            ExecutionContext planned = plan.get(name);
            if (planned == null) {
                throw new IllegalStateException("partition " + partition.getStepName() + " has no " + workKey + " in its context and its"
                        + " partitioner no longer names it; the run cannot tell what it does");
            }
            planned.entrySet().forEach(e -> partition.getExecutionContext().put(e.getKey(), e.getValue()));
            jobRepository.updateExecutionContext(partition);
        }
        return partitions;
    }
}
