package org.billrun.ingest;

import java.util.List;

/**
 * A run of consecutive parsed rows of one file part, the unit the ingest step reads and writes.
 * Spring Batch's per-item bookkeeping then happens once per block instead of once per row. The
 * reader hands over a list it no longer touches, so it is not copied.
 */
public record RowBlock(SourcePart part, List<ParsedRow> rows) {

    static final int MAX_ROWS = 500;
}
