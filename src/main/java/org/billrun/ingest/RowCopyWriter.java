package org.billrun.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.billrun.infra.ProgressReporter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of parsed rows (from files or queries alike) inside the chunk's transaction: accepted rows go to their kind's
 * table with PostgreSQL COPY (the fast path; they count once the merge step has run), rejections to
 * ingest_rejection, and each part's rows_read counter moves by its row count in the chunk. A
 * rolled-back chunk leaves no trace of any of them. A chunk may hold blocks of several small file
 * parts: each run of blocks of one part is one COPY.
 */
class RowCopyWriter implements ItemWriter<RowBlock> {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final long runId;
    private final String period;
    private final ProgressReporter progress;
    private final Map<SourceKind, Target> targets = new HashMap<>();

    /** How the rows of one kind are copied. */
    private static final class Target {

        final String copySql;
        /** Only free text can hold non-ASCII characters, backslashes, tabs or line breaks; the field parser checked the rest. */
        final boolean[] freeText;

        Target(SourceKind kind) {
            freeText = new boolean[kind.columns().size()];
            for (int c = 0; c < freeText.length; c++) {
                freeText[c] = kind.columns().get(c).type() == ColumnType.TEXT;
            }
            copySql = "COPY " + kind.table() + " (run_id, ingest_period, source_file_id, line_no, record_key, "
                    + kind.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
        }
    }

    RowCopyWriter(DataSource dataSource, long runId, String period, ProgressReporter progress) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.runId = runId;
        this.period = period;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends RowBlock> chunk) throws SQLException, java.io.IOException {
        // This chunk's rows and the step's restart position commit together, so a commit lost in a
        // database crash loses both and the restart reads those rows again: no need to wait for the
        // WAL flush here. Validation chunks do the same; merges, decisions and postings commit synchronously.
        jdbc.execute("SET LOCAL synchronous_commit = off");
        List<Object[]> rejections = new ArrayList<>();
        List<Object[]> partRows = new ArrayList<>();
        List<? extends RowBlock> blocks = chunk.getItems();
        int total = 0;
        for (int from = 0; from < blocks.size(); ) {
            SourcePart part = blocks.get(from).part();
            int to = from;
            while (to < blocks.size() && blocks.get(to).part().partId() == part.partId()) {
                to++;
            }
            int rows = copy(part, blocks.subList(from, to), rejections);
            partRows.add(new Object[] {rows, part.partId()});
            total += rows;
            from = to;
        }
        if (!rejections.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO ingest_rejection (run_id, source_file_id, line_no, record_key, column_name, value_excerpt, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", rejections);
        }
        jdbc.batchUpdate("UPDATE source_file_part SET rows_read = rows_read + ? WHERE part_id = ?", partRows);
        progress.rowsLoaded(runId, total);
    }

    /** Copies the accepted rows of consecutive blocks of one part, collects its rejections, and returns its row count. */
    private int copy(SourcePart part, List<? extends RowBlock> blocks, List<Object[]> rejections)
            throws SQLException, java.io.IOException {
        Target target = targets.computeIfAbsent(part.kind(), Target::new);
        byte[] rowPrefix = (runId + "\t" + period + "\t" + part.sourceFileId() + "\t").getBytes(StandardCharsets.UTF_8);
        CopyBuffer copy = new CopyBuffer(blocks.size() * RowBlock.MAX_ROWS * 160);
        int rows = 0;
        for (RowBlock block : blocks) {
            for (ParsedRow row : block.rows()) {
                rows++;
                if (row instanceof ParsedRow.Accepted accepted) {
                    appendCopyLine(copy, target, rowPrefix, accepted);
                } else if (row instanceof ParsedRow.Rejected rejected) {
                    rejections.add(new Object[] {runId, part.sourceFileId(), rejected.lineNo(), rejected.recordKey(),
                            rejected.column(), rejected.valueExcerpt(), rejected.reason()});
                }
            }
        }
        if (!copy.isEmpty()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(target.copySql);
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
        return rows;
    }

    private static void appendCopyLine(CopyBuffer out, Target target, byte[] rowPrefix, ParsedRow.Accepted row) {
        out.raw(rowPrefix).number(row.lineNo()).tab().ascii(row.recordKey());
        String[] values = row.values();
        boolean[] freeText = target.freeText;
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
