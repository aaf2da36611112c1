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
 * Reads one input file as blocks of {@link ParsedRow}s. Its position (the last physical line consumed)
 * is saved at every chunk commit, so a restarted step resumes on the line after the last committed record.
 */
class SourceFileReader implements ItemStreamReader<RowBlock> {

    private static final String LINES_CONSUMED = "lines.consumed";

    private final SourceKind kind;
    private final Path file;
    private final IngestFaults faults;
    private CsvRecordReader records;
    private RowParser parser;

    SourceFileReader(SourceKind kind, Path file, IngestFaults faults) {
        this.kind = kind;
        this.file = file;
        this.faults = faults;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            records = new CsvRecordReader(SourceFiles.open(file));
            CsvRecord header = records.next();
            if (header == null || header.isMalformed()) {
                throw new InputFileException(kind.fileName() + ": the first line must be the header naming the columns");
            }
            parser = RowParser.forHeader(kind, header.fields());
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
            for (CsvRecord record; rows.size() < RowBlock.MAX_ROWS && (record = records.next()) != null; ) {
                faults.check(kind, record.lineNo());
                rows.add(parser.parse(record));
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
