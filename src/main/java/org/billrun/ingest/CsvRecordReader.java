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
 * <p>Most lines of an export are simple: one record whose fields are unquoted or quoted whole, with
 * no control characters. Such a line is split here straight from the bytes (see
 * {@link #splitSimpleLine()}). Any other line (a quoted field spanning lines, a stray or unclosed
 * quote, a tab) is decoded with bad bytes replaced, and opencsv's RFC 4180 parser splits it and any
 * lines a quoted field continues on. A differential test holds the two ways together to the
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
    /** Scratch space for the fields of a line. */
    private String[] fields = new String[32];

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
                String[] fields = splitSimpleLine();
                if (fields == BLANK_LINE) {
                    lastCompletedLine = lastPhysicalLine;
                    continue;
                }
                if (fields != null) { // the usual record: one simple line
                    lastCompletedLine = lastPhysicalLine;
                    return CsvRecord.of(lastPhysicalLine, fields);
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

    /** Marks a line of spaces only, which is skipped. */
    private static final String[] BLANK_LINE = new String[0];

    /**
     * The fields of the last line read when it is a simple record, {@link #BLANK_LINE} when it is
     * empty or only spaces, and null otherwise. Simple: no control characters, and each field either
     * without double quotes or quoted whole (a quote opens it, the quote that closes it is followed by
     * a comma or the end of the line, and quotes inside are doubled). Non-ASCII bytes are decoded
     * field by field, as the whole line would decode: a malformed sequence never takes in an ASCII
     * byte such as a comma or a quote. Anything else (a quoted field going on to the next line, an
     * unclosed or stray quote, a tab) is left to opencsv.
     */
    private String[] splitSimpleLine() {
        byte[] b = buffer;
        int end = lineEnd;
        int count = 0;
        boolean visible = false; // an ASCII character other than a space
        boolean nonAscii = false;
        int from = lineStart;
        while (true) {
            String value;
            int next; // where the field ends: a comma, or the end of the line
            if (from < end && b[from] == '"') {
                visible = true;
                boolean doubled = false;
                boolean high = false;
                int close = from + 1;
                while (true) {
                    if (close >= end) {
                        return null; // goes on to the next line, or is never closed
                    }
                    byte c = b[close];
                    if (c == '"') {
                        if (close + 1 < end && b[close + 1] == '"') {
                            doubled = true;
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    if (c >= 0 && (c < 0x20 || c == 0x7F)) {
                        return null;
                    }
                    high |= c < 0;
                    close++;
                }
                next = close + 1;
                if (next < end && b[next] != ',') {
                    return null; // text after the closing quote
                }
                nonAscii |= high;
                value = text(from + 1, close, high);
                if (doubled) {
                    value = value.replace("\"\"", "\"");
                }
            } else {
                boolean high = false;
                next = from;
                while (next < end) {
                    byte c = b[next];
                    if (c == ',') {
                        break;
                    }
                    if (c >= 0) {
                        if (c < 0x20 || c == 0x7F || c == '"') {
                            return null;
                        }
                        visible |= c != ' ';
                    } else {
                        high = true;
                    }
                    next++;
                }
                nonAscii |= high;
                value = text(from, next, high);
            }
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
            }
            fields[count++] = value;
            if (next >= end) {
                break;
            }
            visible = true; // a comma
            from = next + 1;
        }
        if (!visible) {
            return nonAscii ? null : BLANK_LINE; // non-ASCII blanks (such as U+3000) are for isBlank() to judge
        }
        return Arrays.copyOf(fields, count);
    }

    /** {@code buffer[from, to)} as text: each byte one char when it is all ASCII, else decoded. */
    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): each byte is one char, exact for ASCII
    private String text(int from, int to, boolean nonAscii) {
        if (!nonAscii) {
            return new String(buffer, 0, from, to - from);
        }
        return decode(from, to);
    }

    /** A record that starts on a line that is not simple: opencsv's parser, over as many lines as a quoted field spans. */
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
        return decode(lineStart, lineEnd);
    }

    private String decode(int from, int to) {
        try {
            return decoder.decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
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
