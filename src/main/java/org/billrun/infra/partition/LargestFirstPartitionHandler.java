package org.billrun.infra.partition;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts the biggest partitions first. The splitter hands partitions over in hash order, so a large
 * part could start last and run alone while the other worker idles; largest first keeps both
 * workers busy to the end. Sizes are the estimated rows the partitioner put in each context
 * ({@link #ESTIMATED_ROWS}); partitioners of every stage put them there so any partitioned step can
 * use this handler.
 */
public class LargestFirstPartitionHandler extends TaskExecutorPartitionHandler {

    public static final String ESTIMATED_ROWS = "estimatedRows";

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions) throws Exception {
        return super.doHandle(managerStepExecution, largestFirst(partitions));
    }

    /** The partitions by estimated rows, largest first, then by name; remote workers get them in this order too. */
    static Set<StepExecution> largestFirst(Set<StepExecution> partitions) {
        Set<StepExecution> largestFirst = new LinkedHashSet<>();
        partitions.stream()
                .sorted(Comparator.comparingLong((StepExecution p) -> p.getExecutionContext().getLong(ESTIMATED_ROWS, 0L))
                        .reversed()
                        .thenComparing(StepExecution::getStepName))
                .forEach(largestFirst::add);
        return largestFirst;
    }
}
