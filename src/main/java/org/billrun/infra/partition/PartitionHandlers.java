package org.billrun.infra.partition;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Makes the partition handler of every partitioned step, so that where partitions run (local threads
 * today) is decided in one place for ingest, validation, drafting and the PDF writers alike.
 */
@Component
public class PartitionHandlers {

    /**
     * Runs the partitions of {@code workerStep} on at most {@code concurrency} threads named after
     * {@code threadPrefix}, largest first (see {@link LargestFirstPartitionHandler#ESTIMATED_ROWS}).
     */
    public PartitionHandler largestFirst(String threadPrefix, Step workerStep, int concurrency) throws Exception {
        // a concurrency limit makes submission wait for a free worker, so partitions start in the handler's order
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(threadPrefix);
        executor.setConcurrencyLimit(concurrency);
        LargestFirstPartitionHandler handler = new LargestFirstPartitionHandler();
        handler.setTaskExecutor(executor);
        handler.setStep(workerStep);
        handler.setGridSize(concurrency);
        handler.afterPropertiesSet();
        return handler;
    }
}
