package org.billrun.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.billrun.infra.InputFileException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the rows of a partition's queries, one query after the other, as blocks of
 * {@link ParsedRow}s, the way {@link SourceFileReader} reads file parts. The rows stream from the
 * source database through a server-side cursor, {@link RowBlock#MAX_ROWS} at a time, in one
 * read-only transaction per partition. Its position (which query, how many of its rows, and the
 * digest of those rows) is saved at every chunk commit; a restarted step runs the query again and
 * passes over the rows already loaded, which registration has just found unchanged. When a query
 * ends, the digest of what was read must be the one registration recorded: rows that changed in
 * between would otherwise be loaded as a mix of two states of the database.
 */
class SourceQueryReader implements ItemStreamReader<RowBlock> {

    private static final String PART_INDEX = "part.index";
    private static final String ROWS_CONSUMED = "rows.consumed";
    private static final String DIGEST = "rows.digest";

    /** One query's part: what to run, and what registration found it returns. */
    record QueryPart(SourcePart part, String url, SourceQuery query, String registeredDigest, long registeredRows) {}

    private final long runId;
    private final List<QueryPart> parts;
    private final SourceConnections connections;
    private int current;
    private Connection connection;
    private String connectedTo;
    private QueryRows rows;
    private ContentDigest digest;
    private boolean finished;

    SourceQueryReader(long runId, List<QueryPart> parts, SourceConnections connections) {
        this.runId = runId;
        this.parts = List.copyOf(parts);
        this.connections = connections;
    }

    @Override
    public void open(ExecutionContext context) {
        current = context.containsKey(PART_INDEX) ? context.getInt(PART_INDEX) : 0;
        openPart(context.containsKey(ROWS_CONSUMED) ? context.getLong(ROWS_CONSUMED) : 0,
                context.containsKey(DIGEST) ? context.getString(DIGEST) : ContentDigest.EMPTY);
    }

    private void openPart(long rowsConsumed, String digestState) {
        closeRows();
        finished = current >= parts.size();
        if (finished) {
            return;
        }
        QueryPart part = parts.get(current);
        if (connection == null || !part.url().equals(connectedTo)) {
            closeConnection();
            connection = connections.open(part.url());
            connectedTo = part.url();
        }
        rows = part.query().open(connection, RowBlock.MAX_ROWS);
        rows.skip(rowsConsumed);
        digest = new ContentDigest(digestState);
    }

    @Override
    public RowBlock read() {
        while (!finished) {
            RowBlock block = readBlock();
            if (block != null) {
                return block;
            }
            checkDigest(parts.get(current));
            if (current + 1 >= parts.size()) {
                finished = true;
            } else {
                current++;
                openPart(0, ContentDigest.EMPTY);
            }
        }
        return null;
    }

    /** Up to {@link RowBlock#MAX_ROWS} rows of the current query, or null when it has no more. */
    private RowBlock readBlock() {
        QueryPart part = parts.get(current);
        List<ParsedRow> block = new ArrayList<>(RowBlock.MAX_ROWS);
        while (block.size() < RowBlock.MAX_ROWS) {
            String[] values = rows.next();
            if (values == null) {
                break;
            }
            digest.add(values);
            block.add(rows.parser().parseColumns(rows.rowNo(), values));
        }
        return block.isEmpty() ? null : new RowBlock(part.part(), block);
    }

    private void checkDigest(QueryPart part) {
        if (rows.rowNo() != part.registeredRows() || !digest.state().equals(part.registeredDigest())) {
            throw new InputFileException(part.query().label() + ": its rows changed while billrun was reading them (registered "
                    + part.registeredRows() + " rows, content digest " + part.registeredDigest().substring(0, 12) + "…; read "
                    + rows.rowNo() + " rows, content digest " + digest.state().substring(0, 12) + "…). Abandon the run (billrun abandon "
                    + runId + ") and start a new one when the database is quiet, or point the queries at a snapshot or replica");
        }
    }

    @Override
    public void update(ExecutionContext context) {
        if (rows != null) {
            context.putInt(PART_INDEX, current);
            context.putLong(ROWS_CONSUMED, rows.rowNo());
            context.putString(DIGEST, digest.state());
        }
    }

    @Override
    public void close() {
        try {
            closeRows();
        } finally {
            closeConnection();
        }
    }

    private void closeRows() {
        if (rows != null) {
            try {
                rows.close();
            } finally {
                rows = null;
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.rollback(); // read only: nothing to keep
                connection.close();
            } catch (SQLException e) {
                throw SourceFailures.translate(e, "cannot close the connection to the source database " + connectedTo);
            } finally {
                connection = null;
                connectedTo = null;
            }
        }
    }
}
