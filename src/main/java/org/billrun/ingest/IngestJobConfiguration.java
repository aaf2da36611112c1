package org.billrun.ingest;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.billrun.run.ProgressReporter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest stage: register the input files, load each file in its own partition (restartable
 * chunks written with COPY), then merge each file's new rows with the versions already there.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    /** Blocks of {@link RowBlock#MAX_ROWS} rows per chunk: 5,000 rows per transaction. */
    static final int BLOCKS_PER_CHUNK = 10;

    @Bean
    Step registerSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        return new StepBuilder("registerSources", jobRepository)
                .tasklet(new SourceRegistrar(jdbc), transactionManager)
                // runs on every attempt: a restart must check that the files did not change
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step loadSourcesStep(JobRepository jobRepository, Partitioner sourceFilePartitioner, Step loadSourceFileStep,
            @Value("${billrun.ingest.parallel-files:2}") int parallelFiles) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ingest-");
        executor.setConcurrencyLimit(parallelFiles);
        return new StepBuilder("loadSources", jobRepository)
                .partitioner("loadSourceFile", sourceFilePartitioner)
                .step(loadSourceFileStep)
                .taskExecutor(executor)
                .gridSize(SourceKind.values().length)
                .build();
    }

    @Bean
    Step loadSourceFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SourceFileReader sourceFileReader, StagingWriter stagingWriter) {
        return new StepBuilder("loadSourceFile", jobRepository)
                .<RowBlock, RowBlock>chunk(BLOCKS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(sourceFileReader)
                .writer(stagingWriter)
                .build();
    }

    @Bean
    Step mergeSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        return new StepBuilder("mergeSources", jobRepository)
                .tasklet(new SourceMerger(jdbc), transactionManager)
                .build();
    }

    /** One partition per present input file, largest first so the two workers finish together. */
    @Bean
    @StepScope
    Partitioner sourceFilePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, JdbcClient jdbc) {
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            jdbc.sql("SELECT source_file_id, kind, path, size_bytes FROM source_file WHERE run_id = ? AND present")
                    .param(runId)
                    .query((rs, i) -> Map.entry(rs.getLong("size_bytes"), partition(rs.getLong("source_file_id"),
                            rs.getString("kind"), rs.getString("path"))))
                    .list().stream()
                    .sorted(Map.Entry.<Long, ExecutionContext>comparingByKey(Comparator.reverseOrder()))
                    .forEach(e -> partitions.put("file:" + e.getValue().getString("kind"), e.getValue()));
            return partitions;
        };
    }

    @Bean
    @StepScope
    SourceFileReader sourceFileReader(@Value("#{stepExecutionContext['kind']}") String kind,
            @Value("#{stepExecutionContext['path']}") String path, IngestFaults faults) {
        return new SourceFileReader(SourceKind.valueOf(kind), Path.of(path), faults);
    }

    @Bean
    @StepScope
    StagingWriter stagingWriter(DataSource dataSource, @Value("#{stepExecutionContext['kind']}") String kind,
            @Value("#{stepExecutionContext['sourceFileId']}") long sourceFileId,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['period']}") String period, ProgressReporter progress) {
        return new StagingWriter(dataSource, SourceKind.valueOf(kind), runId, period, sourceFileId, progress);
    }

    private static ExecutionContext partition(long sourceFileId, String kind, String path) {
        ExecutionContext context = new ExecutionContext();
        context.putLong("sourceFileId", sourceFileId);
        context.putString("kind", kind);
        context.putString("path", path);
        return context;
    }
}
