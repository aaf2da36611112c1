package org.billrun.ingest;

/**
 * One record of a CSV file as read, before any column is interpreted: the line it starts on and
 * its fields, or the reason the line could not be split into fields at all.
 */
public record CsvRecord(long lineNo, String[] fields, String malformedReason) {

    static CsvRecord of(long lineNo, String[] fields) {
        return new CsvRecord(lineNo, fields, null);
    }

    static CsvRecord malformed(long lineNo, String reason) {
        return new CsvRecord(lineNo, new String[0], reason);
    }

    public boolean isMalformed() {
        return malformedReason != null;
    }
}
