package org.billrun.infra.partition;

import javax.sql.DataSource;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Makes the partition handler of every partitioned step, so that where partitions run is decided in
 * one place for ingest, validation, drafting and the PDF writers alike: local threads, or with
 * {@code billrun.partitions.workers=remote} ({@code billrun run --workers remote}) the
 * {@code billrun worker} processes that share the database (docs/scale-out.md).
 */
@Component
public class PartitionHandlers {

    private final PartitionSettings settings;
    private final PartitionChannel channel;
    private final JobRepository jobRepository;
    private final DataSource dataSource;

    PartitionHandlers(PartitionSettings settings, PartitionChannel channel, JobRepository jobRepository, DataSource dataSource) {
        this.settings = settings;
        this.channel = channel;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
    }

    /**
     * Runs the partitions of {@code workerStep} largest first (see {@link LargestFirstPartitionHandler#ESTIMATED_ROWS}):
     * on at most {@code concurrency} threads named after {@code threadPrefix}, or on the remote workers,
     * each of which runs as many at a time as its own --concurrency allows. {@code concurrency} is the grid
     * size handed to the partitioner either way.
     */
    public PartitionHandler largestFirst(String threadPrefix, Step workerStep, int concurrency) throws Exception {
        if (settings.workers() == PartitionSettings.Workers.REMOTE) {
            RemotePartitionHandler remote = new RemotePartitionHandler(workerStep.getName(), channel, jobRepository, dataSource, settings);
            remote.setGridSize(concurrency);
            return remote;
        }
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
