package org.billrun.ingest;

import java.util.List;
import java.util.stream.Collectors;
import org.billrun.run.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Folds a run's staged rows into the versioned tables, set-based and in one transaction (so a crash
 * here rolls back whole and the restart does it again). Per file: a second row with an id already
 * seen in the file is rejected; a new id is added; a changed record supersedes its current version;
 * an unchanged one adds nothing; for period data, a current record of the period that is no longer
 * in the export is withdrawn. The rule is documented in docs/input-formats.md ("Loading again").
 */
class SourceMerger implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SourceMerger.class);

    private final JdbcClient jdbc;

    SourceMerger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        String period = RunParameters.from(jobExecution.getJobParameters()).period().toString();
        List<Long> merged = jdbc.sql("SELECT source_file_id FROM source_file WHERE run_id = ? AND merged_at IS NOT NULL")
                .param(runId).query(Long.class).list();
        for (SourceKind kind : SourceKind.values()) {
            jdbc.sql("SELECT source_file_id FROM source_file WHERE run_id = ? AND kind = ? AND present")
                    .params(runId, kind.name()).query(Long.class).optional()
                    .filter(id -> !merged.contains(id))
                    .ifPresent(sourceFileId -> merge(kind, runId, sourceFileId, period));
        }
        return RepeatStatus.FINISHED;
    }

    private void merge(SourceKind kind, long runId, long sourceFileId, String period) {
        String table = kind.table();
        String load = kind.loadTable();
        List<String> columns = kind.columns().stream().map(ColumnSpec::name).toList();
        String plain = String.join(", ", columns);
        String fromLoad = columns.stream().map(c -> "l." + c).collect(Collectors.joining(", "));
        String fromTable = columns.stream().map(c -> "x." + c).collect(Collectors.joining(", "));

        // fresh statistics, or the planner takes the just-filled load table for empty and joins it by nested loops
        jdbc.sql("ANALYZE " + load).update();
        jdbc.sql("""
                INSERT INTO ingest_rejection (run_id, source_file_id, line_no, column_name, value_excerpt, reason)
                SELECT d.run_id, d.source_file_id, d.line_no, :keyColumn, left(d.record_key, 40),
                       'duplicate record id ' || d.record_key || ': line ' || d.first_line || ' has the same id and was kept'
                FROM (SELECT run_id, source_file_id, line_no, record_key,
                             min(line_no) OVER (PARTITION BY record_key) AS first_line
                      FROM %s WHERE source_file_id = :sf) d
                WHERE d.line_no > d.first_line""".formatted(load))
                .param("keyColumn", String.join("/", kind.keyColumns())).param("sf", sourceFileId).update();
        jdbc.sql("""
                DELETE FROM %1$s l USING (
                    SELECT line_no FROM (
                        SELECT line_no, row_number() OVER (PARTITION BY record_key ORDER BY line_no) AS nth
                        FROM %1$s WHERE source_file_id = :sf) numbered
                    WHERE nth > 1) d
                WHERE l.source_file_id = :sf AND l.line_no = d.line_no""".formatted(load))
                .param("sf", sourceFileId).update();

        int changed = jdbc.sql("""
                UPDATE %s x SET record_status = 'superseded', ended_by_run_id = :run
                FROM %s l
                WHERE l.source_file_id = :sf AND x.record_key = l.record_key AND x.record_status = 'current'
                AND (%s) IS DISTINCT FROM (%s)""".formatted(table, load, fromTable, fromLoad))
                .param("run", runId).param("sf", sourceFileId).update();
        int inserted = jdbc.sql("""
                INSERT INTO %s (record_key, ingest_period, record_status, run_id, source_file_id, line_no, %s)
                SELECT l.record_key, :period, 'current', l.run_id, l.source_file_id, l.line_no, %s
                FROM %s l
                WHERE l.source_file_id = :sf
                AND NOT EXISTS (SELECT 1 FROM %s x WHERE x.record_key = l.record_key AND x.record_status = 'current')
                """.formatted(table, plain, fromLoad, load, table))
                .param("period", period).param("sf", sourceFileId).update();
        int withdrawn = kind.scope() != SourceKind.Scope.PERIOD ? 0 : jdbc.sql("""
                UPDATE %s x SET record_status = 'withdrawn', ended_by_run_id = :run
                WHERE x.ingest_period = :period AND x.record_status = 'current'
                AND NOT EXISTS (SELECT 1 FROM %s l WHERE l.source_file_id = :sf AND l.record_key = x.record_key)
                """.formatted(table, load))
                .param("run", runId).param("period", period).param("sf", sourceFileId).update();

        long accepted = jdbc.sql("SELECT count(*) FROM " + load + " WHERE source_file_id = ?").param(sourceFileId).query(Long.class).single();
        long rejected = jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE source_file_id = ?").param(sourceFileId).query(Long.class).single();
        jdbc.sql("""
                UPDATE source_file SET rows_accepted = ?, rows_rejected = ?, rows_new = ?, rows_changed = ?,
                       rows_unchanged = ?, rows_withdrawn = ?, merged_at = now()
                WHERE source_file_id = ?""")
                .params(accepted, rejected, inserted - changed, changed, accepted - inserted, withdrawn, sourceFileId)
                .update();
        jdbc.sql("DELETE FROM " + load + " WHERE source_file_id = ?").param(sourceFileId).update();
        log.info("{}: {} accepted ({} new, {} changed, {} unchanged), {} rejected, {} withdrawn",
                kind.fileName(), accepted, inserted - changed, changed, accepted - inserted, rejected, withdrawn);
    }
}
