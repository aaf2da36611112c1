package org.billrun.ingest;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The line-by-line record reader that {@link CsvRecordReader} replaced, kept unchanged as the
 * reference of {@code CsvRecordReaderDifferentialTests}: it reads lines decoded by a
 * {@link BufferedReader} and splits every one with opencsv.
 *
 * <p>Splits a CSV stream into records, counting physical lines so that every record knows the line it
 * starts on. opencsv's RFC 4180 parser does the field splitting; this class adds what a messy export
 * needs on top: blank lines are skipped, and a quote that is never closed (which would otherwise
 * swallow the rest of the file into one field) rejects only its own line, after which reading resumes
 * on the next line.
 */
final class ReferenceCsvRecordReader implements Closeable {

    /** A quoted field may span lines, but a record longer than this is taken for a stray quote. */
    static final int MAX_LINES_PER_RECORD = 50;
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private record Line(long number, String text) {}

    private final BufferedReader in;
    private final Deque<Line> replay = new ArrayDeque<>();
    private ICSVParser parser = newParser();
    private long lastPhysicalLine;
    private long lastCompletedLine;

    ReferenceCsvRecordReader(BufferedReader in) {
        this(in, 0);
    }

    /** For a stream that starts at line {@code linesBefore + 1} of the file, so that line numbers stay the file's. */
    ReferenceCsvRecordReader(BufferedReader in, long linesBefore) {
        this.in = in;
        this.lastPhysicalLine = linesBefore;
        this.lastCompletedLine = linesBefore;
    }

    /** Returns the next record, or {@code null} at the end of the stream. */
    public CsvRecord next() throws IOException {
        Line first = nextLine();
        while (first != null && first.text().isBlank()) {
            lastCompletedLine = first.number();
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        String[] firstFields = parser.parseLineMulti(first.text());
        if (!parser.isPending()) { // the usual record, on one line: its fields as the parser split them
            lastCompletedLine = first.number();
            return CsvRecord.of(first.number(), firstFields);
        }
        List<String> fields = new ArrayList<>(Arrays.asList(firstFields));
        List<Line> continuation = new ArrayList<>();
        int chars = first.text().length();
        while (parser.isPending()) {
            Line more = continuation.size() + 1 >= MAX_LINES_PER_RECORD || chars > MAX_RECORD_CHARS ? null : nextLine();
            if (more == null) {
                parser = newParser(); // drop the half-read record's state
                for (int i = continuation.size() - 1; i >= 0; i--) {
                    replay.addFirst(continuation.get(i));
                }
                lastCompletedLine = first.number();
                return CsvRecord.malformed(first.number(),
                        "a quoted field opened on this line is never closed (unbalanced \" quote)");
            }
            continuation.add(more);
            chars += more.text().length();
            fields.addAll(Arrays.asList(parser.parseLineMulti(more.text())));
        }
        lastCompletedLine = continuation.get(continuation.size() - 1).number();
        return CsvRecord.of(first.number(), fields.toArray(String[]::new));
    }

    private static ICSVParser newParser() {
        return new RFC4180ParserBuilder().build();
    }

    /**
     * The last physical line that belongs to a record already returned (or a skipped blank line).
     * Reading resumes after it on restart, because records always end at a line boundary.
     */
    public long linesConsumed() {
        return lastCompletedLine;
    }

    /** Skips the first {@code lines} physical lines, as counted by {@link #linesConsumed()}. */
    public void skipLines(long lines) throws IOException {
        while (lastPhysicalLine < lines) {
            if (in.readLine() == null) {
                throw new IOException("the file has fewer lines (" + lastPhysicalLine + ") than were read before (" + lines + ")");
            }
            lastPhysicalLine++;
        }
        lastCompletedLine = lines;
    }

    private Line nextLine() throws IOException {
        if (!replay.isEmpty()) {
            return replay.removeFirst();
        }
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        lastPhysicalLine++;
        return new Line(lastPhysicalLine, text);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
