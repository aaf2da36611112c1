package org.billrun.ingest;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The source_file rows of a run, as registration reads and writes them for files and queries alike. */
final class SourceFileRows {

    /** What the run's first attempt recorded for one input: absent, or its checksum (and for a query, its text's). */
    record Recorded(boolean present, String sha256, String querySha256) {}

    private final JdbcClient jdbc;

    SourceFileRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Recorded> recorded(long runId, SourceKind kind) {
        return jdbc.sql("SELECT present, sha256, query_sha256 FROM source_file WHERE run_id = ? AND kind = ?")
                .params(runId, kind.name())
                .query((rs, i) -> new Recorded(rs.getBoolean(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * The source that was read, if the last source of this kind merged by any run has this checksum (a
     * file's SHA-256, a query's content digest). Loading it again would change nothing (its records are
     * all current, as that merge left them), so it is not read. Any other source in between, even of
     * another period, means a full load. When the last one was itself not read ("same as run N"), the
     * answer is the one run N read, so that "same as" always names the load whose rows and rejections
     * these are, never a chain of loads that read nothing.
     */
    Long lastMergedWithChecksum(SourceKind kind, String checksum) {
        return jdbc.sql("""
                SELECT coalesce(same_as_source_file_id, source_file_id) AS read_source_file_id, sha256 FROM source_file
                WHERE kind = ? AND merged_at IS NOT NULL
                ORDER BY merged_at DESC, source_file_id DESC LIMIT 1""")
                .param(kind.name())
                .query((rs, i) -> checksum.equals(rs.getString("sha256")) ? rs.getLong("read_source_file_id") : null)
                .optional().orElse(null);
    }

    /** Records an optional input as absent; false when the run's first attempt had it. */
    boolean registerAbsent(long runId, SourceKind kind, String name, String path, String origin) {
        jdbc.sql("""
                INSERT INTO source_file (run_id, kind, file_name, path, present, origin) VALUES (?, ?, ?, ?, false, ?)
                ON CONFLICT (run_id, kind) DO NOTHING""")
                .params(runId, kind.name(), name, path, origin)
                .update();
        return !jdbc.sql("SELECT present FROM source_file WHERE run_id = ? AND kind = ?")
                .params(runId, kind.name()).query(Boolean.class).single();
    }
}
