package org.billrun.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.billrun.run.ProgressReporter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of parsed rows inside the chunk's transaction: accepted rows go to the kind's table
 * with PostgreSQL COPY (the fast path; they count once the merge step has run), rejections to
 * ingest_rejection, and the part's rows_read counter moves by the chunk's row count. A rolled-back
 * chunk leaves no trace of any of them.
 */
class RowCopyWriter implements ItemWriter<RowBlock> {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final long runId;
    private final long sourceFileId;
    private final String copySql;
    /** run_id, ingest_period and source_file_id, the same on every row: encoded once. */
    private final byte[] rowPrefix;
    private final long partId;
    private final ProgressReporter progress;
    /** Only free text can hold non-ASCII characters, backslashes, tabs or line breaks; the field parser checked the rest. */
    private final boolean[] freeText;

    RowCopyWriter(DataSource dataSource, SourceKind kind, long runId, String period, long sourceFileId, long partId,
            ProgressReporter progress) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.runId = runId;
        this.sourceFileId = sourceFileId;
        this.partId = partId;
        this.progress = progress;
        this.freeText = new boolean[kind.columns().size()];
        for (int c = 0; c < freeText.length; c++) {
            freeText[c] = kind.columns().get(c).type() == ColumnType.TEXT;
        }
        this.rowPrefix = (runId + "\t" + period + "\t" + sourceFileId + "\t").getBytes(StandardCharsets.UTF_8);
        this.copySql = "COPY " + kind.table() + " (run_id, ingest_period, source_file_id, line_no, record_key, "
                + kind.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
    }

    @Override
    public void write(Chunk<? extends RowBlock> chunk) throws SQLException, java.io.IOException {
        // This chunk's rows and the step's restart position commit together, so a commit lost in a
        // database crash loses both and the restart reads those rows again: no need to wait for the
        // WAL flush here. Validation chunks do the same; merges, decisions and postings commit synchronously.
        jdbc.execute("SET LOCAL synchronous_commit = off");
        CopyBuffer copy = new CopyBuffer(chunk.size() * RowBlock.MAX_ROWS * 160);
        List<Object[]> rejections = new ArrayList<>();
        int rows = 0;
        for (RowBlock block : chunk) {
            for (ParsedRow row : block.rows()) {
                rows++;
                if (row instanceof ParsedRow.Accepted accepted) {
                    appendCopyLine(copy, accepted);
                } else if (row instanceof ParsedRow.Rejected rejected) {
                    rejections.add(new Object[] {runId, sourceFileId, rejected.lineNo(), rejected.column(),
                            rejected.valueExcerpt(), rejected.reason()});
                }
            }
        }
        if (!copy.isEmpty()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
                try {
                    copyIn.writeToCopy(copy.bytes(), 0, copy.length());
                    copyIn.endCopy();
                } finally {
                    if (copyIn.isActive()) {
                        copyIn.cancelCopy();
                    }
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
        if (!rejections.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO ingest_rejection (run_id, source_file_id, line_no, column_name, value_excerpt, reason)
                    VALUES (?, ?, ?, ?, ?, ?)""", rejections);
        }
        jdbc.update("UPDATE source_file_part SET rows_read = rows_read + ? WHERE part_id = ?", rows, partId);
        progress.rowsLoaded(runId, rows);
    }

    private void appendCopyLine(CopyBuffer out, ParsedRow.Accepted row) {
        out.raw(rowPrefix).number(row.lineNo()).tab().ascii(row.recordKey());
        String[] values = row.values();
        for (int c = 0; c < values.length; c++) {
            out.tab();
            if (values[c] == null) {
                out.nullValue();
            } else if (freeText[c]) {
                out.text(values[c]);
            } else {
                out.ascii(values[c]);
            }
        }
        out.endRow();
    }
}
