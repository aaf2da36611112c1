package org.billrun.ingest;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts the biggest partitions first. The splitter hands partitions over in hash order, so a large
 * part could start last and run alone while the other worker idles; largest first keeps both
 * workers busy to the end. Sizes are the estimated rows the partitioner put in each context.
 */
class LargestFirstPartitionHandler extends TaskExecutorPartitionHandler {

    static final String ESTIMATED_ROWS = "estimatedRows";

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions) throws Exception {
        Set<StepExecution> largestFirst = new LinkedHashSet<>();
        partitions.stream()
                .sorted(Comparator.comparingLong((StepExecution p) -> p.getExecutionContext().getLong(ESTIMATED_ROWS, 0L))
                        .reversed()
                        .thenComparing(StepExecution::getStepName))
                .forEach(largestFirst::add);
        return super.doHandle(managerStepExecution, largestFirst);
    }
}
