package org.billrun.ingest;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Splits a CSV byte stream (UTF-8) into records, counting physical lines so that every record knows
 * the line it starts on. Lines end as {@link java.io.BufferedReader#readLine()} ends them (LF, CR or
 * CRLF). Blank lines are skipped, and a quote that is never closed (which would otherwise swallow the
 * rest of the file into one field) rejects only its own line, after which reading resumes on the next line.
 *
 * <p>Most lines of an export are plain: printable ASCII without a double quote. Such a line is one
 * record whose fields are the text between its commas, and it is split here straight from the bytes.
 * Any other line (quotes, non-ASCII or invalid UTF-8, control characters such as tab) is decoded with
 * bad bytes replaced, and opencsv's RFC 4180 parser splits it and any lines a quoted field continues
 * on. Both ways give the same fields for a plain line; a differential test holds them to the
 * line-by-line reader this one replaced.
 */
public final class CsvRecordReader implements Closeable {

    /** A quoted field may span lines, but a record longer than this is taken for a stray quote. */
    static final int MAX_LINES_PER_RECORD = 50;
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private static final String[] NO_FIELDS = new String[0];

    private record Line(long number, String text) {}

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final Deque<Line> replay = new ArrayDeque<>();
    private ICSVParser parser = newParser();
    private long lastPhysicalLine;
    private long lastCompletedLine;

    private byte[] buffer;
    private int position;
    private int limit;
    private boolean eof;
    /** The last line read: {@code buffer[lineStart, lineEnd)}, without its line break. */
    private int lineStart;
    private int lineEnd;
    /** Positions of the commas of the last plain line. */
    private int[] commas = new int[32];

    public CsvRecordReader(InputStream in) {
        this(in, 0);
    }

    /** For a stream that starts at line {@code linesBefore + 1} of the file, so that line numbers stay the file's. */
    public CsvRecordReader(InputStream in, long linesBefore) {
        this(in, linesBefore, 1 << 16);
    }

    /** With a given initial buffer size; tests use small ones to cross buffer boundaries often. */
    CsvRecordReader(InputStream in, long linesBefore, int bufferSize) {
        this.buffer = new byte[Math.max(1, bufferSize)];
        this.in = in;
        this.lastPhysicalLine = linesBefore;
        this.lastCompletedLine = linesBefore;
    }

    /** Returns the next record, or {@code null} at the end of the stream. */
    public CsvRecord next() throws IOException {
        while (true) {
            Line first;
            if (!replay.isEmpty()) {
                first = replay.removeFirst();
            } else {
                if (!readLine()) {
                    return null;
                }
                lastPhysicalLine++;
                int commaCount = scanPlain();
                if (commaCount == BLANK) {
                    lastCompletedLine = lastPhysicalLine;
                    continue;
                }
                if (commaCount >= 0) { // the usual record: one plain line
                    lastCompletedLine = lastPhysicalLine;
                    return CsvRecord.of(lastPhysicalLine, splitPlain(commaCount));
                }
                first = new Line(lastPhysicalLine, decodeLine());
            }
            if (first.text().isBlank()) {
                lastCompletedLine = first.number();
                continue;
            }
            return parseRecord(first);
        }
    }

    private static final int BLANK = -2;
    private static final int NOT_PLAIN = -1;

    /**
     * The number of commas of the last line read when it is plain (printable ASCII, no double quote),
     * {@link #BLANK} when it is empty or only spaces, {@link #NOT_PLAIN} otherwise.
     */
    private int scanPlain() {
        byte[] b = buffer;
        int count = 0;
        boolean blank = true;
        for (int i = lineStart; i < lineEnd; i++) {
            byte c = b[i];
            if (c == ',') {
                if (count == commas.length) {
                    commas = Arrays.copyOf(commas, count * 2);
                }
                commas[count++] = i;
                blank = false;
            } else if (c < 0x20 || c > 0x7E || c == '"') { // bytes >= 0x80 are negative
                return NOT_PLAIN;
            } else if (c != ' ') {
                blank = false;
            }
        }
        return blank ? BLANK : count;
    }

    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): each byte is one char, exact for ASCII
    private String[] splitPlain(int commaCount) {
        String[] fields = new String[commaCount + 1];
        int from = lineStart;
        for (int f = 0; f < commaCount; f++) {
            int to = commas[f];
            fields[f] = new String(buffer, 0, from, to - from);
            from = to + 1;
        }
        fields[commaCount] = new String(buffer, 0, from, lineEnd - from);
        return fields;
    }

    /** A record that starts on a line that is not plain: opencsv's parser, over as many lines as a quoted field spans. */
    private CsvRecord parseRecord(Line first) throws IOException {
        String[] firstFields = parser.parseLineMulti(first.text());
        if (!parser.isPending()) {
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
        return CsvRecord.of(first.number(), fields.toArray(NO_FIELDS));
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
            if (!readLine()) {
                throw new IOException("the file has fewer lines (" + lastPhysicalLine + ") than were read before (" + lines + ")");
            }
            lastPhysicalLine++;
        }
        lastCompletedLine = lines;
    }

    /** The next line as text, for a record that continues on it. */
    private Line nextLine() throws IOException {
        if (!replay.isEmpty()) {
            return replay.removeFirst();
        }
        if (!readLine()) {
            return null;
        }
        lastPhysicalLine++;
        return new Line(lastPhysicalLine, decodeLine());
    }

    /** The last line read, decoded as UTF-8 with each malformed sequence replaced by U+FFFD, as a decoding reader does. */
    private String decodeLine() {
        try {
            return decoder.decode(ByteBuffer.wrap(buffer, lineStart, lineEnd - lineStart)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen: malformed input is replaced", e);
        }
    }

    /**
     * Reads the next physical line into {@code buffer[lineStart, lineEnd)}: up to LF, CR or CRLF, or to
     * the end of the stream; false at the end of the stream (a last line break ends no extra line).
     */
    private boolean readLine() throws IOException {
        int scanFrom = position;
        while (true) {
            byte[] b = buffer;
            for (int i = scanFrom; i < limit; i++) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 == limit && !eof) { // is it CRLF? the LF is in the next read
                        int shift = fill();
                        i -= shift;
                        b = buffer;
                    }
                    lineStart = position;
                    lineEnd = i;
                    position = c == '\r' && i + 1 < limit && b[i + 1] == '\n' ? i + 2 : i + 1;
                    return true;
                }
            }
            if (eof) {
                if (position == limit) {
                    return false;
                }
                lineStart = position;
                lineEnd = limit;
                position = limit;
                return true;
            }
            int scanned = limit - position;
            fill();
            scanFrom = position + scanned;
        }
    }

    /**
     * Moves the unread bytes to the front of the buffer (growing it when a line fills it) and reads
     * more after them. Returns how far the bytes moved; sets {@code eof} when the stream has ended.
     */
    private int fill() throws IOException {
        int shift = position;
        int unread = limit - position;
        if (shift > 0) {
            System.arraycopy(buffer, position, buffer, 0, unread);
            position = 0;
            limit = unread;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return shift;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
