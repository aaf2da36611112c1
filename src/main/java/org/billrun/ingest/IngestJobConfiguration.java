package org.billrun.ingest;

import java.nio.file.Path;
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
 * The ingest stage: register the input files, load them in parallel partitions (one per file, or
 * per part of a large file; restartable chunks written with COPY), then merge each file's new rows
 * with the versions already there.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    /** Blocks of {@link RowBlock#MAX_ROWS} rows per chunk: 5,000 rows per transaction. */
    static final int BLOCKS_PER_CHUNK = 10;

    @Bean
    Step registerSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            @Value("${billrun.ingest.rows-per-part:40000}") long rowsPerPart) {
        return new StepBuilder("registerSources", jobRepository)
                .tasklet(new SourceRegistrar(jdbc, rowsPerPart), transactionManager)
                // runs on every attempt: a restart must check that the files did not change
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step loadSourcesStep(JobRepository jobRepository, Partitioner sourceFilePartitioner, Step loadSourceFileStep,
            ProgressReporter progress, @Value("${billrun.ingest.parallel-parts:2}") int parallelParts) throws Exception {
        // a concurrency limit makes submission wait for a free worker, so partitions start in the handler's order
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ingest-");
        executor.setConcurrencyLimit(parallelParts);
        LargestFirstPartitionHandler handler = new LargestFirstPartitionHandler();
        handler.setTaskExecutor(executor);
        handler.setStep(loadSourceFileStep);
        handler.setGridSize(SourceKind.values().length);
        handler.afterPropertiesSet();
        return new StepBuilder("loadSources", jobRepository)
                .partitioner("loadSourceFile", sourceFilePartitioner)
                .partitionHandler(handler)
                .listener(progress)
                .build();
    }

    @Bean
    Step loadSourceFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SourceFileReader sourceFileReader, RowCopyWriter rowCopyWriter) {
        return new StepBuilder("loadSourceFile", jobRepository)
                .<RowBlock, RowBlock>chunk(BLOCKS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(sourceFileReader)
                .writer(rowCopyWriter)
                .build();
    }

    @Bean
    Step mergeSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        return new StepBuilder("mergeSources", jobRepository)
                .tasklet(new SourceMerger(jdbc), transactionManager)
                .build();
    }

    /** One partition per part of each present input file (a large file has several parts). */
    @Bean
    @StepScope
    Partitioner sourceFilePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, JdbcClient jdbc) {
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT s.source_file_id, s.kind, s.path, p.part_id, p.part_no, p.first_line, p.first_byte, p.last_line,
                           coalesce(p.last_line, s.estimated_rows + 1) - p.first_line + 1 AS estimated_rows
                    FROM source_file s JOIN source_file_part p ON p.source_file_id = s.source_file_id
                    WHERE s.run_id = ? AND s.present ORDER BY s.source_file_id, p.part_no""")
                    .param(runId)
                    .query((rs, i) -> {
                        ExecutionContext context = new ExecutionContext();
                        context.putLong("sourceFileId", rs.getLong("source_file_id"));
                        context.putString("kind", rs.getString("kind"));
                        context.putString("path", rs.getString("path"));
                        context.putLong("partId", rs.getLong("part_id"));
                        context.putLong("firstLine", rs.getLong("first_line"));
                        context.putLong("firstByte", rs.getLong("first_byte"));
                        long last = rs.getLong("last_line");
                        context.putLong("lastLine", rs.wasNull() ? Long.MAX_VALUE : last);
                        context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, rs.getLong("estimated_rows"));
                        return Map.entry("file:" + rs.getString("kind") + ":" + rs.getInt("part_no"), context);
                    })
                    .list()
                    .forEach(e -> partitions.put(e.getKey(), e.getValue()));
            return partitions;
        };
    }

    @Bean
    @StepScope
    SourceFileReader sourceFileReader(@Value("#{stepExecutionContext['kind']}") String kind,
            @Value("#{stepExecutionContext['path']}") String path, @Value("#{stepExecutionContext['firstLine']}") long firstLine,
            @Value("#{stepExecutionContext['firstByte']}") long firstByte, @Value("#{stepExecutionContext['lastLine']}") long lastLine,
            IngestFaults faults) {
        return new SourceFileReader(SourceKind.valueOf(kind), Path.of(path), new SourceFileReader.Part(firstLine, firstByte, lastLine), faults);
    }

    @Bean
    @StepScope
    RowCopyWriter rowCopyWriter(DataSource dataSource, @Value("#{stepExecutionContext['kind']}") String kind,
            @Value("#{stepExecutionContext['sourceFileId']}") long sourceFileId,
            @Value("#{stepExecutionContext['partId']}") long partId,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['period']}") String period, ProgressReporter progress) {
        return new RowCopyWriter(dataSource, SourceKind.valueOf(kind), runId, period, sourceFileId, partId, progress);
    }
}
