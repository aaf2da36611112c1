package org.billrun.ingest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.billrun.infra.Actor;
import org.billrun.infra.BillrunProperties;
import org.billrun.infra.ProgressReporter;
import org.billrun.infra.RunParameters;
import org.billrun.infra.partition.LargestFirstPartitionHandler;
import org.billrun.infra.partition.PartitionHandlers;
import org.billrun.infra.partition.PlannedSplitter;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest stage: register the input files (or a database's queries), load them in parallel
 * partitions (one per part of a large file or large query, several small ones together; restartable
 * chunks written with COPY), then merge each source's new rows with the versions already there.
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

    /** Blocks of {@link RowBlock#MAX_ROWS} rows per chunk: 5,000 rows per transaction. */
    static final int BLOCKS_PER_CHUNK = 10;

    @Bean
    Step registerSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            BillrunProperties settings, Actor actor, SourceConnections sourceConnections) {
        return new StepBuilder("registerSources", jobRepository)
                .tasklet(new SourceRegistrar(jdbc, sourceConnections, settings.ingest().rowsPerPart(), actor), transactionManager)
                // runs on every attempt: a restart must check that the files did not change
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step loadSourcesStep(JobRepository jobRepository, Partitioner sourceFilePartitioner, Step loadSourceFileStep,
            ProgressReporter progress, BillrunProperties settings, PartitionHandlers partitionHandlers) throws Exception {
        return new StepBuilder("loadSources", jobRepository)
                .partitioner("loadSourceFile", sourceFilePartitioner)
                .splitter(new PlannedSplitter(jobRepository, "loadSourceFile", sourceFilePartitioner, PART_IDS))
                .partitionHandler(partitionHandlers.largestFirst("ingest-", loadSourceFileStep, settings.ingest().parallelParts()))
                .listener(progress)
                .build();
    }

    @Bean
    Step loadSourceFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<RowBlock> sourceRowReader, RowCopyWriter rowCopyWriter) {
        return new StepBuilder("loadSourceFile", jobRepository)
                .<RowBlock, RowBlock>chunk(BLOCKS_PER_CHUNK)
                .transactionManager(transactionManager)
                .reader(sourceRowReader)
                .writer(rowCopyWriter)
                .build();
    }

    @Bean
    Step mergeSourcesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        return new StepBuilder("mergeSources", jobRepository)
                .tasklet(new SourceMerger(jdbc), transactionManager)
                .build();
    }

    /**
     * One partition per large part of each present input file (a large file has several parts), and
     * the small parts (most master data files, the short last part of a large file) packed together
     * into partitions of about as many rows as a large part. Every partition is a step execution with
     * its own bookkeeping transactions, which cost as much as loading a few thousand rows.
     */
    @Bean
    @StepScope
    Partitioner sourceFilePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, JdbcClient jdbc,
            BillrunProperties settings) {
        long rowsPerPart = settings.ingest().rowsPerPart();
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        return gridSize -> {
            record Part(long partId, String kind, int partNo, long estimatedRows) {}
            List<Part> parts = jdbc.sql("""
                    SELECT p.part_id, s.kind, p.part_no,
                           coalesce(p.last_line, s.estimated_rows + 1) - p.first_line + 1 AS estimated_rows
                    FROM source_file s JOIN source_file_part p ON p.source_file_id = s.source_file_id
                    WHERE s.run_id = ? AND s.present ORDER BY s.source_file_id, p.part_no""")
                    .param(runId)
                    .query((rs, i) -> new Part(rs.getLong("part_id"), rs.getString("kind"), rs.getInt("part_no"),
                            rs.getLong("estimated_rows")))
                    .list();
            long small = smallPartRows(rowsPerPart);
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            List<Long> pack = new ArrayList<>();
            long packRows = 0;
            for (Part part : parts) {
                if (part.estimatedRows() >= small) {
                    partitions.put("file:" + part.kind() + ":" + part.partNo(), partition(List.of(part.partId()), part.estimatedRows()));
                    continue;
                }
                if (!pack.isEmpty() && packRows + part.estimatedRows() > rowsPerPart) {
                    partitions.put("files:" + (partitions.size() + 1), partition(pack, packRows));
                    pack = new ArrayList<>();
                    packRows = 0;
                }
                pack.add(part.partId());
                packRows += part.estimatedRows();
            }
            if (!pack.isEmpty()) {
                partitions.put("files:" + (partitions.size() + 1), partition(pack, packRows));
            }
            return partitions;
        };
    }

    /** The key of a partition's parts: their part ids, comma-separated, in load order. */
    static final String PART_IDS = "partIds";

    /** A part with fewer rows than this is loaded together with other small parts. */
    static long smallPartRows(long rowsPerPart) {
        return Math.max(1, rowsPerPart / 8);
    }

    private static ExecutionContext partition(List<Long> partIds, long estimatedRows) {
        ExecutionContext context = new ExecutionContext();
        context.putString(PART_IDS, partIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        context.putLong(LargestFirstPartitionHandler.ESTIMATED_ROWS, estimatedRows);
        return context;
    }

    /**
     * The partition's parts, in load order: file parts, or the parts of a run that reads a database,
     * one per query. A partition context written before parts were packed (one part each, described
     * in the context itself) still reads, so that such a run can be restarted.
     */
    @Bean
    @StepScope
    ItemStreamReader<RowBlock> sourceRowReader(@Value("#{stepExecution}") StepExecution stepExecution, JdbcClient jdbc,
            SourceConnections sourceConnections) {
        ExecutionContext context = stepExecution.getExecutionContext();
        if (!context.containsKey(PART_IDS)) {
            return new SourceFileReader(List.of(new SourcePart(context.getLong("partId"), context.getLong("sourceFileId"),
                    SourceKind.valueOf(context.getString("kind")), Path.of(context.getString("path")),
                    context.getLong("firstLine"), context.getLong("firstByte"), context.getLong("lastLine"))));
        }
        record Registered(SourcePart part, String origin, String path, String queryText, String digest, long rows) {}
        List<Long> ids = Arrays.stream(context.getString(PART_IDS).split(",")).map(Long::valueOf).toList();
        Map<Long, Registered> byId = new HashMap<>();
        jdbc.sql("""
                SELECT p.part_id, s.source_file_id, s.kind, s.path, p.first_line, p.first_byte, p.last_line,
                       s.origin, s.query_text, s.sha256, s.estimated_rows
                FROM source_file_part p JOIN source_file s ON s.source_file_id = p.source_file_id
                WHERE p.part_id = ANY (?)""")
                .param(ids.toArray(Long[]::new))
                .query((rs, i) -> {
                    long last = rs.getLong("last_line");
                    if (rs.wasNull()) {
                        last = Long.MAX_VALUE; // the last part runs to the end of the file
                    }
                    boolean query = rs.getString("origin").equals("query");
                    SourcePart part = new SourcePart(rs.getLong("part_id"), rs.getLong("source_file_id"),
                            SourceKind.valueOf(rs.getString("kind")), query ? null : Path.of(rs.getString("path")),
                            rs.getLong("first_line"), rs.getLong("first_byte"), last);
                    return new Registered(part, rs.getString("origin"), rs.getString("path"), rs.getString("query_text"),
                            rs.getString("sha256"), rs.getLong("estimated_rows"));
                })
                .list()
                .forEach(r -> byId.put(r.part().partId(), r));
        List<Registered> parts = ids.stream().map(id -> Objects.requireNonNull(byId.get(id), () -> "no source part " + id)).toList();
        if (parts.stream().noneMatch(r -> r.origin().equals("query"))) {
            return new SourceFileReader(parts.stream().map(Registered::part).toList());
        }
        YearMonth period = RunParameters.from(stepExecution.getJobExecution().getJobParameters()).period();
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        return new SourceQueryReader(runId, parts.stream()
                .map(r -> new SourceQueryReader.QueryPart(r.part(), r.path(), new SourceQuery(r.part().kind(), r.queryText(), period),
                        r.digest(), r.rows()))
                .toList(), sourceConnections);
    }

    @Bean
    @StepScope
    RowCopyWriter rowCopyWriter(DataSource dataSource,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") long runId,
            @Value("#{jobParameters['period']}") String period, ProgressReporter progress) {
        return new RowCopyWriter(dataSource, runId, period, progress);
    }
}
