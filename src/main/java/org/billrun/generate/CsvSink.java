package org.billrun.generate;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One output CSV file: UTF-8 without byte-order mark, LF line ends, comma separated, a field quoted only
 * when it holds a comma, quote or line break (quotes doubled), as docs/input-formats.md reads it.
 */
final class CsvSink implements Closeable {

    private static final int BUFFER = 1 << 16;
    private static final long CHECK_EVERY = 1 << 16;

    private final Path file;
    private final ICSVWriter csv;
    private long rows;

    CsvSink(Path file, String... header) throws IOException {
        this.file = file;
        BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
        this.csv = new CSVWriterBuilder(out)
                .withSeparator(ICSVWriter.DEFAULT_SEPARATOR)
                .withQuoteChar(ICSVWriter.DEFAULT_QUOTE_CHARACTER)
                .withEscapeChar(ICSVWriter.DEFAULT_ESCAPE_CHARACTER)
                .withLineEnd(ICSVWriter.DEFAULT_LINE_END)
                .build();
        csv.writeNext(header, false);
    }

    /** Writes one data row; {@code null} fields are written empty. */
    void row(String... fields) throws IOException {
        csv.writeNext(fields, false);
        rows++;
        if (rows % CHECK_EVERY == 0) {
            failOnError();
        }
    }

    long rows() {
        return rows;
    }

    private void failOnError() throws IOException {
        // CSVWriter keeps an I/O failure instead of throwing it; checkError() flushes and reports it.
        if (csv.checkError()) {
            IOException e = csv.getException();
            throw new IOException("cannot write " + file + (e == null ? "" : ": " + e.getMessage()), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            failOnError();
        } finally {
            csv.close();
        }
    }
}
