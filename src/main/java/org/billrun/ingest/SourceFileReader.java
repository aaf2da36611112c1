package org.billrun.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one part of an input file as blocks of {@link ParsedRow}s. Its position (the last physical
 * line consumed) is saved at every chunk commit, so a restarted step resumes on the line after the
 * last committed record.
 */
class SourceFileReader implements ItemStreamReader<RowBlock> {

    /** The records starting on lines {@code firstLine..lastLine}; line {@code firstLine} starts at {@code firstByte}. */
    record Part(long firstLine, long firstByte, long lastLine) {}

    private static final String LINES_CONSUMED = "lines.consumed";

    private final SourceKind kind;
    private final Path file;
    private final Part part;
    private final IngestFaults faults;
    private CsvRecordReader records;
    private RowParser parser;
    private boolean finished;

    SourceFileReader(SourceKind kind, Path file, Part part, IngestFaults faults) {
        this.kind = kind;
        this.file = file;
        this.part = part;
        this.faults = faults;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            parser = RowParser.forHeader(kind, SourceFiles.readHeader(kind, file));
            records = new CsvRecordReader(SourceFiles.open(file, part.firstByte()), part.firstLine() - 1);
            if (context.containsKey(LINES_CONSUMED)) {
                records.skipLines(context.getLong(LINES_CONSUMED));
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + file, e);
        }
    }

    @Override
    public RowBlock read() {
        try {
            List<ParsedRow> rows = new ArrayList<>(RowBlock.MAX_ROWS);
            while (rows.size() < RowBlock.MAX_ROWS && !finished) {
                CsvRecord record = records.next();
                if (record == null || record.lineNo() > part.lastLine()) {
                    finished = true;
                } else {
                    faults.check(kind, record.lineNo());
                    rows.add(parser.parse(record));
                    if (records.linesConsumed() > part.lastLine()) {
                        throw new IllegalStateException(kind.fileName() + ": the record on line " + record.lineNo()
                                + " runs past line " + part.lastLine() + ", where the file was cut into parts");
                    }
                }
            }
            return rows.isEmpty() ? null : new RowBlock(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LINES_CONSUMED, records.linesConsumed());
    }

    @Override
    public void close() {
        if (records != null) {
            try {
                records.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + file, e);
            }
        }
    }
}
