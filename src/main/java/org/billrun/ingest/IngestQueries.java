package org.billrun.ingest;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What other stages and the run summary may ask of ingest's tables: the loaded sources, their rejections, the versioned input tables. */
@Component
public class IngestQueries {

    /**
     * Per input file: rows read = rows accepted + rows rejected once the file is merged. A file
     * identical to the last one merged of its kind is not read at all: {@code sameAsRun} names the
     * run that read it.
     */
    public record Source(String file, boolean present, String sha256, Long sizeBytes, long rowsRead, Long rowsAccepted,
            Long rowsRejected, Long rowsNew, Long rowsChanged, Long rowsUnchanged, Long rowsWithdrawn, Long sameAsRun) {

        public boolean merged() {
            return rowsAccepted != null;
        }

        public boolean balanced() {
            return !merged() || rowsRead == rowsAccepted + rowsRejected;
        }
    }

    /**
     * A rejected row: in a file at {@code line}; from a query ({@code fromQuery}) the {@code line} is its
     * row number in billrun's read order. {@code key} is its record id when that could be read.
     */
    public record Rejection(String file, long line, String column, String value, String reason, String key, boolean fromQuery) {

        /** How a person finds the row: "line 12" in a file; "key T-1", else "row 7", in a query's result. */
        public String where() {
            if (!fromQuery) {
                return "line " + line;
            }
            return key != null ? "key " + key : "row " + line;
        }
    }

    private final JdbcClient jdbc;

    public IngestQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Refreshes the planner's statistics of the loaded data. Without them the planner takes a just-loaded
     * table for a few rows and joins it by nested loop (3.9 s instead of 0.2 s for 160,000 entries; a
     * report's join of the time entries to 2,500 consultants took 37 s instead of a fraction of one).
     */
    public void refreshStatistics() {
        jdbc.sql("ANALYZE source_file").update();
        for (SourceKind kind : SourceKind.values()) {
            jdbc.sql("ANALYZE " + kind.table()).update();
        }
    }

    /** The input files (or source queries) of a run, in the order they were registered. */
    public List<Source> sources(long runId) {
        return jdbc.sql("""
                SELECT s.file_name, s.present, s.sha256, s.size_bytes, s.rows_read, s.rows_accepted, s.rows_rejected, s.rows_new,
                       s.rows_changed, s.rows_unchanged, s.rows_withdrawn, same.run_id AS same_as_run
                FROM source_file_totals s LEFT JOIN source_file same ON same.source_file_id = s.same_as_source_file_id
                WHERE s.run_id = ? ORDER BY s.source_file_id""")
                .param(runId)
                .query((rs, i) -> new Source(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getLong(5), (Long) rs.getObject(6), (Long) rs.getObject(7),
                        (Long) rs.getObject(8), (Long) rs.getObject(9), (Long) rs.getObject(10), (Long) rs.getObject(11),
                        (Long) rs.getObject(12)))
                .list();
    }

    /** The first {@code limit} rows the run rejected, by source and line (or row, for a query). */
    public List<Rejection> rejections(long runId, int limit) {
        return jdbc.sql("""
                SELECT s.file_name, j.line_no, j.column_name, j.value_excerpt, j.reason, j.record_key, s.origin = 'query'
                FROM ingest_rejection j JOIN source_file s ON s.source_file_id = j.source_file_id
                WHERE j.run_id = ? ORDER BY s.source_file_id, j.line_no LIMIT ?""")
                .params(runId, limit)
                .query((rs, i) -> new Rejection(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    /** How many rows the run rejected, all files together. */
    public long rejectedRows(long runId) {
        return jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE run_id = ?").param(runId).query(Long.class).single();
    }

    /**
     * The rows of the run's period rejected in the file of the record kind ("time_entry", "expense") the
     * run validated: its own, or for
     * a file identical to one a run of the same period loaded before ("same as run N"), that load's
     * rejections. A file identical to one a run of another period loaded is not read: it brings no rows
     * into this period (its records are that period's), and none of its rejections either.
     */
    public long rejectedRecords(long runId, String recordKind) {
        SourceKind kind = recordKind.equals(SourceKind.TIME_ENTRIES.table()) ? SourceKind.TIME_ENTRIES : SourceKind.EXPENSES;
        return jdbc.sql("""
                SELECT count(*) FROM source_file f
                JOIN billing_run r ON r.run_id = f.run_id
                JOIN source_file loaded ON loaded.source_file_id = coalesce(f.same_as_source_file_id, f.source_file_id)
                JOIN billing_run loader ON loader.run_id = loaded.run_id AND loader.period = r.period
                JOIN ingest_rejection j ON j.source_file_id = loaded.source_file_id
                WHERE f.run_id = ? AND f.kind = ?""")
                .params(runId, kind.name()).query(Long.class).single();
    }
}
