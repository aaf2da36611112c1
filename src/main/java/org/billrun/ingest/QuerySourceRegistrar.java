package org.billrun.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.billrun.infra.InputFileException;
import org.billrun.infra.RefusedException;
import org.billrun.infra.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registration of a run that reads a database: what {@link SourceRegistrar} does for a folder, with a
 * query in place of each file. Every query is run once here, all in one read-only REPEATABLE READ
 * transaction (one consistent state of the database across all inputs), to check its columns and
 * record its row count and the digest of its rows ({@link ContentDigest}) in place of a file's
 * SHA-256; a query whose rows are the ones last merged of its kind is "same as run N" and is not
 * loaded. On a restart, a query whose text or rows changed since the first attempt stops the run.
 */
final class QuerySourceRegistrar {

    private static final Logger log = LoggerFactory.getLogger(QuerySourceRegistrar.class);
    private static final int FETCH_SIZE = RowBlock.MAX_ROWS;

    private final JdbcClient jdbc;
    private final SourceFileRows sources;
    private final SourceConnections connections;

    QuerySourceRegistrar(JdbcClient jdbc, SourceFileRows sources, SourceConnections connections) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.connections = connections;
    }

    private record Reading(long rows, String digest) {}

    /** Registers the run's queries; returns what changed since the run's first attempt (nothing on a first attempt). */
    List<String> register(long runId, RunParameters run) {
        DatabaseSource source;
        try {
            source = DatabaseSource.load(Path.of(run.queries()));
        } catch (RefusedException e) { // checked before the run started, so edited since: bad input, as a changed file is
            throw new InputFileException(e.getMessage());
        }
        List<String> changed = new ArrayList<>();
        if (!source.url().equals(run.inputDir())) {
            changed.add("source.url (was " + run.inputDir() + ", now " + source.url() + ")");
            return changed;
        }
        try (Connection connection = connections.open(source.url())) {
            for (SourceKind kind : SourceKind.values()) {
                String text = source.queries().get(kind);
                Optional<SourceFileRows.Recorded> recorded = sources.recorded(runId, kind);
                if (text == null) {
                    if (!sources.registerAbsent(runId, kind, kind.queryLabel(), source.url(), "query")) {
                        changed.add(kind.queryLabel() + " (named on the first attempt, not now)");
                    }
                    continue;
                }
                SourceQuery query = new SourceQuery(kind, text, run.period());
                if (recorded.isPresent() && !recorded.get().present()) {
                    changed.add(kind.queryLabel() + " (not named on the first attempt, named now)");
                } else if (recorded.isPresent() && !query.textSha256().equals(recorded.get().querySha256())) {
                    changed.add(kind.queryLabel() + " (its text was edited)");
                } else {
                    Reading reading = read(query, connection);
                    if (recorded.isEmpty()) {
                        insert(runId, source.url(), query, reading);
                    } else if (!reading.digest().equals(recorded.get().sha256())) {
                        changed.add(kind.queryLabel() + " (content digest was " + recorded.get().sha256().substring(0, 12)
                                + "…, now " + reading.digest().substring(0, 12) + "…: its rows changed)");
                    }
                }
            }
            connection.rollback(); // read only: nothing to keep
        } catch (SQLException e) {
            throw SourceFailures.translate(e, "cannot end the transaction on the source database " + source.url());
        }
        log.info("Run {}: {} queries registered on {}", runId, source.queries().size(), source.url());
        return changed;
    }

    /** Runs the query to its end: its row count and the digest of its rows, as the load will read them. */
    private static Reading read(SourceQuery query, Connection connection) {
        ContentDigest digest = new ContentDigest();
        try (QueryRows rows = query.open(connection, FETCH_SIZE)) {
            for (String[] values; (values = rows.next()) != null; ) {
                digest.add(values);
            }
            return new Reading(rows.rowNo(), digest.state());
        }
    }

    private void insert(long runId, String url, SourceQuery query, Reading reading) {
        SourceKind kind = query.kind();
        Long sameAs = sources.lastMergedWithChecksum(kind, reading.digest());
        long sourceFileId = jdbc.sql("""
                INSERT INTO source_file (run_id, kind, file_name, path, present, sha256, estimated_rows, same_as_source_file_id,
                                         origin, query_text, query_sha256)
                VALUES (?, ?, ?, ?, true, ?, ?, ?, 'query', ?, ?) RETURNING source_file_id""")
                .params(runId, kind.name(), kind.queryLabel(), url, reading.digest(), sameAs == null ? reading.rows() : 0, sameAs,
                        query.text(), query.textSha256())
                .query(Long.class).single();
        if (sameAs == null) {
            // one part: rows 1 to n in billrun's read order (a query cannot be cut at a byte offset as a file can)
            jdbc.sql("""
                    INSERT INTO source_file_part (source_file_id, part_no, first_line, first_byte, last_line)
                    VALUES (?, 1, 1, 0, ?)""")
                    .params(sourceFileId, reading.rows()).update();
        }
    }
}
