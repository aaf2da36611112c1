package org.billrun.ingest;

/** What became of one CSV record or query row: a row ready to stage, or a rejection that says why. */
public sealed interface ParsedRow {

    /** The file line the record starts on, or the row's number in a query's read order. */
    long lineNo();

    /** Values are in {@link SourceKind#columns()} order, in canonical text form, null when empty. */
    record Accepted(long lineNo, String recordKey, String[] values) implements ParsedRow {}

    /** {@code recordKey} is the row's record id when its key fields could be read, else null. */
    record Rejected(long lineNo, String recordKey, String column, String valueExcerpt, String reason) implements ParsedRow {}
}
