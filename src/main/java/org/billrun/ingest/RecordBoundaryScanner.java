package org.billrun.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds lines where a CSV file can be cut into parts that are loaded in parallel: lines that start a
 * record, about every {@code rowsPerPart} records, with the byte offset where each such line starts
 * (a part's reader seeks there instead of reading all lines before it). The first cut is always the
 * line after the header. It scans bytes (quotes, commas and line breaks are
 * ASCII, so UTF-8 needs no decoding), counts lines as {@link java.io.BufferedReader#readLine()} does
 * and opens a quoted field only at the start of a field, as RFC 4180 (and {@link CsvRecordReader})
 * does. If any record comes near the length at which {@link CsvRecordReader} takes a quote for a stray
 * one, the two could disagree about where records start, so the file is not cut at all.
 */
final class RecordBoundaryScanner {

    private static final int SUSPECT_LINES = CsvRecordReader.MAX_LINES_PER_RECORD - 10;
    private static final int SUSPECT_BYTES = CsvRecordReader.MAX_RECORD_CHARS / 2;

    /** Line {@code line} (1-based) starts at byte {@code offset}. */
    record Cut(long line, long offset) {}

    private final long rowsPerPart;
    private final List<Cut> cuts = new ArrayList<>();
    private long position;
    private long pendingCut;
    private long line = 1;
    private long recordStartLine = 1;
    private long recordBytes;
    private long recordsSinceCut;
    private boolean fieldStart = true;
    private boolean inQuotes;
    private boolean quoteInQuotes;
    private boolean afterCarriageReturn;
    private boolean suspect;

    RecordBoundaryScanner(long rowsPerPart) {
        this.rowsPerPart = rowsPerPart;
    }

    void feed(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            position++;
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false; // the \n of a \r\n: the line already ended at the \r
                continue;
            }
            if (pendingCut > 0) {
                cuts.add(new Cut(pendingCut, position - 1)); // a byte follows, so the cut line exists
                pendingCut = 0;
            }
            afterCarriageReturn = b == '\r';
            recordBytes++;
            if (quoteInQuotes) {
                quoteInQuotes = false;
                if (b == '"') {
                    continue; // "" inside a quoted field is one quote
                }
                inQuotes = false; // the quote closed the field; this byte is read outside quotes
            }
            if (inQuotes) {
                if (b == '"') {
                    quoteInQuotes = true;
                } else if (b == '\n' || b == '\r') {
                    line++;
                    if (line - recordStartLine >= SUSPECT_LINES) {
                        suspect = true;
                    }
                }
            } else if (b == '\n' || b == '\r') {
                endRecord();
            } else if (b == ',') {
                fieldStart = true;
            } else {
                inQuotes = fieldStart && b == '"';
                fieldStart = false;
            }
            if (recordBytes > SUSPECT_BYTES) {
                suspect = true;
            }
        }
    }

    private void endRecord() {
        line++;
        recordsSinceCut++;
        recordStartLine = line;
        recordBytes = 0;
        fieldStart = true;
        if (recordStartLine == 2 || recordsSinceCut >= rowsPerPart) {
            pendingCut = recordStartLine;
            recordsSinceCut = 0;
        }
    }

    long bytes() {
        return position;
    }

    /** Lines, counted as {@link java.io.BufferedReader#readLine()} counts them. */
    long lines() {
        return position == 0 ? 0 : recordBytes > 0 || inQuotes ? line : line - 1;
    }

    /**
     * Where the parts start: the line after the header first, then one cut per part. Only the first
     * when the file must not be cut; none when the file has no line after the header.
     */
    List<Cut> cuts() {
        if ((suspect || inQuotes) && !cuts.isEmpty()) {
            return List.of(cuts.get(0));
        }
        return List.copyOf(cuts);
    }
}
