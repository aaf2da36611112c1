package org.billrun.ingest;

/** What became of one CSV record: a row ready to stage, or a rejection that says why. */
public sealed interface ParsedRow {

    long lineNo();

    /** Values are in {@link SourceKind#columns()} order, in canonical text form, null when empty. */
    record Accepted(long lineNo, String recordKey, String[] values) implements ParsedRow {}

    record Rejected(long lineNo, String column, String valueExcerpt, String reason) implements ParsedRow {}
}
