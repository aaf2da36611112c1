package org.billrun.ingest;

import java.util.List;
import java.util.stream.Collectors;
import org.billrun.infra.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Folds each file's newly loaded rows in with the versions already there, set-based and in one
 * transaction (a crash here rolls back whole and the restart does it again). Per file: a second row
 * with an id already seen in the file is rejected; a row identical to the current version is dropped
 * (unchanged); a changed record's old version is marked superseded; for period data, a current record
 * of the period that is no longer in the export is marked withdrawn. Only then does the file count
 * (source_file.merged_at). The rule is documented in docs/input-formats.md ("Loading again").
 */
class SourceMerger implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SourceMerger.class);

    /** A version that counts: current, and from a file whose merge has finished. */
    private static final String MERGED_CURRENT = """
            o.record_status = 'current' AND o.source_file_id <> :sf
            AND EXISTS (SELECT 1 FROM source_file s WHERE s.source_file_id = o.source_file_id AND s.merged_at IS NOT NULL)""";

    private final JdbcClient jdbc;

    SourceMerger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        String period = RunParameters.from(jobExecution.getJobParameters()).period().toString();
        // runs of different periods hold different run locks, but they merge into the same tables:
        // one merge at a time, held until this transaction ends
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('billrun:merge'))").query().singleRow();
        record Unmerged(SourceKind kind, long sourceFileId, boolean identical, boolean query) {}
        List<Unmerged> files = jdbc.sql("""
                SELECT kind, source_file_id, same_as_source_file_id IS NOT NULL AS identical, origin = 'query' FROM source_file
                WHERE run_id = ? AND present AND merged_at IS NULL ORDER BY source_file_id""")
                .param(runId)
                .query((rs, i) -> new Unmerged(SourceKind.valueOf(rs.getString(1)), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4)))
                .list();
        for (Unmerged file : files) {
            String name = file.query() ? file.kind().queryLabel() : file.kind().fileName();
            if (file.identical()) {
                recordIdenticalFile(name, file.sourceFileId(), file.query() ? "content digest" : "SHA-256");
            } else {
                merge(file.kind(), name, runId, file.sourceFileId(), period, file.query() ? "row" : "line");
            }
        }
        return RepeatStatus.FINISHED;
    }

    /** A file (or query) identical to the last one merged of its kind was not read: nothing to fold in. */
    private void recordIdenticalFile(String name, long sourceFileId, String checksum) {
        jdbc.sql("""
                UPDATE source_file SET rows_accepted = 0, rows_rejected = 0, rows_new = 0, rows_changed = 0,
                       rows_unchanged = 0, rows_withdrawn = 0, merged_at = now()
                WHERE source_file_id = ?""")
                .param(sourceFileId).update();
        log.info("{}: identical to the one last merged (same {}), not read again", name, checksum);
    }

    /** @param position how the source locates a row in messages: "line" in a file, "row" in a query's read order */
    private void merge(SourceKind kind, String name, long runId, long sourceFileId, String period, String position) {
        long started = System.nanoTime();
        String table = kind.table();
        RowsAndKeys loaded = rowsAndKeys(table, sourceFileId);
        long accepted = loaded.rows();
        if (loaded.keys() < loaded.rows()) {
            analyze(table);
            rejectRepeatedIds(kind, sourceFileId, position);
            accepted = loaded.keys();
        }

        // a first load of this kind has nothing to compare with: no versions to supersede or withdraw
        boolean earlierVersions = hasEarlierMergedFile(kind, sourceFileId);
        int withdrawn = 0;
        int changed = 0;
        int unchanged = 0;
        if (earlierVersions) {
            analyze(table);
            // withdrawn first: it needs every key of the file, including the unchanged rows dropped last
            withdrawn = kind.scope() == SourceKind.Scope.PERIOD ? withdrawMissing(table, runId, sourceFileId, period) : 0;
            changed = supersedeChanged(kind, runId, sourceFileId);
            unchanged = dropUnchanged(table, sourceFileId);
        }

        long rejected = jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE source_file_id = ?")
                .param(sourceFileId).query(Long.class).single();
        long added = accepted - unchanged - changed;
        jdbc.sql("""
                UPDATE source_file SET rows_accepted = ?, rows_rejected = ?, rows_new = ?, rows_changed = ?,
                       rows_unchanged = ?, rows_withdrawn = ?, merged_at = now()
                WHERE source_file_id = ?""")
                .params(accepted, rejected, added, changed, unchanged, withdrawn, sourceFileId)
                .update();
        log.info("{}: {} accepted ({} new, {} changed, {} unchanged), {} rejected, {} withdrawn; merged in {} ms",
                name, accepted, added, changed, unchanged, rejected, withdrawn, (System.nanoTime() - started) / 1_000_000);
    }

    /** Fresh statistics, or the planner takes the just-loaded rows for none and joins them by nested loops. */
    private void analyze(String table) {
        jdbc.sql("ANALYZE " + table).update();
    }

    private record RowsAndKeys(long rows, long keys) {}

    /**
     * The file's loaded rows and its distinct record ids, in one scan: fewer ids than rows means some
     * id repeats. Ids are compared byte by byte (COLLATE "C"): equality is the same under every
     * deterministic collation, and the sort behind DISTINCT needs no locale-aware comparisons.
     */
    private RowsAndKeys rowsAndKeys(String table, long sourceFileId) {
        return jdbc.sql("SELECT count(*), count(DISTINCT record_key COLLATE \"C\") FROM " + table + " WHERE source_file_id = ?")
                .param(sourceFileId).query((rs, i) -> new RowsAndKeys(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * Whether any other file of this kind has been merged. Without one there is no version that counts
     * (see {@link #MERGED_CURRENT}), so nothing can be withdrawn, superseded or unchanged. Asked of
     * source_file instead of the kind's table, which would be scanned through all of the rows just loaded.
     */
    private boolean hasEarlierMergedFile(SourceKind kind, long sourceFileId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM source_file
                               WHERE kind = ? AND merged_at IS NOT NULL AND source_file_id <> ?)""")
                .params(kind.name(), sourceFileId).query(Boolean.class).single();
    }

    /** The first line (or row) with an id is kept; each later one with the same id becomes a rejection. */
    private void rejectRepeatedIds(SourceKind kind, long sourceFileId, String position) {
        String table = kind.table();
        jdbc.sql("""
                INSERT INTO ingest_rejection (run_id, source_file_id, line_no, record_key, column_name, value_excerpt, reason)
                SELECT d.run_id, d.source_file_id, d.line_no, d.record_key, :keyColumn, left(d.record_key, 40),
                       'duplicate record id ' || d.record_key || ': ' || :position || ' ' || d.first_line || ' has the same id and was kept'
                FROM (SELECT run_id, source_file_id, line_no, record_key,
                             min(line_no) OVER (PARTITION BY record_key) AS first_line
                      FROM %s WHERE source_file_id = :sf) d
                WHERE d.line_no > d.first_line""".formatted(table))
                .param("keyColumn", String.join("/", kind.keyColumns())).param("position", position).param("sf", sourceFileId).update();
        jdbc.sql("""
                DELETE FROM %1$s x USING (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY record_key ORDER BY line_no) AS nth
                        FROM %1$s WHERE source_file_id = :sf) numbered
                    WHERE nth > 1) d
                WHERE x.id = d.id""".formatted(table))
                .param("sf", sourceFileId).update();
    }

    private int withdrawMissing(String table, long runId, long sourceFileId, String period) {
        return jdbc.sql("""
                UPDATE %1$s o SET record_status = 'withdrawn', ended_by_run_id = :run
                WHERE o.ingest_period = :period AND %2$s
                AND NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.source_file_id = :sf AND n.record_key = o.record_key)
                """.formatted(table, MERGED_CURRENT))
                .param("run", runId).param("period", period).param("sf", sourceFileId).update();
    }

    private int supersedeChanged(SourceKind kind, long runId, long sourceFileId) {
        List<String> columns = kind.columns().stream().map(ColumnSpec::name).toList();
        String newValues = columns.stream().map(c -> "n." + c).collect(Collectors.joining(", "));
        String oldValues = columns.stream().map(c -> "o." + c).collect(Collectors.joining(", "));
        return jdbc.sql("""
                UPDATE %1$s o SET record_status = 'superseded', ended_by_run_id = :run
                FROM %1$s n
                WHERE n.source_file_id = :sf AND o.record_key = n.record_key AND %2$s
                AND (%3$s) IS DISTINCT FROM (%4$s)""".formatted(kind.table(), MERGED_CURRENT, oldValues, newValues))
                .param("run", runId).param("sf", sourceFileId).update();
    }

    /** After superseding, a new row whose key still has a current version is identical to it. */
    private int dropUnchanged(String table, long sourceFileId) {
        return jdbc.sql("""
                DELETE FROM %1$s n USING %1$s o
                WHERE n.source_file_id = :sf AND o.record_key = n.record_key AND %2$s""".formatted(table, MERGED_CURRENT))
                .param("sf", sourceFileId).update();
    }
}
