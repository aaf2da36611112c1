package org.billrun.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads file parts, one after the other, as blocks of {@link ParsedRow}s; a block never spans two
 * parts. Its position (which part, and the last physical line of that part's file consumed) is
 * saved at every chunk commit, so a restarted step resumes on the line after the last committed
 * record. A partition has one large part or several small ones (see {@link IngestJobConfiguration}).
 */
class SourceFileReader implements ItemStreamReader<RowBlock> {

    private static final String LINES_CONSUMED = "lines.consumed";
    private static final String PART_INDEX = "part.index";

    private final List<SourcePart> parts;
    private int current;
    private SourcePart part;
    private CsvRecordReader records;
    private RowParser parser;
    /** The current part has no more records. */
    private boolean partDone;
    /** No part has any more records. */
    private boolean finished;

    SourceFileReader(List<SourcePart> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public void open(ExecutionContext context) {
        current = context.containsKey(PART_INDEX) ? context.getInt(PART_INDEX) : 0;
        openPart(context.containsKey(LINES_CONSUMED) ? context.getLong(LINES_CONSUMED) : -1);
    }

    /** Opens part {@code current}, skipping to the line after {@code linesConsumed} when it is not negative. */
    private void openPart(long linesConsumed) {
        closePart();
        finished = current >= parts.size();
        if (finished) {
            return;
        }
        part = parts.get(current);
        partDone = false;
        try {
            parser = RowParser.forHeader(part.kind(), SourceFiles.readHeader(part.kind(), part.path()));
            records = new CsvRecordReader(SourceFiles.openBytes(part.path(), part.firstByte()), part.firstLine() - 1);
            if (linesConsumed >= 0) {
                records.skipLines(linesConsumed);
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + part.path(), e);
        }
    }

    @Override
    public RowBlock read() {
        try {
            while (!finished) {
                RowBlock block = readBlock();
                if (block != null) {
                    return block;
                }
                if (current + 1 >= parts.size()) {
                    finished = true;
                } else {
                    current++;
                    openPart(-1);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + part.path(), e);
        }
    }

    /** Up to {@link RowBlock#MAX_ROWS} rows of the current part, or null when it has no more. */
    private RowBlock readBlock() throws IOException {
        List<ParsedRow> rows = new ArrayList<>(RowBlock.MAX_ROWS);
        while (rows.size() < RowBlock.MAX_ROWS && !partDone) {
            CsvRecord record = records.next();
            if (record == null || record.lineNo() > part.lastLine()) {
                partDone = true;
                break;
            }
            rows.add(parser.parse(record));
            if (records.linesConsumed() > part.lastLine()) {
                throw new IllegalStateException(part.kind().fileName() + ": the record on line " + record.lineNo()
                        + " runs past line " + part.lastLine() + ", where the file was cut into parts");
            }
        }
        return rows.isEmpty() ? null : new RowBlock(part, rows);
    }

    @Override
    public void update(ExecutionContext context) {
        if (records != null) {
            context.putInt(PART_INDEX, current);
            context.putLong(LINES_CONSUMED, records.linesConsumed());
        }
    }

    @Override
    public void close() {
        closePart();
    }

    private void closePart() {
        if (records != null) {
            try {
                records.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + part.path(), e);
            } finally {
                records = null;
            }
        }
    }
}
