package org.billrun.ingest;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.billrun.run.ProgressReporter;
import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of parsed rows inside the chunk's transaction: accepted rows go to the kind's table
 * with PostgreSQL COPY (the fast path; they count once the merge step has run), rejections to
 * ingest_rejection, and the part's
 * rows_read counter moves by the chunk's row count. A rolled-back chunk leaves no trace of any of them.
 */
class StagingWriter implements ItemWriter<RowBlock> {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SourceKind kind;
    private final long runId;
    private final String period;
    private final long sourceFileId;
    private final String copySql;
    private final long partId;
    private final ProgressReporter progress;
    /** Only free text can hold a backslash, tab or line break; ids, codes, dates and numbers were checked not to. */
    private final boolean[] mayNeedEscape;

    StagingWriter(DataSource dataSource, SourceKind kind, long runId, String period, long sourceFileId, long partId,
            ProgressReporter progress) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.kind = kind;
        this.runId = runId;
        this.period = period;
        this.sourceFileId = sourceFileId;
        this.partId = partId;
        this.progress = progress;
        this.mayNeedEscape = new boolean[kind.columns().size()];
        for (int c = 0; c < mayNeedEscape.length; c++) {
            mayNeedEscape[c] = kind.columns().get(c).type() == ColumnType.TEXT;
        }
        this.copySql = "COPY " + kind.table() + " (run_id, ingest_period, source_file_id, line_no, record_key, "
                + kind.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
    }

    @Override
    public void write(Chunk<? extends RowBlock> chunk) throws SQLException, java.io.IOException {
        StringBuilder copyText = new StringBuilder(chunk.size() * RowBlock.MAX_ROWS * 160);
        List<Object[]> rejections = new ArrayList<>();
        int rows = 0;
        for (RowBlock block : chunk) {
            for (ParsedRow row : block.rows()) {
                rows++;
                if (row instanceof ParsedRow.Accepted accepted) {
                    appendCopyLine(copyText, accepted);
                } else if (row instanceof ParsedRow.Rejected rejected) {
                    rejections.add(new Object[] {runId, sourceFileId, rejected.lineNo(), rejected.column(),
                            rejected.valueExcerpt(), rejected.reason()});
                }
            }
        }
        if (copyText.length() > 0) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(copyText.toString()));
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

    private void appendCopyLine(StringBuilder out, ParsedRow.Accepted row) {
        out.append(runId).append('\t').append(period).append('\t').append(sourceFileId).append('\t').append(row.lineNo())
                .append('\t').append(row.recordKey());
        String[] values = row.values();
        for (int c = 0; c < values.length; c++) {
            out.append('\t');
            if (values[c] == null) {
                out.append("\\N");
            } else if (mayNeedEscape[c]) {
                appendEscaped(out, values[c]);
            } else {
                out.append(values[c]);
            }
        }
        out.append('\n');
    }

    /** COPY text format: backslash, tab, newline and carriage return are written as escapes. */
    static void appendEscaped(StringBuilder out, String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
